import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningEmulator } from "../../emulator";
import { control, emulator } from "../support/emulator";
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

  it("a failed cleanup with parameters says its output is hidden, never pointing at a secret output that is not stored", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "on-delete-secret", emu);
    try {
      const onDelete = { commandContent: "echo {{token}}; exit 3", parameters: { token: "cleanup-parameter" } };
      await project.spec(spec(INSTALL, { app: { onDelete } }));
      expect((await project.up()).code).toBe(0);
      const failed = await project.destroy();
      expect(failed.code).not.toBe(0);
      expect(failed.output).toContain("exit code 3");
      expect(failed.output).toContain("(hidden: onDelete has parameters");
      expect(failed.output).not.toContain("--show-secrets");
      expect(failed.output).not.toContain("cleanup-parameter");
      await project.spec(spec(INSTALL, { app: {} }));
      expect((await project.up()).code).toBe(0);
    } finally {
      await project.dispose();
    }
  });

  // Last in the file: it releases an instance of the file's emulator.
  it("a cleanup that cannot start: `continue` warns with the code and deletes; `fail` keeps it and says what to do", async () => {
    const target = { instanceIds: [LINUX[1]] };
    const kept = await PulumiProject.from(SPEC_PROGRAM, "on-delete-gone-fail", emu);
    const continued = await PulumiProject.from(SPEC_PROGRAM, "on-delete-gone-continue", emu);
    try {
      await kept.spec(spec(INSTALL, { app: { ...target, onDelete: CLEANUP } }));
      await continued.spec(spec(INSTALL, { app: { ...target, onDelete: { ...CLEANUP, onFailure: "continue" } } }));
      expect((await kept.up()).code).toBe(0);
      expect((await continued.up()).code).toBe(0);
      await control(emu, "DELETE", `fleet/${LINUX[1]}`);

      const goneOn = await continued.destroy();
      expect(goneOn.code).toBe(0);
      expect(goneOn.output).toMatch(/The cleanup command \(onDelete\) of t-\w+ could not be started: RunCommand failed: InvalidInstance\.NotFound/);
      expect(goneOn.output).toContain("RequestId");
      expect(goneOn.output).toContain('The resource is deleted anyway (onDelete.onFailure is "continue").');
      expect(await storedInvocation(continued, "app")).toBeUndefined();

      const stays = await kept.destroy();
      expect(stays.code).not.toBe(0);
      expect(stays.output).toContain("could not be started: RunCommand failed: InvalidInstance.NotFound");
      expect(stays.output).toContain("remove onDelete and run `pulumi up`");
      expect(await storedInvocation(kept, "app")).toBeDefined();
      // What the message says works: without onDelete the destroy goes through.
      await kept.spec(spec(INSTALL, { app: target }));
      expect((await kept.up()).code).toBe(0);
    } finally {
      await kept.dispose();
      await continued.dispose();
    }
  });
});
