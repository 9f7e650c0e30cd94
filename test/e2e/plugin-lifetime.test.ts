import { existsSync, readFileSync } from "node:fs";
import { emulatorForFile, eventually } from "../support/emulator";
import { PulumiProject, processTree, SPEC_PROGRAM } from "./harness";
import { spec } from "./support";

jest.setTimeout(300_000);

const emu = emulatorForFile();

/** The command line of a process, or "" once it is gone. */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

const alive = (pid: number): boolean => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");

describe("the provider plugin's lifetime", () => {
  it("exits by itself when the CLI that started it is killed (-9), and the next up records the run it was waiting for", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "plugin-lifetime", emu, { native: true });
    let left: number[] = [];
    try {
      await project.config("sdk", "package");
      await project.spec(spec("sleep 4; echo done", { slow: {} }));
      const up = project.startUp();
      const plugin = await eventually(async () => processTree(up.pid).find((pid) => commandLine(pid).includes("plugin/main.js")), 120_000);
      await eventually(async () => (emu.requestLog.some((e) => e.action === "InvokeCommand" && e.code === "OK") ? true : undefined), 120_000);
      left = processTree(up.pid).filter((pid) => pid !== up.pid && pid !== plugin);
      up.killCliOnly();
      await up.done;
      // Nobody will call it again: it notices its engine is gone and exits.
      await eventually(async () => (alive(plugin) ? undefined : true), 30_000);

      await project.pulumi(["cancel", "--yes"]);
      const again = await project.up();
      expect(again.code).toBe(0);
      expect(again.output).toContain("it is recorded for this resource instead of running the command again");
      expect(emu.requestLog.filter((e) => e.action === "InvokeCommand" && e.code === "OK")).toHaveLength(1);
    } finally {
      // The language host checks its engine only every five minutes (as Pulumi's own hosts do): not waited for here.
      for (const pid of left) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
      await project.dispose();
    }
  });
});
