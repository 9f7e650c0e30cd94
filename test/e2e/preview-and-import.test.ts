import * as $Ecs from "@alicloud/ecs20140526";
import { emulatorForFile, sdkClient } from "../support/emulator";
import { exampleDir, PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, LINUX, mutations, spec } from "./support";

jest.setTimeout(600_000);

const emu = emulatorForFile();

async function existingInvocation(content: string): Promise<{ commandId: string; invokeId: string }> {
  const ecs = sdkClient(emu);
  const commandId = (
    await ecs.createCommand(
      new $Ecs.CreateCommandRequest({
        regionId: "cn-hangzhou",
        name: "existing",
        type: "RunShellScript",
        commandContent: Buffer.from(content).toString("base64"),
      }),
    )
  ).body!.commandId!;
  const invokeId = (await ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: [LINUX[0]!] }))).body!.invokeId!;
  return { commandId, invokeId };
}

describe("preview", () => {
  it("fails on invalid inputs naming each field and rule, and runs nothing", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "preview", emu);
    try {
      await project.spec(spec("true", { bad: { instanceIds: [], repeatMode: "Twice", timeout: 5, frequency: "rate(10s)" } }));
      const preview = await project.preview();
      expect(preview.code).not.toBe(0);
      expect(preview.output).toContain("instanceIds: must name at least one instance; got []");
      expect(preview.output).toContain('repeatMode: must be one of Once, Period, NextRebootOnly, EveryReboot, DryRun; got "Twice"');
      expect(preview.output).toContain("timeout: must be at least 10 seconds; got 5");
      expect(preview.output).toContain("frequency: only applies when repeatMode is Period");
      expect(calls(emu, "InvokeCommand")).toHaveLength(0);
      expect(calls(emu, "CreateCommand")).toHaveLength(0);
    } finally {
      await project.dispose();
    }
  });
});

describe("import by id", () => {
  it("adopts an existing invocation with the import option without running anything", async () => {
    const existing = await existingInvocation("echo adopted");
    const project = await PulumiProject.from(exampleDir("import"), "import", emu);
    try {
      await project.config("invokeId", existing.invokeId);
      await project.config("commandId", existing.commandId);
      await project.config("instanceIds", JSON.stringify([LINUX[0]]));
      const invokes = calls(emu, "InvokeCommand").length;
      const up = await project.up();
      expect(up).toEqual(expect.objectContaining({ code: 0 }));
      expect(calls(emu, "InvokeCommand")).toHaveLength(invokes);
      expect(await project.outputs()).toEqual({ adoptedStatus: "Success", seenStatus: "Success" });
      const adopted = (await project.exportState()).deployment.resources.find((r) => r.urn.endsWith("::adopted"))!;
      expect(adopted.id).toBe(existing.invokeId);
    } finally {
      await project.dispose();
    }
  });

  it("keeps an adopted invocation when the import option is removed afterwards, without calling the cloud", async () => {
    const existing = await existingInvocation("echo kept");
    const project = await PulumiProject.from(SPEC_PROGRAM, "import-then-drop", emu);
    try {
      const declared = { invocations: { kept: { args: { commandId: existing.commandId, instanceIds: [LINUX[0]] } } } };
      await project.spec({ invocations: { kept: { ...declared.invocations.kept, import: existing.invokeId } } });
      expect((await project.up()).code).toBe(0);
      const before = mutations(emu).length;
      await project.spec(declared);
      const up = await project.up();
      expect([up.code, up.output]).toEqual([0, expect.stringContaining("1 updated")]);
      expect(mutations(emu)).toHaveLength(before);
      const stored = (await project.exportState()).deployment.resources.find((r) => r.urn.endsWith("::kept"))!;
      expect(stored.id).toBe(existing.invokeId);
    } finally {
      await project.dispose();
    }
  });

  it("adopts an invocation that ran as the default user when the program names that user", async () => {
    const existing = await existingInvocation("echo defaulted");
    const project = await PulumiProject.from(SPEC_PROGRAM, "import-username", emu);
    try {
      await project.spec({
        invocations: { adopted: { args: { commandId: existing.commandId, instanceIds: [LINUX[0]], username: "root" }, import: existing.invokeId } },
      });
      const up = await project.up();
      expect([up.code, up.output]).toEqual([0, expect.not.stringContaining("Cannot import")]);
      const stored = (await project.exportState()).deployment.resources.find((r) => r.urn.endsWith("::adopted"))!;
      expect(stored.id).toBe(existing.invokeId);
    } finally {
      await project.dispose();
    }
  });

  it("refuses to adopt an invocation that differs from the program, listing the differing fields", async () => {
    const existing = await existingInvocation("echo other");
    const project = await PulumiProject.from(exampleDir("import"), "import-mismatch", emu);
    try {
      await project.config("invokeId", existing.invokeId);
      await project.config("commandId", "c-notthesame");
      await project.config("instanceIds", JSON.stringify(LINUX));
      const up = await project.up();
      expect(up.code).not.toBe(0);
      expect(up.output).toContain(`Cannot import invocation ${existing.invokeId}: the program declares different inputs:`);
      expect(up.output).toContain(`commandId: declared "c-notthesame", actual "${existing.commandId}"`);
      expect(up.output).toContain(`instanceIds: declared ${JSON.stringify(LINUX)}, actual ["${LINUX[0]}"]`);
    } finally {
      await project.dispose();
    }
  });
});
