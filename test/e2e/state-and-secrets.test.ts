import type { RunningEmulator } from "../../emulator";
import { emulator } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { spec } from "./support";

jest.setTimeout(600_000);

let emu: RunningEmulator;
let project: PulumiProject;
const PARAMETER_VALUE = "p4ssw0rd-in-parameters";
const SECURITY_TOKEN = "sts-token-never-in-state";

beforeAll(async () => {
  emu = await emulator();
  project = await PulumiProject.from(SPEC_PROGRAM, "secrets", emu);
  await project.config("alicloud:securityToken", SECURITY_TOKEN, true);
  await project.config("dbPassword", PARAMETER_VALUE, true);
  await project.spec(
    spec(
      "echo configured {{user}}",
      { run: { parameters: { user: "app", password: "$secret:dbPassword" } } },
      {
        commandContent: "echo configured {{user}} {{password}} > /dev/null; echo done",
        enableParameter: true,
      },
    ),
  );
  const up = await project.up();
  if (up.code !== 0) throw new Error(up.output);
});
afterAll(async () => {
  await project.dispose();
  await emu.close();
});

describe("what the state file holds", () => {
  it("holds no secret in plain text: no access key secret, security token or parameter value", () => {
    const raw = project.rawState();
    const key = emu.accessKeys[0]!;
    for (const secret of [key.accessKeySecret, SECURITY_TOKEN, PARAMETER_VALUE, key.accessKeyId]) {
      expect(raw).not.toContain(secret);
    }
    expect(raw).toContain("ciphertext");
  });

  it("keeps __provider a thin shim: one require of the installed package's provider module", async () => {
    const state = await project.exportState();
    const dynamic = state.deployment.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/alicloud:"));
    expect(dynamic.map((r) => r.type).sort()).toEqual(["pulumi-nodejs:dynamic/alicloud:EcsCommand", "pulumi-nodejs:dynamic/alicloud:EcsInvocation"]);
    for (const resource of dynamic) {
      const shim = String(resource.outputs!["__provider"]);
      expect(shim).toMatch(/require\("pulumi-ecs-invocation\/dist\/provider\/resources\/dynamic\/(invocation|command)\.js"\)/);
      // Stored twice per resource and written with the whole state after every step: a few hundred
      // bytes, not an object of seven serialized methods (2 KB until 2026-12-05).
      expect(shim.length).toBeLessThan(600);
      expect(shim).not.toContain("DescribeInvocations");
      expect(shim).not.toContain("accessKeySecret");
    }
  });

  it("reports the parameters output as a secret", async () => {
    const shown = await project.pulumi(["stack", "output", "--json", "--show-secrets"], { check: true });
    expect(JSON.parse(shown.stdout).invocations.run.parameters).toEqual({ user: "app", password: PARAMETER_VALUE });
    const output = await project.pulumi(["stack", "output", "--json"], { check: true });
    expect(output.stdout).not.toContain(PARAMETER_VALUE);
    expect(JSON.parse(output.stdout).invocations.run).toBe("[secret]");
  });
});

describe("a command that prints its secret parameters", () => {
  const PRINTED = "printed-token-never-in-state";

  it("keeps what it printed out of state, outputs and failure messages, and shows it with --show-secrets", async () => {
    // The harness fails the test if PRINTED shows in any CLI output or the state file.
    const printing = await PulumiProject.from(SPEC_PROGRAM, "printed-secret", emu);
    try {
      await printing.config("token", PRINTED, true);
      const command = { commandContent: 'echo "token={{token}}"; test "{{fail}}" != yes', enableParameter: true };
      const good = { parameters: { token: "$secret:token", fail: "no" } };
      await printing.spec(spec("unused", { good }, command));
      expect((await printing.up()).code).toBe(0);
      const shown = JSON.parse((await printing.pulumi(["stack", "output", "--json", "--show-secrets"], { check: true })).stdout);
      expect(shown.invocations.good.instances[0].output).toBe(`token=${PRINTED}\n`);
      expect(JSON.parse((await printing.pulumi(["stack", "output", "--json"], { check: true })).stdout).invocations.good).toBe("[secret]");

      await printing.spec(spec("unused", { good, bad: { parameters: { token: "$secret:token", fail: "yes" } } }, command));
      const failed = await printing.up();
      expect(failed.code).not.toBe(0);
      expect(failed.output).toMatch(/exit code 1\n\s+output: \(secret: see `pulumi stack output --show-secrets`\)/);
    } finally {
      await printing.dispose();
    }
  });
});
