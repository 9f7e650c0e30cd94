import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import ts from "typescript";
import { emulatorForFile, eventually, sdkClient } from "../support/emulator";
import { PulumiProject, ROOT } from "./harness";
import { calls, invocationStatus, LINUX, runEcsImport } from "./support";

jest.setTimeout(600_000);

const emu = emulatorForFile();

const ecsImport = (args: string[]) => runEcsImport(emu, args);

describe("ecs-import, for users arriving from Terraform", () => {
  it("writes a program from a Terraform state that adopts every command and invocation: nothing runs, nothing differs", async () => {
    const ecs = sdkClient(emu);
    const commandId = (
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({
          regionId: "cn-hangzhou",
          name: "greet",
          type: "RunShellScript",
          enableParameter: true,
          timeout: 30,
          commandContent: Buffer.from('test -n "{{who}}" && echo hello').toString("base64"),
        }),
      )
    ).body!.commandId!;
    const invokeIds: string[] = [];
    for (const instance of LINUX) {
      invokeIds.push(
        (
          await ecs.invokeCommand(
            new $Ecs.InvokeCommandRequest({
              regionId: "cn-hangzhou",
              commandId,
              instanceId: [instance],
              parameters: { who: "imported-secret-value" },
              tag: [new $Ecs.InvokeCommandRequestTag({ key: "team", value: "web" })],
            }),
          )
        ).body!.invokeId!,
      );
    }
    for (const id of invokeIds) await eventually(async () => ((await invocationStatus(emu, id)) === "Success" ? true : undefined));
    const work = join(ROOT, ".build", "e2e", `import-${process.pid}`);
    const program = join(work, "program");
    mkdirSync(program, { recursive: true });
    try {
      const state = {
        version: 4,
        terraform_version: "1.9.0",
        resources: [
          { mode: "managed", type: "alicloud_ecs_command", name: "greet", instances: [{ attributes: { id: commandId } }] },
          {
            mode: "managed",
            type: "alicloud_ecs_invocation",
            name: "greet_all",
            instances: invokeIds.map((id, index) => ({ index_key: index, attributes: { id } })),
          },
        ],
      };
      writeFileSync(join(work, "terraform.tfstate"), JSON.stringify(state));
      const generated = await ecsImport(["--terraform-state", join(work, "terraform.tfstate"), "--region", "cn-hangzhou", "--endpoint", emu.url]);
      expect(generated.stderr).toContain("1 command(s), 2 invocation(s) from region cn-hangzhou. Set 2 secret parameter value(s) first");
      expect(generated.code).toBe(0);
      expect(generated.stdout).not.toContain("imported-secret-value");
      writeFileSync(join(program, "index.ts"), generated.stdout);

      const project = await PulumiProject.from(program, "imported", emu);
      try {
        await project.config("greet_all-0.who", "imported-secret-value", true);
        await project.config("greet_all-1.who", "imported-secret-value", true);
        const invokesBefore = calls(emu, "InvokeCommand").length;
        const up = await project.up();
        expect(up.code).toBe(0);
        expect(up.output).toContain("+ 4 created"); // the stack, the command and both invocations: adopted
        expect(calls(emu, "InvokeCommand")).toHaveLength(invokesBefore);
        expect(calls(emu, "CreateCommand")).toHaveLength(1);
        const state2 = await project.exportState();
        expect(
          state2.deployment.resources
            .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/alicloud:"))
            .map((r) => r.id)
            .sort(),
        ).toEqual([commandId, ...invokeIds].sort());
        expect(await project.outputs()).toEqual({ greetAll0Status: "Success", greetAll1Status: "Success" });
        const preview = await project.preview(["--expect-no-changes", "--diff"]);
        expect([preview.code, preview.output]).toEqual([0, expect.any(String)]);
      } finally {
        await project.dispose();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("names what it cannot find, and explains its usage", async () => {
    const missing = await ecsImport(["--region", "cn-hangzhou", "--endpoint", emu.url, "t-doesnotexist"]);
    expect([missing.code, missing.stderr.trim()]).toEqual([
      1,
      "ecs-import: not found in region cn-hangzhou: t-doesnotexist (check the ids and --region; invocation records are kept about 30 days)",
    ]);
    const usage = await ecsImport(["i-notanid"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('"i-notanid" is neither a command id (c-…) nor an invocation id (t-…)');
    expect(usage.stderr).toContain("usage: ecs-import");
  });

  it("keeps Terraform's `default` names (a command and an invocation), writes code that compiles, and adopts an id named twice once", async () => {
    const ecs = sdkClient(emu);
    const commandId = (
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({
          regionId: "cn-hangzhou",
          name: "tf-default",
          type: "RunShellScript",
          commandContent: Buffer.from("echo hi").toString("base64"),
        }),
      )
    ).body!.commandId!;
    const invokeId = (await ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: [LINUX[0]!] }))).body!.invokeId!;
    await eventually(async () => ((await invocationStatus(emu, invokeId)) === "Success" ? true : undefined));
    const work = join(ROOT, ".build", "e2e", `import-default-${process.pid}`);
    mkdirSync(join(work, "program"), { recursive: true });
    try {
      // As in Terraform's own alicloud_ecs_* examples.
      const state = {
        version: 4,
        resources: [
          { mode: "managed", type: "alicloud_ecs_command", name: "default", instances: [{ attributes: { id: commandId } }] },
          { mode: "managed", type: "alicloud_ecs_invocation", name: "default", instances: [{ attributes: { id: invokeId } }] },
        ],
      };
      writeFileSync(join(work, "terraform.tfstate"), JSON.stringify(state));
      // The invocation's id is also named on the command line: adopted once, under its Terraform name.
      const generated = await ecsImport(["--terraform-state", join(work, "terraform.tfstate"), "--endpoint", emu.url, "--region", "cn-hangzhou", invokeId]);
      expect([generated.code, generated.stderr.trim()]).toEqual([0, "ecs-import: 1 command(s), 1 invocation(s) from region cn-hangzhou."]);
      expect(generated.stdout).toContain('const defaultCommand = new EcsCommand("default", {');
      expect(generated.stdout).toContain('const defaultInvocation = new EcsInvocation("default", {\n  commandId: defaultCommand.id,');
      const diagnostics = ts.transpileModule(generated.stdout, { reportDiagnostics: true }).diagnostics ?? [];
      expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
      writeFileSync(join(work, "program", "index.ts"), generated.stdout);

      const project = await PulumiProject.from(join(work, "program"), "imported-default", emu);
      try {
        const invokes = calls(emu, "InvokeCommand").length;
        expect((await project.up()).code).toBe(0);
        expect(calls(emu, "InvokeCommand")).toHaveLength(invokes);
        const names = (await project.exportState()).deployment.resources
          .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))
          .map((r) => r.urn.split("::").slice(-2).join("::"));
        expect(names.sort()).toEqual(["pulumi-nodejs:dynamic/alicloud:EcsCommand::default", "pulumi-nodejs:dynamic/alicloud:EcsInvocation::default"]);
        const preview = await project.preview(["--expect-no-changes", "--diff"]);
        expect([preview.code, preview.output]).toEqual([0, expect.any(String)]);
      } finally {
        await project.dispose();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("says what a given file holds when it is not a state with something to adopt", async () => {
    const work = join(ROOT, ".build", "e2e", `import-errors-${process.pid}`);
    mkdirSync(work, { recursive: true });
    const run = async (content: string) => {
      writeFileSync(join(work, "state.json"), content);
      return ecsImport(["--terraform-state", join(work, "state.json"), "--endpoint", emu.url]);
    };
    try {
      const unrelated = await run(JSON.stringify({ version: 4, resources: [{ mode: "managed", type: "alicloud_vpc", name: "v", instances: [] }] }));
      expect(unrelated.code).toBe(1);
      expect(unrelated.stderr).toContain("holds no alicloud_ecs_command or alicloud_ecs_invocation resources (its resources are of type alicloud_vpc)");
      expect(unrelated.stderr).not.toContain("usage:");
      for (const [content, says] of [
        ["null", 'it holds null, not an object with "version" and "resources"'],
        ['{"version":4,"resources":[null]}', "resources[0] expected object, received null"],
      ] as const) {
        const result = await run(content);
        expect([result.code, result.stderr]).toEqual([1, expect.stringContaining(says)]);
        expect(result.stderr).not.toMatch(/Cannot read properties|TypeError/);
      }
      const missing = await ecsImport(["--terraform-state", join(work, "nope.json")]);
      expect([missing.code, missing.stderr.trim()]).toEqual([1, `ecs-import: cannot read the Terraform state ${join(work, "nope.json")}: no such file`]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
