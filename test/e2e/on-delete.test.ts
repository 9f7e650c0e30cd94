import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningEmulator } from "../../emulator";
import { emulator } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, LINUX, spec, storedInvocation } from "./support";

jest.setTimeout(300_000);

const INSTALL = "mkdir -p ~/app && echo v1 > ~/app/installed && echo installed";
const CLEANUP = { commandContent: "rm -f ~/app/installed && echo removed" };

describe("onDelete: cleanup when the invocation is destroyed or replaced", () => {
  let dataDir: string;
  let emu: RunningEmulator;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "on-delete-"));
    emu = await emulator({ dataDir });
  });
  afterAll(async () => {
    await emu.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const installed = () => existsSync(join(dataDir, "instances", LINUX[0]!, "root", "app", "installed"));
  const cleanups = () => calls(emu, "RunCommand").filter((c) => c.code === "OK");

  it("runs the cleanup on destroy, and before the new run on replace", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "on-delete", emu);
    try {
      await project.spec(spec(INSTALL, { app: { onDelete: CLEANUP } }));
      expect((await project.up()).code).toBe(0);
      expect(installed()).toBe(true);

      // Replace: the cleanup runs after the old invocation, before the new one.
      await project.spec(spec(`${INSTALL} again`, { app: { onDelete: CLEANUP } }));
      const before = emu.requestLog.length;
      expect((await project.up()).code).toBe(0);
      const order = emu.requestLog.slice(before).filter((e) => ["RunCommand", "InvokeCommand"].includes(e.action) && e.code === "OK");
      expect(order.map((e) => e.action)).toEqual(["RunCommand", "InvokeCommand"]);
      expect(installed()).toBe(true);

      const destroy = await project.destroy();
      expect(destroy.code).toBe(0);
      expect(installed()).toBe(false);
      expect(cleanups()).toHaveLength(2);
    } finally {
      await project.dispose();
    }
  });

  it("a failed cleanup fails the destroy and keeps the resource; once fixed, the next destroy runs it again", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "on-delete-fail", emu);
    try {
      await project.spec(spec(INSTALL, { app: { onDelete: { commandContent: "echo cannot remove; exit 5" } } }));
      expect((await project.up()).code).toBe(0);
      const first = cleanups().length;
      const failed = await project.destroy();
      expect(failed.code).not.toBe(0);
      expect(failed.output).toMatch(/The cleanup command \(onDelete\) t-\w+ failed\./);
      expect(failed.output).toContain("exit code 5");
      expect(failed.output).toContain("The resource stays in state.");
      expect(await storedInvocation(project, "app")).toBeDefined();

      // Fixing the cleanup is an update in place: the command itself does not run again.
      const invokes = calls(emu, "InvokeCommand").length;
      await project.spec(spec(INSTALL, { app: { onDelete: CLEANUP } }));
      expect((await project.up()).code).toBe(0);
      expect(calls(emu, "InvokeCommand")).toHaveLength(invokes);
      expect((await project.destroy()).code).toBe(0);
      expect(cleanups()).toHaveLength(first + 2);
      expect(installed()).toBe(false);
    } finally {
      await project.dispose();
    }
  });
});
