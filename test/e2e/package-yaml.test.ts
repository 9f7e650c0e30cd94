import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import { emulatorForFile, eventually, sdkClient } from "../support/emulator";
import { exampleDir, PulumiProject } from "./harness";
import { calls, finishedInlineRun, invocationStatus, LINUX } from "./support";

jest.setTimeout(600_000);

const dataDir = mkdtempSync(join(tmpdir(), "package-yaml-"));
const emu = emulatorForFile({ dataDir });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** StopInvocation lets a started run finish here: a delete then waits for it, within its timeout. */
const letFinish = emulatorForFile({ stopRunning: "let-finish" });

const TYPE = "alicloud-ecs-invocation:index";

/** A YAML program of these resources (YAML text, indented under `resources:`), after `header` (config). */
function yamlProgram(name: string, resources: string, header = ""): string {
  const dir = join(dataDir, `program-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: yaml\n${header}resources:\n${resources}`);
  return dir;
}

const stateOf = async (project: PulumiProject, type: string) =>
  (await project.exportState()).deployment.resources?.filter((r) => r.type === `${TYPE}:${type}`) ?? [];

describe("the provider package from Pulumi YAML, through the plugin", () => {
  it("examples/yaml: up, no-change preview, refresh, replace on a new version, destroy; the secret stays secret", async () => {
    const project = await PulumiProject.from(exampleDir("yaml"), "yaml-example", emu, { native: true });
    try {
      await project.config("token", "yaml-secret-token-value", true);
      const up = await project.up();
      expect(up.code).toBe(0);
      const outputs = await project.outputs<{ status: string; results: { instanceId: string; output: string }[] }>();
      expect(outputs.status).toBe("Success");
      expect(outputs.results.map((r) => r.output.trim())).toEqual(LINUX.map((id) => `deployed 1.0.0 on ${id}`));
      expect(readFileSync(join(dataDir, "instances", LINUX[0]!, "root", "app", "token"), "utf8")).toBe("yaml-secret-token-value");
      const [run] = await stateOf(project, "EcsInvocation");
      expect(JSON.stringify(run!.outputs!["parameters"])).toContain("ciphertext");

      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);
      expect((await project.refresh()).code).toBe(0);
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);

      await project.config("version", "1.0.1");
      const preview = await project.preview();
      // The changed parameter is a secret: the CLI names no secret key in `[diff: …]`.
      expect(preview.output).toMatch(/\+-\s+alicloud-ecs-invocation:index:EcsInvocation\s+run\s+replace/);
      expect(preview.output).not.toMatch(/EcsCommand\s+deploy\s+replace/);
      expect((await project.up()).code).toBe(0);
      expect(calls(emu, "InvokeCommand")).toHaveLength(2);
      expect((await project.outputs<{ results: { output: string }[] }>()).results[0]!.output).toContain("deployed 1.0.1");

      const destroy = await project.destroy();
      expect(destroy.code).toBe(0);
      expect(await stateOf(project, "EcsInvocation")).toEqual([]);
    } finally {
      await project.dispose();
    }
  });

  it("examples/yaml-files: EcsFile and fn::invoke of both lookups; the file's content stays secret; destroy leaves the file", async () => {
    const project = await PulumiProject.from(exampleDir("yaml-files"), "yaml-files-example", emu, { native: true });
    try {
      await project.config("apiToken", "yaml-file-secret-token", true);
      const before = calls(emu, "SendFile").length;
      const up = await project.up();
      expect({ code: up.code, output: up.code === 0 ? "" : up.output }).toEqual({ code: 0, output: "" });
      expect(calls(emu, "SendFile").length - before).toBe(1);
      const outputs = await project.outputs<{ fileTask: string; fileStatus: string; agentUpdateCommand: string; checkStatus: string }>();
      expect(outputs).toMatchObject({
        fileTask: expect.stringMatching(/^f-/),
        fileStatus: "Success",
        agentUpdateCommand: expect.stringMatching(/^c-/),
        checkStatus: "Success",
      });
      expect(readFileSync(join(dataDir, "instances", LINUX[1]!, "root", "app", "app.conf"), "utf8")).toBe("token=yaml-file-secret-token\n");
      const [file] = await stateOf(project, "EcsFile");
      expect(JSON.stringify(file!.inputs!["content"])).toContain("ciphertext");
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);
      expect((await project.destroy()).code).toBe(0);
      expect(existsSync(join(dataDir, "instances", LINUX[1]!, "root", "app", "app.conf"))).toBe(true);
    } finally {
      await project.dispose();
    }
  });

  it("pulumi import adopts a command and an invocation, prints YAML without secrets, and the program then has no changes", async () => {
    const ecs = sdkClient(emu);
    const commandId = (
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({
          regionId: "cn-hangzhou",
          name: "existing",
          type: "RunShellScript",
          enableParameter: true,
          commandContent: Buffer.from("test -n '{{who}}' && echo imported").toString("base64"),
        }),
      )
    ).body!.commandId!;
    const invokeId = (
      await ecs.invokeCommand(
        new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: [LINUX[0]!], parameters: { who: "import-secret-value" } }),
      )
    ).body!.invokeId!;
    await eventually(async () => ((await invocationStatus(emu, invokeId)) === "Success" ? true : undefined));

    const header = "config:\n  who:\n    type: string\n    secret: true\n";
    const project = await PulumiProject.from(yamlProgram("yaml-import", "  {}\n", header), "yaml-import", emu, { native: true });
    try {
      await project.config("who", "import-secret-value", true);
      const mutationsBefore = calls(emu, "InvokeCommand").length + calls(emu, "CreateCommand").length;
      const printed: string[] = [];
      for (const [type, name, id] of [
        ["EcsCommand", "existing", commandId],
        ["EcsInvocation", "existing-run", invokeId],
      ] as const) {
        const imported = await project.pulumi(["import", `${TYPE}:${type}`, name, id, "--yes", "--protect=false"]);
        expect([imported.code, imported.output]).toEqual([0, expect.stringContaining("= 1 imported")]);
        expect(imported.output).not.toContain("import-secret-value");
        printed.push(/resources:\n([\s\S]*?)\n*$/.exec(imported.stdout)![1]!);
      }
      expect(printed[0]).toContain("type: alicloud-ecs-invocation:EcsCommand");
      expect(printed[0]).toContain("commandContent: test -n '{{who}}' && echo imported");
      expect(printed[1]).toContain(`commandId: ${commandId}`);
      expect(printed[1]).not.toContain("parameters");
      expect(calls(emu, "InvokeCommand").length + calls(emu, "CreateCommand").length).toBe(mutationsBefore);

      // The printed declarations, plus the parameters from secret config (docs/package.md), preview with no changes.
      const program = `${printed.join("\n")}\n`;
      writeFileSync(
        join(project.dir, "Pulumi.yaml"),
        readFileSync(join(project.dir, "Pulumi.yaml"), "utf8").replace("resources:\n  {}\n", `resources:\n${withParameters(program)}`),
      );
      const preview = await project.preview(["--expect-no-changes", "--diff"]);
      expect([preview.code, preview.output]).toEqual([0, expect.not.stringContaining("replace")]);
    } finally {
      await project.dispose();
    }
  });

  it("pulumi import adopts a file without printing its content; with the content from secret config the program has no changes", async () => {
    const content = "token=imported-file-secret\n";
    const sent = await sdkClient(emu).sendFile(
      new $Ecs.SendFileRequest({ regionId: "cn-hangzhou", name: "imported.conf", content, targetDir: "/root/app", fileMode: "0600", instanceId: [LINUX[0]!] }),
    );
    const fileId = sent.body!.invokeId!;
    const header = "config:\n  conf:\n    type: string\n    secret: true\n";
    const project = await PulumiProject.from(yamlProgram("yaml-import-file", "  {}\n", header), "yaml-import-file", emu, { native: true });
    try {
      await project.config("conf", content, true);
      const sends = calls(emu, "SendFile").length;
      const imported = await project.pulumi(["import", `${TYPE}:EcsFile`, "imported", fileId, "--yes", "--protect=false"]);
      expect([imported.code, imported.output]).toEqual([0, expect.stringContaining("= 1 imported")]);
      const printed = /resources:\n([\s\S]*?)\n*$/.exec(imported.stdout)![1]!;
      expect(printed).toContain("name: imported.conf");
      expect(printed).toContain("fileMode: '0600'");
      expect(printed).not.toContain("imported-file-secret");
      // A required input the import cannot print: the generator writes an empty value.
      expect(printed).toContain('content: ""');
      const [file] = await stateOf(project, "EcsFile");
      expect(JSON.stringify(file!.outputs!["content"])).toContain("ciphertext");
      // The content, from secret configuration (docs/ecs-file.md), beside the printed declaration.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the YAML program's own interpolation.
      const declaration = printed.replace('content: ""', "content: ${conf}");
      writeFileSync(
        join(project.dir, "Pulumi.yaml"),
        readFileSync(join(project.dir, "Pulumi.yaml"), "utf8").replace("resources:\n  {}\n", `resources:\n${declaration}\n`),
      );
      const preview = await project.preview(["--expect-no-changes", "--diff"]);
      expect({ code: preview.code, output: preview.code === 0 ? "" : preview.output }).toEqual({ code: 0, output: "" });
      expect(calls(emu, "SendFile")).toHaveLength(sends);
    } finally {
      await project.dispose();
    }
  });

  it("pulumi import of a run of an inline script prints the script inline, and the program then has no changes", async () => {
    const invokeId = await finishedInlineRun(emu, "echo one-off");
    const project = await PulumiProject.from(yamlProgram("yaml-import-inline", "  {}\n"), "yaml-import-inline", emu, { native: true });
    try {
      const imported = await project.pulumi(["import", `${TYPE}:EcsInvocation`, "one-off", invokeId, "--yes", "--protect=false"]);
      expect([imported.code, imported.output]).toEqual([0, expect.stringContaining("= 1 imported")]);
      const printed = /resources:\n([\s\S]*?)\n*$/.exec(imported.stdout)![1]!;
      expect(printed).toContain("commandContent: echo one-off");
      expect(printed).toContain("type: RunShellScript");
      expect(printed).not.toContain("commandId");
      writeFileSync(
        join(project.dir, "Pulumi.yaml"),
        readFileSync(join(project.dir, "Pulumi.yaml"), "utf8").replace("resources:\n  {}\n", `resources:\n${printed}\n`),
      );
      const preview = await project.preview(["--expect-no-changes", "--diff"]);
      expect([preview.code, preview.output]).toEqual([0, expect.not.stringContaining("replace")]);
    } finally {
      await project.dispose();
    }
  });

  it("customTimeouts reach the plugin: a create stops waiting at them, and the state keeps the program's timeouts", async () => {
    const project = await PulumiProject.from(
      yamlProgram(
        "yaml-timeouts",
        [
          "  cmd:",
          `    type: ${TYPE}:EcsCommand`,
          "    properties: { name: slow, type: RunShellScript, commandContent: 'sleep 20' }",
          "  slow:",
          `    type: ${TYPE}:EcsInvocation`,
          "    properties:",
          `      commandId: \${cmd.id}`,
          `      instanceIds: [${LINUX[1]}]`,
          "    options:",
          "      customTimeouts: { create: 2s }",
          "",
        ].join("\n"),
      ),
      "yaml-timeouts",
      emu,
      { native: true },
    );
    try {
      const up = await project.up();
      expect(up.code).not.toBe(0);
      expect(up.output).toContain("did not reach a final state within the create timeout of 2s (it is Running)");
      const [slow] = await stateOf(project, "EcsInvocation");
      expect(slow!.outputs!["createOutcome"]).toBe("timedOut");
      expect(slow!.outputs!["timeouts"]).toBeUndefined();
    } finally {
      await project.dispose();
    }
  });

  it("customTimeouts.delete reaches the plugin: a delete waits that long for the run to stop, then keeps the resource", async () => {
    const project = await PulumiProject.from(
      yamlProgram(
        "yaml-delete-timeout",
        [
          "  cmd:",
          `    type: ${TYPE}:EcsCommand`,
          "    properties: { name: long, type: RunShellScript, commandContent: 'sleep 6' }",
          "  long:",
          `    type: ${TYPE}:EcsInvocation`,
          "    properties:",
          `      commandId: \${cmd.id}`,
          `      instanceIds: [${LINUX[0]}]`,
          "      waitForCompletion: false",
          "    options:",
          "      customTimeouts: { delete: 2s }",
          "",
        ].join("\n"),
      ),
      "yaml-delete-timeout",
      letFinish,
      { native: true },
    );
    try {
      expect((await project.up()).code).toBe(0);
      const [long] = await stateOf(project, "EcsInvocation");
      const destroy = await project.destroy();
      expect(destroy.code).not.toBe(0);
      expect(destroy.output).toContain(`Invocation ${long!.id} was asked to stop but is still Running after the delete timeout (2s)`);
      await eventually(async () => ((await invocationStatus(letFinish, long!.id!)) === "Success" ? true : undefined), 30_000);
      expect((await project.destroy()).code).toBe(0);
    } finally {
      await project.dispose();
    }
  });

  it("bad input fails the preview naming the field, the rule and the value; nothing is called", async () => {
    const project = await PulumiProject.from(
      yamlProgram(
        "yaml-bad-input",
        ["  run:", `    type: ${TYPE}:EcsInvocation`, "    properties: { commandId: c-bogus00001, instanceIds: [web-1], timeout: 5 }", ""].join("\n"),
      ),
      "yaml-bad-input",
      emu,
      { native: true },
    );
    try {
      const before = emu.requestLog.length;
      const preview = await project.preview();
      expect(preview.code).not.toBe(0);
      expect(preview.output).toContain('instanceIds[0]: must be an instance id such as i-bp1xxxx; got "web-1"');
      expect(preview.output).toContain("timeout: must be at least 10 seconds; got 5");
      expect(emu.requestLog.length).toBe(before);
    } finally {
      await project.dispose();
    }
  });

  it("a killed `pulumi up` followed by the next one runs the command once", async () => {
    const project = await PulumiProject.from(
      yamlProgram(
        "yaml-killed",
        [
          "  cmd:",
          `    type: ${TYPE}:EcsCommand`,
          "    properties: { name: killed, type: RunShellScript, commandContent: 'sleep 4; echo done' }",
          "  deploy:",
          `    type: ${TYPE}:EcsInvocation`,
          "    properties:",
          `      commandId: \${cmd.id}`,
          `      instanceIds: [${LINUX[0]}]`,
          "",
        ].join("\n"),
      ),
      "yaml-killed",
      emu,
      { native: true },
    );
    try {
      const known = new Set(Object.keys(emu.store.state.regions["cn-hangzhou"]?.invocations ?? {}));
      const up = project.startUp();
      const running = await eventually(
        async () =>
          Object.values(emu.store.state.regions["cn-hangzhou"]?.invocations ?? {}).find(
            (i) => !known.has(i.invokeId) && i.instances.every((s) => s.status === "Running"),
          ),
        60_000,
      );
      up.kill();
      expect((await up.done).code).not.toBe(0);
      await project.pulumi(["cancel", "--yes"]);
      const again = await project.up();
      expect(again.code).toBe(0);
      expect(again.output).toContain(`${running.invokeId} was started by an earlier \`pulumi up\` that was interrupted, with the same inputs`);
      expect(calls(emu, "InvokeCommand").filter((c) => c.params["CommandId"] === running.commandId)).toHaveLength(1);
      const [deploy] = await stateOf(project, "EcsInvocation");
      expect([deploy!.id, deploy!.outputs!["status"]]).toEqual([running.invokeId, "Success"]);
    } finally {
      await project.dispose();
    }
  });
});

/** Adds `parameters: { who: ${who} }` to the printed invocation, as docs/package.md tells a user to. */
function withParameters(program: string): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the YAML program's own interpolation.
  return program.replace(/(type: alicloud-ecs-invocation:EcsInvocation\n {4}properties:\n)/, "$1      parameters:\n        who: ${who}\n");
}

// The examples directory must hold the YAML example this file runs.
if (!existsSync(join(exampleDir("yaml"), "Pulumi.yaml"))) throw new Error("examples/yaml/Pulumi.yaml is missing");
