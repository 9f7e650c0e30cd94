import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import { emulatorForFile, sdkClient } from "../support/emulator";
import { PulumiProject, ROOT, SPEC_PROGRAM } from "./harness";
import { calls, finishedInlineRun, LINUX, runEcsImport, storedInvocation } from "./support";

jest.setTimeout(600_000);

const emu = emulatorForFile();

/** A spec (test/e2e/programs/spec) of one invocation running an inline script. */
const inline = (script: string, extra: Record<string, unknown> = {}) => ({
  invocations: { app: { args: { commandContent: script, instanceIds: [LINUX[0]], ...extra } } },
});

describe("inline scripts: commandContent instead of a command (RunCommand)", () => {
  it("runs the script with RunCommand once, keeps no command, replaces on a new script, and reads it back by id", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "inline", emu);
    try {
      await project.config("who", "inline-secret-who", true);
      // The script never prints its parameter: its output may stay readable.
      await project.spec(inline("echo hello {{who}} >/dev/null; echo done", { parameters: { who: "$secret:who" }, secretOutput: false }));
      const up = await project.up();
      expect(up.code).toBe(0);
      const runs = calls(emu, "RunCommand").filter((c) => c.code === "OK");
      expect(runs).toHaveLength(1);
      expect(runs[0]!.params).toEqual(expect.objectContaining({ KeepCommand: "false", EnableParameter: "true", Type: "RunShellScript" }));
      expect(runs[0]!.params["ClientToken"]).toMatch(/^pulumi-/);
      expect(calls(emu, "CreateCommand")).toEqual([]);
      const first = (await storedInvocation(project, "app"))!;
      expect((first.outputs!["instances"] as { output: string }[])[0]!.output).toBe("done\n");
      const listed = (await sdkClient(emu).describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: "cn-hangzhou" }))).body!.commands!.command ?? [];
      expect(listed.map((c) => c.commandId)).not.toContain((first.outputs!["commandId"] as string | undefined) ?? "none");

      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);

      // A new script runs again; the old run is settled first (delete before replace).
      await project.spec(inline("echo second", { secretOutput: false }));
      const preview = await project.preview();
      expect(preview.output).toMatch(/\+-\s+pulumi-nodejs:dynamic\/alicloud:EcsInvocation\s+app\s+replace\s+\[diff: -parameters~commandContent\]/);
      expect((await project.up()).code).toBe(0);
      expect(calls(emu, "RunCommand").filter((c) => c.code === "OK")).toHaveLength(2);
      const second = (await storedInvocation(project, "app"))!;
      expect(second.id).not.toBe(first.id);

      // Read back by id: the script, not a command id.
      await project.config("gets", JSON.stringify({ seen: second.id }));
      expect((await project.up()).code).toBe(0);
      const seen = (await project.exportState()).deployment.resources.find((r) => r.urn.endsWith("EcsInvocation::seen"))!;
      expect(seen.outputs).toEqual(expect.objectContaining({ commandContent: "echo second", type: "RunShellScript" }));
      expect(seen.outputs!["commandId"]).toBeUndefined();
    } finally {
      await project.dispose();
    }
  });

  it("`ecs-import` declares an invocation of an inline script inline, and the program adopts it with no change", async () => {
    const invokeId = await finishedInlineRun(emu, "echo one-off");
    const generated = await runEcsImport(emu, ["--region", "cn-hangzhou", "--endpoint", emu.url, invokeId]);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain('commandContent: "echo one-off",');
    expect(generated.stdout).toContain('type: "RunShellScript",');
    expect(generated.stdout).not.toContain("commandId");

    const dir = join(ROOT, ".build", "e2e", `inline-import-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "index.ts"), generated.stdout);
    const project = await PulumiProject.from(dir, "inline-import", emu);
    try {
      const runs = calls(emu, "RunCommand").length;
      expect((await project.up()).code).toBe(0);
      expect(calls(emu, "RunCommand")).toHaveLength(runs);
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);
    } finally {
      await project.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
