import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import ts from "typescript";
import { emulatorForFile, eventually, sdkClient } from "../support/emulator";
import { exampleDir, PulumiProject } from "./harness";
import { calls, invocationStatus, LINUX } from "./support";

jest.setTimeout(600_000);

const emu = emulatorForFile();
const TYPE = "alicloud-ecs-invocation:index";

describe("the provider package from TypeScript, through the generated SDK and the plugin", () => {
  it("examples/package-typescript: up, no-change preview, refresh, destroy", async () => {
    const project = await PulumiProject.from(exampleDir("package-typescript"), "package-ts", emu, { native: true });
    try {
      expect((await project.up()).code).toBe(0);
      const outputs = await project.outputs<{ status: string; outputs: string[] }>();
      expect(outputs).toEqual(expect.objectContaining({ status: "Success", outputs: LINUX.map((id) => `hello from the package on ${id}`) }));
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);
      const before = emu.requestLog.length;
      expect((await project.refresh()).code).toBe(0);
      // The finished run is read from the stack's listing, its output kept as stored (as through
      // the dynamic provider: test/e2e/parallel.test.ts).
      const reads = emu.requestLog.slice(before).filter((c) => c.action.includes("Invocation"));
      expect(reads.map((c) => `${c.action}${c.params["InvokeId"] ? " by id" : ""}`)).toEqual(["DescribeInvocations"]);
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);
      // customTimeouts are not inputs: they reach the plugin as the engine's timeouts and are not stored.
      const state = await project.exportState();
      const run = state.deployment.resources.find((r) => r.type === `${TYPE}:EcsInvocation`)!;
      expect(run.outputs!["timeouts"]).toBeUndefined();
      expect((await project.destroy()).code).toBe(0);
    } finally {
      await project.dispose();
    }
  });

  it("pulumi import prints TypeScript for both resources; with it the program previews with no changes", async () => {
    const ecs = sdkClient(emu);
    const commandId = (
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({
          regionId: "cn-hangzhou",
          name: "legacy",
          type: "RunShellScript",
          commandContent: Buffer.from("echo legacy").toString("base64"),
        }),
      )
    ).body!.commandId!;
    const invokeId = (await ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: [LINUX[1]!] }))).body!.invokeId!;
    await eventually(async () => ((await invocationStatus(emu, invokeId)) === "Success" ? true : undefined));

    const project = await PulumiProject.from(exampleDir("package-typescript"), "package-ts-import", emu, { native: true });
    try {
      expect((await project.up()).code).toBe(0);
      const before = calls(emu, "InvokeCommand").length;
      for (const [type, name, id] of [
        ["EcsCommand", "legacy", commandId],
        ["EcsInvocation", "legacy-run", invokeId],
      ] as const) {
        const imported = await project.pulumi(["import", `${TYPE}:${type}`, name, id, "--yes", "--protect=false"]);
        expect([imported.code, imported.output]).toEqual([0, expect.stringContaining("= 1 imported")]);
        // The code comes last, after the advice to copy it and the note on `protect`.
        const code = imported.stdout.slice(imported.stdout.indexOf("import * as"));
        expect(code).toContain(`new alicloud_ecs_invocation.${type}("${name}", {`);
        const diagnostics = ts.transpileModule(code, { reportDiagnostics: true }).diagnostics ?? [];
        expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
        appendFileSync(join(project.dir, "index.ts"), `\n${code.replace(/^import .*\n/m, "")}`);
      }
      expect(calls(emu, "InvokeCommand")).toHaveLength(before);
      const program = readFileSync(join(project.dir, "index.ts"), "utf8");
      appendFileSync(join(project.dir, "index.ts"), program.includes("alicloud_ecs_invocation from") ? "" : IMPORT_LINE);
      const preview = await project.preview(["--expect-no-changes", "--diff"]);
      expect([preview.code, preview.output]).toEqual([0, expect.not.stringContaining("replace")]);
    } finally {
      await project.dispose();
    }
  });
});

/** How the generated code imports the SDK (appended once: an import declaration may stand anywhere at top level). */
const IMPORT_LINE = '\nimport * as alicloud_ecs_invocation from "@pulumi-ecs-invocation/alicloud-ecs-invocation";\n';
