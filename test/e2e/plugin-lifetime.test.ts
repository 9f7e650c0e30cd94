import { existsSync, readdirSync, readFileSync } from "node:fs";
import { emulatorForFile, eventually } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { spec } from "./support";

jest.setTimeout(300_000);

const emu = emulatorForFile();

/** Processes whose parent is `pid`, with their command lines. */
function childrenOf(pid: number): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) found.push({ pid: Number(entry), cmdline: readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ") });
    } catch {
      // The process ended while the table was read.
    }
  }
  return found;
}

/** `pid` and everything it started, as a list of pids. */
function treeOf(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap((child) => treeOf(child.pid))];
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
      const plugin = await eventually(async () => childrenOf(up.pid).find((p) => p.cmdline.includes("plugin/main.js")), 120_000);
      await eventually(async () => (emu.requestLog.some((e) => e.action === "InvokeCommand" && e.code === "OK") ? true : undefined), 120_000);
      left = treeOf(up.pid).filter((pid) => pid !== up.pid && pid !== plugin.pid);
      up.killCliOnly();
      await up.done;
      // Nobody will call it again: it notices its engine is gone and exits.
      await eventually(async () => (alive(plugin.pid) ? undefined : true), 30_000);

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
