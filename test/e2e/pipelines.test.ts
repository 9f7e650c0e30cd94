import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { emulatorForFile } from "../support/emulator";
import { ROOT } from "./harness";
import { calls } from "./support";

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
      PULUMI_BACKEND_URL: `file://${backend}`,
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
