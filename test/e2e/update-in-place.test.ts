import type { INVOCATION_FIELDS } from "../../provider/schema/invocation-fields";
import { emulatorForFile } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, mutations, spec, storedInvocation } from "./support";

jest.setTimeout(600_000);

const emu = emulatorForFile();

type UpdateField = {
  [K in keyof typeof INVOCATION_FIELDS]: (typeof INVOCATION_FIELDS)[K]["kind"] extends "update" ? K : never;
}[keyof typeof INVOCATION_FIELDS];

/**
 * A value for every input that updates in place. Keyed by the field table: an input declared
 * `update` there without a value here is a type error, so every in-place path is exercised.
 */
const UPDATE_VALUES: Record<UpdateField, unknown> = {
  timeouts: { create: "2m", delete: "2m" },
  waitForCompletion: true,
  waitForAgent: true,
  liveOutput: false,
  rollout: { maxConcurrency: "50%", maxErrors: 1 },
  previewDryRun: true,
  outputTailBytes: 4,
  onDelete: { commandContent: "echo cleanup", onFailure: "continue" },
  secretOutput: true,
  adoptInvokeId: undefined, // set below to the invocation's own id: adopting what it already is
};

describe("in-place updates through the real CLI: every path of both resources", () => {
  it("EcsCommand: adding and removing timeouts, and dropping the import option after adopting, update in place", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "command-update", emu);
    try {
      const command = { name: "upd", type: "RunShellScript", commandContent: "echo hi" };
      await project.spec({ commands: { c: command } });
      expect((await project.up()).code).toBe(0);
      const { commandIds } = await project.outputs<{ commandIds: { c: string } }>();

      for (const step of [{ ...command, timeouts: { delete: "2m" } }, command]) {
        await project.spec({ commands: { c: step } });
        const up = await project.up();
        expect([up.code, up.output]).toEqual([0, expect.stringContaining("1 updated")]);
      }

      // Adopt the command under a second name, then follow examples/import: remove the option.
      await project.spec({ commands: { c: command, adopted: { ...command, adoptCommandId: commandIds.c } } });
      expect((await project.up()).code).toBe(0);
      await project.spec({ commands: { c: command, adopted: command } });
      const dropped = await project.up();
      expect([dropped.code, dropped.output]).toEqual([0, expect.stringContaining("1 updated")]);
      expect(calls(emu, "CreateCommand")).toHaveLength(1);
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);
    } finally {
      await project.dispose();
    }
  });

  it("EcsInvocation: each in-place input added, then removed, never runs the command again", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "invocation-update", emu);
    try {
      await project.spec(spec("echo hello", { app: {} }));
      expect((await project.up()).code).toBe(0);
      const invokeId = (await storedInvocation(project, "app"))!.id!;
      const values = { ...UPDATE_VALUES, adoptInvokeId: invokeId };
      const before = mutations(emu).length;
      for (const [field, value] of Object.entries(values)) {
        await project.spec(spec("echo hello", { app: { [field]: value } }));
        const added = await project.up();
        expect([field, added.code, added.output]).toEqual([field, 0, expect.stringContaining("1 updated")]);
        await project.spec(spec("echo hello", { app: {} }));
        const removed = await project.up();
        expect([field, removed.code, removed.output]).toEqual([field, 0, expect.stringContaining("1 updated")]);
      }
      // Every update stayed in state: the same invocation, nothing sent to the cloud.
      expect((await storedInvocation(project, "app"))!.id).toBe(invokeId);
      expect(mutations(emu).slice(before)).toEqual([]);
    } finally {
      await project.dispose();
    }
  });

  it("an empty triggers list is no trigger: adding one changes nothing and runs nothing", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "empty-triggers", emu);
    try {
      await project.spec(spec("echo hello", { app: {} }));
      expect((await project.up()).code).toBe(0);
      const invokes = calls(emu, "InvokeCommand").length;
      await project.spec(spec("echo hello", { app: { triggers: [], tags: {} } }));
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);
      expect((await project.up()).code).toBe(0);
      expect(calls(emu, "InvokeCommand")).toHaveLength(invokes);
    } finally {
      await project.dispose();
    }
  });
});
