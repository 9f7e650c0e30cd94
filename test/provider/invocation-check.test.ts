import { check, diff } from "../../provider/lifecycle/invocation-lifecycle";
import type { InvocationOutputs } from "../../provider/lifecycle/invocation-state";
import { overrideRuntime } from "../../provider/lifecycle/runtime";
import { UNKNOWN } from "../../provider/schema/unknowns";

const valid = { commandId: "c-abc123", instanceIds: ["i-abc1"], __provider: "code-v1" };

async function failures(inputs: Record<string, unknown>) {
  return (await check({} as never, { ...valid, ...inputs } as never)).failures;
}

describe("EcsInvocation check", () => {
  it("accepts a minimal invocation and keeps the inputs as given", async () => {
    const result = await check({} as never, valid as never);
    expect(result).toEqual({ inputs: valid, failures: [] });
  });

  it.each([
    [{ commandId: "cmd-1" }, "commandId", "must be a command id such as c-hz01xxxx"],
    [{ instanceIds: [] }, "instanceIds", "must name at least one instance"],
    // Named on the 101st id, and no property: the engine would print all 101 ids on one line.
    [{ instanceIds: Array.from({ length: 101 }, (_, i) => `i-a${i}`) }, "", "instanceIds[100]: at most 100 instances per invocation (101 are listed"],
    // instanceIds is a set: a repeat is refused on its second place, never run twice.
    [{ instanceIds: ["i-a", "i-b", "i-c", "i-a"] }, "instanceIds", "instanceIds[3]: is listed twice (also instanceIds[0])"],
    [{ instanceIds: ["i-a", "i-b", "i-a"], rollout: { maxConcurrency: 1 } }, "instanceIds", "instanceIds[2]: is listed twice"],
    // A missing nested value is reported on the value there is (no `{<nil>}` beside it).
    [{ instanceIds: ["i-a"], rollout: {} }, "rollout", "rollout.maxConcurrency: is required"],
    [{ instanceIds: ["web-1"] }, "instanceIds", "instanceIds[0]: must be an instance id"],
    [{ instanceIds: undefined }, "", "instanceIds: set instanceIds (1 to 100 instances) or resourceTags"],
    [{ resourceTags: { env: "prod" } }, "resourceTags", "set either instanceIds or resourceTags, not both"],
    [{ repeatMode: "Twice" }, "repeatMode", "must be one of Once, Period, NextRebootOnly, EveryReboot, DryRun"],
    // A missing value names no property: the engine would print `{<nil>}` beside it.
    [{ repeatMode: "Period" }, "", "frequency: is required when repeatMode is Period"],
    [{ frequency: "rate(5m)", repeatMode: "Once" }, "frequency", "only applies when repeatMode is Period"],
    [{ frequency: "rate(10s)" }, "frequency", "a rate() interval must be between 60s and 7d"],
    [{ frequency: "rate(1m)", timeout: 60 }, "frequency", "a rate() interval must be longer than the timeout (60s)"],
    [{ parameters: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"])) }, "", "parameters: at most 10 parameters are allowed"],
    [{ username: "u".repeat(256) }, "username", "must be at most 255 characters"],
    [{ containerId: "xyz" }, "containerId", "must be 64 hexadecimal characters"],
    [{ timeout: 5 }, "timeout", "must be at least 10 seconds"],
    [{ tags: { "acs:owner": "me" } }, "tags", 'tags["acs:owner"]: tag keys must not start with acs: or aliyun'],
    [
      { tags: Object.fromEntries(Array.from({ length: 18 }, (_, i) => [`k${i}`, "v"])) },
      "tags",
      "at most 17 tags are allowed (3 of the API's 20 are kept for the provider's own)",
    ],
    [{ tags: { "pulumi-ecs-invocation:resource": "x" } }, "tags", "tag keys starting with pulumi-ecs-invocation: are kept for the provider"],
    [{ terminationMode: "Kill" }, "terminationMode", "must be Process or ProcessTree"],
    [{ launcher: "l".repeat(1025) }, "launcher", "must be at most 1 KB"],
    [{ workingDir: "d".repeat(201) }, "workingDir", "must be at most 200 characters"],
    [{ ossOutputDelivery: "s3://b" }, "ossOutputDelivery", "must be oss://<bucket>/<prefix>"],
    [
      { ossOutputDelivery: "oss://logs/a/../b" },
      "ossOutputDelivery",
      "its key prefix must not start with / or \\, contain \\ or a .. segment, or exceed 1023 bytes",
    ],
    [{ clientToken: "t".repeat(65) }, "clientToken", "must be 1 to 64 printable ASCII characters"],
    [{ timeouts: { create: "soon" } }, "timeouts", 'timeouts.create: must be a duration such as "90s", "5m" or "1h30m"'],
    [{ surprise: true }, "", "Unrecognized key"],
  ])("rejects %j naming %s", async (inputs, property, rule) => {
    const found = await failures(inputs);
    expect(found).toEqual(expect.arrayContaining([expect.objectContaining({ property, reason: expect.stringContaining(rule) })]));
  });

  it("shows the offending value in the reason", async () => {
    const [failure] = await failures({ repeatMode: "Twice" });
    expect(failure!.reason).toBe('repeatMode: must be one of Once, Period, NextRebootOnly, EveryReboot, DryRun; got "Twice"');
  });

  it("never echoes parameter values, which are secret", async () => {
    const secret = "hunter2-very-secret";
    const found = await failures({ parameters: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, secret])) });
    expect(found).toHaveLength(1);
    expect(JSON.stringify(found)).not.toContain(secret);
    expect(found[0]!.reason).toContain("secret value not shown");
  });

  it("holds only a new or changed schedule to the clock: a deployed at() whose time passed stays valid", async () => {
    const past = "at(2020-01-01 00:00:00)";
    const deployed = { ...valid, frequency: past };
    expect((await check(deployed as never, deployed as never)).failures).toEqual([]);
    expect((await check({ ...valid, frequency: "rate(5m)" } as never, deployed as never)).failures).toEqual([
      expect.objectContaining({ property: "frequency", reason: expect.stringContaining("already in the past") }),
    ]);
    expect((await check({} as never, deployed as never)).failures).toHaveLength(1);
  });

  it("lets values that are unknown during preview pass", async () => {
    expect(await failures({ commandId: UNKNOWN, instanceIds: [UNKNOWN, "i-abc2"], frequency: UNKNOWN, repeatMode: "Period" })).toEqual([]);
  });
});

describe("EcsInvocation diff", () => {
  const olds = { ...valid, invokeId: "t-1", status: "Success", createOutcome: "completed", timeouts: { create: "1m" } } as unknown as InvocationOutputs;
  const warnings: string[] = [];
  let restore: () => void;
  beforeEach(() => {
    warnings.length = 0;
    restore = overrideRuntime({ warn: (message) => warnings.push(message) });
  });
  afterEach(() => restore());

  it("is no change when only the provider code changed", async () => {
    expect(await diff("t-1", olds, { ...valid, timeouts: { create: "1m" }, __provider: "code-v2" } as never)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: true,
    });
  });

  it("is no change when instanceIds are only reordered: the API treats them as a set", async () => {
    const two = { ...olds, instanceIds: ["i-abc1", "i-abc2"] } as InvocationOutputs;
    expect((await diff("t-1", two, { ...valid, instanceIds: ["i-abc2", "i-abc1"], timeouts: { create: "1m" } } as never)).changes).toBe(false);
  });

  it.each([
    ["commandId", "c-other"],
    ["instanceIds", ["i-abc1", "i-abc2"]],
    ["parameters", { a: "1" }],
    ["frequency", "rate(5m)"],
    ["regionId", "cn-shanghai"],
  ])("replaces when %s changes", async (key, value) => {
    const result = await diff("t-1", olds, { ...valid, timeouts: { create: "1m" }, [key]: value } as never);
    expect(result).toEqual({ changes: true, replaces: [key], deleteBeforeReplace: true });
  });

  it("updates in place when only timeouts or waiting change", async () => {
    const result = await diff("t-1", olds, { ...valid, timeouts: { create: "5m" }, waitForCompletion: false } as never);
    expect(result).toEqual({ changes: true, replaces: [], deleteBeforeReplace: true });
  });

  it("replaces when a value is unknown during preview", async () => {
    const result = await diff("t-1", olds, { ...valid, commandId: UNKNOWN, timeouts: { create: "1m" } } as never);
    expect(result.replaces).toEqual(["commandId"]);
  });

  it.each([
    ["failed", "Failed", "EcsInvocation web: runs the command again: the last run t-1 ended Failed."],
    [
      "timedOut",
      "Running",
      "EcsInvocation web: runs the command again: the last run t-1 timed out while Running. t-1 may still be Running: it is stopped and must settle before the new run starts.",
    ],
  ])("runs a %s invocation again with unchanged inputs, deleting it first and saying why", async (createOutcome, status, warning) => {
    const result = await diff(
      "t-1",
      { ...olds, createOutcome, status } as InvocationOutputs,
      { ...valid, timeouts: { create: "1m" }, __urn: "urn:pulumi:s::p::pulumi-nodejs:dynamic/alicloud:EcsInvocation::web" } as never,
    );
    expect(result).toEqual({ changes: true, replaces: ["lastRun"], deleteBeforeReplace: true });
    expect(warnings).toEqual([warning]);
  });

  it("says the old invocation is stopped first when a replaced one is still active", async () => {
    await diff("t-1", { ...olds, status: "Scheduled" } as InvocationOutputs, { ...valid, frequency: "rate(5m)", timeouts: { create: "1m" } } as never);
    expect(warnings).toEqual(["EcsInvocation: replacing it: t-1 may still be Scheduled: it is stopped and must settle before the new run starts."]);
  });
});

describe("EcsInvocation check, many times", () => {
  it("builds the schema once per clock setting, not once per check (zod compiles each new schema on its first parse)", async () => {
    const schemaModule = require("../../provider/schema/invocation-schema") as typeof import("../../provider/schema/invocation-schema");
    const { checkInvocation } = require("../../provider/lifecycle/check-invocation") as typeof import("../../provider/lifecycle/check-invocation");
    const built = jest.spyOn(schemaModule, "invocationSchemaFor");
    try {
      const now = () => Date.UTC(2026, 0, 1);
      for (let i = 0; i < 20; i++) expect(checkInvocation({}, { commandId: "c-abc", instanceIds: ["i-abc"], timeout: 60 + i }, now)).toEqual([]);
      expect(checkInvocation({}, { commandId: "c-abc", timeout: -1 }, now).map((f) => f.property)).toContain("timeout");
      // A deployed, unchanged schedule is checked without the clock's rules: the other schema, once.
      for (let i = 0; i < 5; i++)
        checkInvocation({ frequency: "rate(5m)" }, { commandId: "c-abc", instanceIds: ["i-abc"], repeatMode: "Period", frequency: "rate(5m)" }, now);
      expect(built).toHaveBeenCalledTimes(2);
    } finally {
      built.mockRestore();
    }
  });
});
