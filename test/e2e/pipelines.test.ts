import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { emulatorForFile } from "../support/emulator";
import { PulumiProject, ROOT, SPEC_PROGRAM } from "./harness";
import { calls, spec } from "./support";

jest.setTimeout(600_000);

const emu = emulatorForFile();

/** Runs examples/pipelines/deploy.ts as a pipeline would: everything from the environment. */
function deploy(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  const script = join(ROOT, "examples", "pipelines", "deploy.ts");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", script, ...args],
      { cwd: join(ROOT, "examples"), env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: `${stdout}\n${stderr}` }),
    );
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

describe("the pipelines example (Automation API)", () => {
  it("previews with the diff, applies, prints each instance's result, and keeps credentials out of state", async () => {
    const stack = `pipeline-${process.pid}`;
    const backend = join(ROOT, ".build", "e2e", `pipelines-${process.pid}`);
    const stackConfig = join(ROOT, "examples", "basic", `Pulumi.${stack}.yaml`);
    mkdirSync(backend, { recursive: true });
    const key = emu.accessKeys[0]!;
    const env = {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${backend}?metadata=skip`,
      PULUMI_CONFIG_PASSPHRASE: "pipeline-passphrase",
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      ALICLOUD_REGION: "cn-hangzhou",
      ALICLOUD_ECS_ENDPOINT: emu.url,
      ALICLOUD_ACCESS_KEY: key.accessKeyId,
      ALICLOUD_SECRET_KEY: key.accessKeySecret,
    };
    try {
      const run = await deploy(["--stack", stack], env);
      if (run.code !== 0) throw new Error(run.output.slice(-4000));
      expect(run.code).toBe(0);
      expect(run.output).toContain('preview: {"create":3}');
      expect(run.output).toMatch(/up: succeeded, \{"create":3\}/);
      expect(run.output).toMatch(/i-linux0000000000001: Success \(exit 0\) hello from /);
      expect(run.output).toMatch(/i-linux0000000000002: Success \(exit 0\) hello from /);
      expect(calls(emu, "InvokeCommand").filter((c) => c.code === "OK")).toHaveLength(1);
      for (const file of filesUnder(backend)) expect(readFileSync(file, "utf8")).not.toContain(key.accessKeySecret);
      expect(run.output).not.toContain(key.accessKeySecret);

      const again = await deploy(["--stack", stack], env);
      expect(again.code).toBe(0);
      expect(again.output).toMatch(/up: succeeded, \{"same":3\}/);
      expect(calls(emu, "InvokeCommand").filter((c) => c.code === "OK")).toHaveLength(1);

      expect((await deploy(["--stack", stack, "--destroy"], env)).code).toBe(0);
    } finally {
      rmSync(backend, { recursive: true, force: true });
      if (existsSync(stackConfig)) rmSync(stackConfig);
    }
  });
});

describe("a file backend torn by a killed runner (docs/pipelines.md)", () => {
  it("the recipe's URL writes no metadata file to tear; a stack torn under a plain file:// URL fails with EOF until the recipe's line mends it, nothing run twice", async () => {
    const invoked = calls(emu, "InvokeCommand").length;
    const project = await PulumiProject.from(SPEC_PROGRAM, "torn-backend", emu);
    try {
      await project.spec(spec("echo torn", { run: {} }));
      expect((await project.up()).code).toBe(0);
      const state = join(project.dir, ".state");
      // The suite's stacks use the recipe's URL: nothing beside the state is rewritten in place.
      expect(filesUnder(state).filter((file) => file.endsWith(".attrs"))).toEqual([]);

      // Without `metadata=skip` the store writes a metadata file beside every state file …
      project.env["PULUMI_BACKEND_URL"] = `file://${state}`;
      expect((await project.up()).code).toBe(0);
      const sidecar = join(state, ".pulumi", "stacks", project.projectName, `${project.stack}.json.attrs`);
      expect(existsSync(sidecar)).toBe(true);
      // … which a kill between its truncation and its write leaves empty: the stack is wedged.
      writeFileSync(sidecar, "");
      const torn = await project.up();
      expect([torn.code === 0, torn.output]).toEqual([false, expect.stringContaining("error: failed to load checkpoint: EOF")]);

      // The recipe's line, as the docs print it.
      const docs = readFileSync(join(ROOT, "docs", "pipelines.md"), "utf8");
      const mend = /^find "\$STATE_DIR" [^#\n]*/m.exec(docs)?.[0];
      expect(mend).toBeDefined();
      await promisify(execFile)("bash", ["-c", mend!], { env: { ...process.env, STATE_DIR: state } });
      expect(existsSync(sidecar)).toBe(false);
      const mended = await project.up();
      expect([mended.code, mended.output]).toEqual([0, expect.stringContaining("unchanged")]);
      expect(calls(emu, "InvokeCommand").length - invoked).toBe(1);
    } finally {
      await project.dispose();
    }
  });
});
