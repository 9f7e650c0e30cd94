import { emulatorForFile, eventually } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, invocationStatus, spec } from "./support";

jest.setTimeout(600_000);

const emu = emulatorForFile();

/** "yyyy-MM-dd HH:mm:ss" in UTC, the form at() takes. */
function atTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

describe("preview never leaks a secret", () => {
  it.each([
    ["more than 10 parameters from secret config", 11, "p", true, "parameters: at most 10 parameters are allowed; (secret value not shown)"],
    ["more than 10 parameters written in the program", 11, "p", false, "parameters: at most 10 parameters are allowed; (secret value not shown)"],
    ["a parameter name over 64 characters", 1, "n".repeat(65), false, "parameter names must be at most 64 characters"],
  ])("a failure on %s names the rule and shows no value", async (_case, count, namePrefix, fromConfig, rule) => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "secret-params", emu);
    try {
      const values = Array.from({ length: count }, (_, i) => `h3SecretValue${i}`);
      if (fromConfig) for (const [i, value] of values.entries()) await project.config(`param${i}`, value, true);
      const parameters = Object.fromEntries(values.map((value, i) => [`${namePrefix}${i}`, fromConfig ? `$secret:param${i}` : value]));
      await project.spec(spec("echo {{p0}}", { run: { parameters } }, { enableParameter: true }));
      const preview = await project.preview();
      expect(preview.code).not.toBe(0);
      expect(preview.output).toContain(rule);
      for (const value of values) expect(preview.output).not.toContain(value);
      expect(calls(emu, "InvokeCommand")).toHaveLength(0);
    } finally {
      await project.dispose();
    }
  });

  it("warns at preview when a credential is set without --secret, naming the key and the fix", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "plain-credentials", emu);
    try {
      await project.spec(spec("true", {}));
      const quiet = await project.preview();
      expect([quiet.code, quiet.output]).toEqual([0, expect.not.stringContaining("is set in plain text")]);
      await project.config("alicloud:secretKey", emu.accessKeys[0]!.accessKeySecret);
      const preview = await project.preview();
      expect(preview.code).toBe(0);
      expect(preview.output).toContain("alicloud:secretKey is set in plain text");
      expect(preview.output).toContain("pulumi config set --secret alicloud:secretKey <value>");
      expect(preview.output).toContain("ALICLOUD_SECRET_KEY");
      expect(preview.output).not.toContain("alicloud:accessKey is set in plain text");
    } finally {
      await project.dispose();
    }
  });
});

describe("schedules and reads", () => {
  it("a deployed at() schedule whose time has passed does not fail later previews", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "passed-schedule", emu);
    try {
      await project.spec(spec("echo ran", { soon: { frequency: `at(${atTime(Date.now() + 20_000)})` } }));
      expect((await project.up()).code).toBe(0);
      const id = (await project.outputs<{ invocations: Record<string, { id: string }> }>()).invocations["soon"]!.id;
      await eventually(async () => ((await invocationStatus(emu, id)) === "Success" ? true : undefined), 90_000);
      const preview = await project.preview();
      expect([preview.code, preview.output]).toEqual([0, expect.not.stringContaining("already in the past")]);
      const up = await project.up();
      expect([up.code, up.output]).toEqual([0, expect.not.stringContaining("replaced")]);
    } finally {
      await project.dispose();
    }
  });

  it("a new at() schedule in the past is still rejected at preview", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "past-schedule", emu);
    try {
      await project.spec(spec("echo ran", { late: { frequency: `at(${atTime(Date.now() - 60_000)})` } }));
      const preview = await project.preview();
      expect(preview.code).not.toBe(0);
      expect(preview.output).toContain("frequency: the at() time is already in the past");
    } finally {
      await project.dispose();
    }
  });

  it("get of an invocation that does not exist fails naming the id and the region", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "get-missing", emu);
    try {
      await project.spec(spec("true", {}));
      await project.config("gets", JSON.stringify({ ghost: "t-doesnotexist0000" }));
      const up = await project.up();
      expect(up.code).not.toBe(0);
      expect(up.output).toContain("Invocation t-doesnotexist0000 does not exist in region cn-hangzhou");
    } finally {
      await project.dispose();
    }
  });
});
