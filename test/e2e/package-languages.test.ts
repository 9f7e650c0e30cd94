import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import { emulatorForFile, eventually, sdkClient } from "../support/emulator";
import { exampleDir, PulumiProject, ROOT } from "./harness";
import { calls, invocationStatus, LINUX } from "./support";

// Python and Go programs through the package's generated SDKs and the plugin, run by this project's
// own language hosts (tools/pulumi-cli: pulumi-language-python, pulumi-language-go).
jest.setTimeout(900_000);

const emu = emulatorForFile();
const TYPE = "alicloud-ecs-invocation:index";

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests with \`npm test\` (scripts/env.sh sets it up).`);
  return value;
}

/** What a program of each language needs beside its sources: its virtualenv, or its module's SDK. */
const LANGUAGES = {
  python: {
    example: "package-python",
    prepare(dir: string): void {
      symlinkSync(need("PYTHON_PROGRAM_VENV"), join(dir, "venv"), "dir");
    },
    empty: { "__main__.py": "import pulumi\n" },
    programFile: "__main__.py",
  },
  go: {
    example: "package-go",
    prepare(dir: string): void {
      // The example's module finds the SDK beside it in the repository; the copy, by absolute path.
      execFileSync("go", ["mod", "edit", "-replace", `github.com/pulumi-ecs-invocation/pulumi-ecs-invocation/sdk/go=${join(ROOT, "sdk", "go")}`], { cwd: dir });
    },
    empty: {
      "main.go":
        'package main\n\nimport "github.com/pulumi/pulumi/sdk/v3/go/pulumi"\n\nfunc main() {\n\tpulumi.Run(func(ctx *pulumi.Context) error { return nil })\n}\n',
    },
    programFile: "main.go",
  },
} as const;

async function languageProject(language: keyof typeof LANGUAGES, name: string, program?: Record<string, string>): Promise<PulumiProject> {
  const spec = LANGUAGES[language];
  let source = exampleDir(spec.example);
  if (program) {
    // The example's project (runtime, module) with other sources.
    source = join(ROOT, ".build", "e2e", `${name}-source-${process.pid}`);
    rmSync(source, { recursive: true, force: true });
    mkdirSync(source, { recursive: true });
    cpSync(exampleDir(spec.example), source, { recursive: true, filter: (src) => !/\.(py|go)$/.test(src) || src.endsWith("go.mod") });
    for (const [file, text] of Object.entries(program)) writeFileSync(join(source, file), text);
  }
  try {
    const project = await PulumiProject.from(source, name, emu, { native: true });
    spec.prepare(project.dir);
    return project;
  } finally {
    if (program) rmSync(source, { recursive: true, force: true });
  }
}

describe.each(["python", "go"] as const)("a %s program through the provider package", (language) => {
  it("runs its lifecycle: up, no-change preview, refresh, a failing command, destroy; the secret parameter never in plain text", async () => {
    const project = await languageProject(language, `lang-${language}`);
    try {
      await project.config("token", `${language}-secret-token-value`, true);
      const before = calls(emu, "InvokeCommand").length;
      const up = await project.up();
      expect({ code: up.code, output: up.code === 0 ? "" : up.output }).toEqual({ code: 0, output: "" });
      expect(calls(emu, "InvokeCommand").length - before).toBe(1);
      const outputs = await project.outputs<{ status: string; results: { instanceId: string; output: string }[] }>();
      expect(outputs.status).toBe("Success");
      expect(outputs.results.map((r) => r.output.trim())).toEqual(LINUX.map((id) => `deployed on ${id}`));
      const run = (await project.exportState()).deployment.resources.find((r) => r.type === `${TYPE}:EcsInvocation`)!;
      expect(JSON.stringify(run.inputs!["parameters"])).toContain("ciphertext");

      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);
      expect((await project.refresh()).code).toBe(0);
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);

      await project.config("fail", "true");
      const failed = await project.up();
      expect(failed.code).not.toBe(0);
      expect(failed.output).toMatch(/broken/);
      expect(failed.output).toMatch(/exit code 3/);
      expect(failed.output).toContain("giving up");
      await project.config("fail", "false");
      expect((await project.up()).code).toBe(0);

      expect((await project.destroy()).code).toBe(0);
    } finally {
      await project.dispose();
    }
  });

  it("pulumi import prints the declarations in the program's language, and they preview with no changes", async () => {
    const ecs = sdkClient(emu);
    const commandId = (
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({
          regionId: "cn-hangzhou",
          name: `existing-${language}`,
          type: "RunShellScript",
          commandContent: Buffer.from("echo imported").toString("base64"),
        }),
      )
    ).body!.commandId!;
    const invokeId = (await ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: [LINUX[0]!] }))).body!.invokeId!;
    await eventually(async () => ((await invocationStatus(emu, invokeId)) === "Success" ? true : undefined));

    const project = await languageProject(language, `lang-import-${language}`, LANGUAGES[language].empty);
    try {
      const mutations = () => calls(emu, "InvokeCommand").length + calls(emu, "CreateCommand").length;
      const before = mutations();
      const out = join(project.dir, "imports.json");
      writeFileSync(
        out,
        JSON.stringify({
          resources: [
            { type: `${TYPE}:EcsCommand`, name: "existing", id: commandId },
            { type: `${TYPE}:EcsInvocation`, name: "existing-run", id: invokeId },
          ],
        }),
      );
      const generated = join(project.dir, `generated-${LANGUAGES[language].programFile}`);
      const imported = await project.pulumi(["import", "--file", out, "--yes", "--protect=false", "--out", generated]);
      expect([imported.code, imported.output]).toEqual([0, expect.stringContaining("2 imported")]);
      expect(mutations()).toBe(before);
      // The printed program replaces the empty one and previews with no changes.
      cpSync(generated, join(project.dir, LANGUAGES[language].programFile));
      rmSync(generated);
      const preview = await project.preview(["--expect-no-changes", "--diff"]);
      expect({ code: preview.code, output: preview.code === 0 ? "" : preview.output }).toEqual({ code: 0, output: "" });
    } finally {
      await project.dispose();
    }
  });
});
