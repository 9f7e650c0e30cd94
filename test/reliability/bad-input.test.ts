import { check as checkCommand } from "../../provider/lifecycle/command-lifecycle";
import { check as checkInvocation } from "../../provider/lifecycle/invocation-lifecycle";
import { overrideRuntime } from "../../provider/lifecycle/runtime";
import type { CheckFailure } from "../../provider/schema/check-failures";

/**
 * Every documented InvokeCommand constraint and every rule of both resources, each rejected by
 * `check` (which the engine runs at preview) naming the field and the rule, with no cloud call
 * possible and a secret parameter value in every input that must never be echoed.
 */
const SECRET = "s3cret-parameter-value";
const at = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");
const many = (n: number, prefix = "k") => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, "v"]));

let restore: () => void;
beforeAll(() => {
  const noCloud = () => {
    throw new Error("check must not call the cloud");
  };
  restore = overrideRuntime({ api: noCloud, newClientToken: noCloud });
});
afterAll(() => restore());

function expectRejected(failures: CheckFailure[], field: string, rule: string): void {
  const named = failures.filter((f) => [": ", ".", "["].some((next) => f.reason.startsWith(`${field}${next}`)));
  expect(named.map((f) => f.reason)).toEqual(expect.arrayContaining([expect.stringContaining(rule)]));
  expect(JSON.stringify(failures)).not.toContain(SECRET);
}

describe("EcsInvocation rejects at preview, naming the field, with no request and no secret shown", () => {
  const valid = { commandId: "c-abc123", instanceIds: ["i-abc1"], parameters: { token: SECRET }, __provider: "shim" };

  it.each<[string, Record<string, unknown>, string, string]>([
    ["CommandId format", { commandId: "cmd-1" }, "commandId", "must be a command id"],
    ["no targets", { instanceIds: undefined }, "instanceIds", "set instanceIds (1 to 100 instances) or resourceTags"],
    ["InstanceId.N at least 1", { instanceIds: [] }, "instanceIds", "must name at least one instance"],
    ["InstanceId format", { instanceIds: ["web-1"] }, "instanceIds", "must be an instance id"],
    ["ResourceTag conflicts with InstanceId", { resourceTags: { env: "prod" } }, "resourceTags", "not both"],
    ["ResourceTag.N at most 10", { instanceIds: undefined, resourceTags: many(11) }, "resourceTags", "between 1 and 10 resource tags"],
    ["ResourceTag key not empty", { instanceIds: undefined, resourceTags: { "": "x" } }, "resourceTags", "must not be empty"],
    ["ResourceTag key at most 64", { instanceIds: undefined, resourceTags: { ["k".repeat(65)]: "x" } }, "resourceTags", "at most 64 characters"],
    ["ResourceTag key without URLs", { instanceIds: undefined, resourceTags: { "http://x": "x" } }, "resourceTags", "must not contain http://"],
    ["ResourceTag value without URLs", { instanceIds: undefined, resourceTags: { env: "https://x" } }, "resourceTags", "must not contain http://"],
    ["ResourceTag key prefix", { instanceIds: undefined, resourceTags: { "aliyun-x": "x" } }, "resourceTags", "must not start with acs: or aliyun"],
    ["ResourceTag value at most 128", { instanceIds: undefined, resourceTags: { env: "v".repeat(129) } }, "resourceTags", "at most 128 characters"],
    ["RepeatMode values", { repeatMode: "Twice" }, "repeatMode", "must be one of Once, Period"],
    ["Period needs Frequency", { repeatMode: "Period" }, "frequency", "is required when repeatMode is Period"],
    ["Frequency only for Period", { repeatMode: "Once", frequency: "rate(5m)" }, "frequency", "only applies when repeatMode is Period"],
    ["rate() at least 60 s", { frequency: "rate(30s)" }, "frequency", "between 60s and 7d"],
    ["rate() at most 7 d", { frequency: "rate(8d)" }, "frequency", "between 60s and 7d"],
    ["rate() longer than the timeout", { frequency: "rate(2m)", timeout: 120 }, "frequency", "longer than the timeout"],
    ["at() in the future", { frequency: `at(${at(Date.now() - 60_000)})` }, "frequency", "already in the past"],
    ["at() well formed", { frequency: "at(tomorrow)" }, "frequency", "expected rate("],
    ["cron well formed", { frequency: "0 0 25 * * ?" }, "frequency", "invalid cron expression"],
    ["cron runs 10 s apart", { frequency: "* * * * * ?" }, "frequency", "at least 10s"],
    ["cron zone known", { frequency: "0 0 8 * * ? Mars/Olympus" }, "frequency", "unknown time zone"],
    ["GMT offsets without a leading zero", { frequency: "0 0 8 * * ? GMT+08:00" }, "frequency", "unknown time zone"],
    ["cron with a past year", { frequency: "0 0 8 1 1 ? 2001" }, "frequency", "never fires again"],
    ["Parameters at most 10", { parameters: { ...many(10), token: SECRET } }, "parameters", "at most 10 parameters"],
    ["Parameters key not empty", { parameters: { "": SECRET } }, "parameters", "must not be empty"],
    ["Parameters key at most 64", { parameters: { ["p".repeat(65)]: SECRET } }, "parameters", "at most 64 characters"],
    ["Parameters values are strings", { parameters: { token: 42 } }, "parameters", "expected string"],
    ["Username at most 255", { username: "u".repeat(256) }, "username", "at most 255"],
    ["WindowsPasswordName at most 255", { windowsPasswordName: "w".repeat(256) }, "windowsPasswordName", "at most 255"],
    ["ResourceGroupId format", { resourceGroupId: "group" }, "resourceGroupId", "must be a resource group id"],
    ["ContainerId format", { containerId: "abc" }, "containerId", "64 hexadecimal characters"],
    ["ContainerName format", { containerName: "-bad" }, "containerName", "must start with a letter or digit"],
    ["Timeout at least 10", { timeout: 9 }, "timeout", "at least 10 seconds"],
    ["Timeout whole seconds", { timeout: 10.5 }, "timeout", "whole number"],
    ["Tag.N at most 17 (20 less the provider's 3)", { tags: many(18) }, "tags", "at most 17 tags"],
    ["Tag key prefix", { tags: { "acs:x": "v" } }, "tags", "must not start with acs: or aliyun"],
    ["Tag key without URLs", { tags: { "see-http://x": "v" } }, "tags", "must not contain http://"],
    ["Tag key at most 64", { tags: { ["k".repeat(65)]: "v" } }, "tags", "at most 64"],
    ["Tag value at most 128", { tags: { k: "v".repeat(129) } }, "tags", "at most 128"],
    ["Tag value without URLs", { tags: { k: "see https://x" } }, "tags", "must not contain http://"],
    ["Tag keys kept for the provider", { tags: { "pulumi-ecs-invocation:resource": "x" } }, "tags", "kept for the provider"],
    ["TerminationMode values", { terminationMode: "Kill" }, "terminationMode", "must be Process or ProcessTree"],
    ["Launcher at most 1 KB", { launcher: "l".repeat(1025) }, "launcher", "at most 1 KB"],
    ["WorkingDir at most 200", { workingDir: "d".repeat(201) }, "workingDir", "at most 200"],
    ["OssOutputDelivery form", { ossOutputDelivery: "s3://bucket" }, "ossOutputDelivery", "oss://<bucket>/<prefix>"],
    ["ClientToken at most 64 ASCII", { clientToken: "t".repeat(65) }, "clientToken", "1 to 64 printable ASCII"],
    ["ClientToken ASCII only", { clientToken: "tökén" }, "clientToken", "1 to 64 printable ASCII"],
    ["RegionId form", { regionId: "Hangzhou" }, "regionId", "must be a region id"],
    ["timeouts are durations", { timeouts: { create: "soon" } }, "timeouts", "must be a duration"],
    ["timeouts has create and delete only", { timeouts: { update: "1m" } }, "timeouts", "Unrecognized key"],
    ["waitForCompletion is a boolean", { waitForCompletion: "yes" }, "waitForCompletion", "expected boolean"],
    ["triggers is a list", { triggers: { artifact: "abc" } }, "triggers", "must be a list of values"],
    ["outputTailBytes whole", { outputTailBytes: 1.5 }, "outputTailBytes", "must be a whole number of bytes"],
    ["outputTailBytes at most 24 KB", { outputTailBytes: 30_000 }, "outputTailBytes", "must be at most 24576"],
    ["outputTailBytes not negative", { outputTailBytes: -1 }, "outputTailBytes", "must be at least 0"],
    ["onDelete needs one command", { onDelete: { timeout: "1m" } }, "onDelete", "set exactly one of commandId and commandContent"],
    ["onDelete not both", { onDelete: { commandId: "c-1", commandContent: "x" } }, "onDelete", "set exactly one of commandId and commandContent"],
    ["onDelete type with inline content only", { onDelete: { commandId: "c-1", type: "RunBatScript" } }, "onDelete", "type goes with commandContent"],
    ["onDelete onFailure values", { onDelete: { commandContent: "x", onFailure: "ignore" } }, "onDelete.onFailure", "must be fail or continue"],
    ["onDelete timeout is a duration", { onDelete: { commandContent: "x", timeout: "soon" } }, "onDelete.timeout", "must be a duration"],
    [
      "onDelete parameters at most 10",
      { onDelete: { commandContent: "x", parameters: { ...many(11), token: SECRET } } },
      "onDelete.parameters",
      "at most 10 parameters",
    ],
    ["adoptInvokeId format", { adoptInvokeId: "inv-1" }, "adoptInvokeId", "must be an invocation id"],
    ["a command or a script", { commandId: undefined }, "commandId", "set commandId (an existing command, c-…) or commandContent"],
    ["not a command and a script", { commandContent: "echo hi" }, "commandContent", "not both"],
    ["script options only with a script", { type: "RunShellScript" }, "type", "goes with commandContent"],
    ["keepCommand only with a script", { keepCommand: true }, "keepCommand", "goes with commandContent"],
    ["RunCommand content at most 24 KB", { commandId: undefined, commandContent: "x".repeat(19_000) }, "commandContent", "at most 24 KB once Base64-encoded"],
    [
      "RunCommand content at most 18 KB when kept",
      { commandId: undefined, commandContent: "x".repeat(14_000), keepCommand: true },
      "commandContent",
      "at most 18 KB once Base64-encoded",
    ],
    ["RunCommand Name at most 128", { commandId: undefined, commandContent: "echo", scriptName: "n".repeat(129) }, "scriptName", "at most 128 characters"],
    [
      "RunCommand Description at most 512",
      { commandId: undefined, commandContent: "echo", scriptDescription: "d".repeat(513) },
      "scriptDescription",
      "at most 512",
    ],
    [
      "more than 100 instances only with a rollout",
      { instanceIds: Array.from({ length: 101 }, (_, i) => `i-a${i}`) },
      "instanceIds",
      "set rollout to run on more",
    ],
    ["rollout concurrency a count or a share", { rollout: { maxConcurrency: "ten" } }, "rollout", "a count or a percentage"],
    ["rollout concurrency at least 1", { rollout: { maxConcurrency: 0 } }, "rollout", "at least 1"],
    ["rollout errors a share up to 100%", { rollout: { maxConcurrency: 5, maxErrors: "150%" } }, "rollout", "0% to 100%"],
    ["rollout waits for each batch", { rollout: { maxConcurrency: 5 }, waitForCompletion: false }, "rollout", "cannot go with waitForCompletion: false"],
    ["rollout runs once", { rollout: { maxConcurrency: 5 }, frequency: "rate(5m)" }, "rollout", "goes with repeatMode Once only"],
    ["RunCommand Type values", { commandId: undefined, commandContent: "echo", type: "RunPython" }, "type", "must be one of RunShellScript"],
  ])("%s", async (_rule, bad, field, rule) => {
    const { failures } = await checkInvocation({} as never, { ...valid, ...bad } as never);
    expectRejected(failures, field, rule);
  });

  it("rejects an unknown input, naming it", async () => {
    const { failures } = await checkInvocation({} as never, { ...valid, surprise: 1 } as never);
    expect(failures.map((f) => f.reason)).toEqual([expect.stringContaining('Unrecognized key: "surprise"')]);
  });

  it("names secret fields without a property, so the engine prints no value", async () => {
    const { failures } = await checkInvocation({} as never, { ...valid, parameters: { ...many(10), token: SECRET } } as never);
    expect(failures).toEqual([{ property: "", reason: "parameters: at most 10 parameters are allowed; (secret value not shown)" }]);
  });
});

describe("EcsCommand rejects at preview, naming the field, with no request", () => {
  const valid = { name: "deploy", type: "RunShellScript", commandContent: "echo hi", __provider: "shim" };

  it.each<[string, Record<string, unknown>, string, string]>([
    ["Name not empty", { name: "" }, "name", "must not be empty"],
    ["Name at most 128", { name: "n".repeat(129) }, "name", "at most 128"],
    ["CommandContent not empty", { commandContent: "" }, "commandContent", "must not be empty"],
    ["CommandContent at most 18 KB as Base64", { commandContent: "x".repeat(14_000) }, "commandContent", "at most 18 KB"],
    ["CommandContent valid Base64", { commandContent: "not base64!", contentEncoding: "Base64" }, "commandContent", "not valid Base64"],
    ["ContentEncoding values", { contentEncoding: "Hex" }, "contentEncoding", "PlainText or Base64"],
    ["Type values", { type: "RunPython" }, "type", "must be one of RunShellScript"],
    ["Description at most 512", { description: "d".repeat(513) }, "description", "at most 512"],
    ["EnableParameter is a boolean", { enableParameter: "yes" }, "enableParameter", "expected boolean"],
    ["Timeout at least 1", { timeout: 0 }, "timeout", "at least 1 second"],
    ["Timeout at most 86400", { timeout: 86_401 }, "timeout", "at most 86400"],
    ["WorkingDir at most 200", { workingDir: "d".repeat(201) }, "workingDir", "at most 200"],
    ["Launcher at most 1 KB", { launcher: "l".repeat(1025) }, "launcher", "at most 1 KB"],
    ["ResourceGroupId format", { resourceGroupId: "group" }, "resourceGroupId", "must be a resource group id"],
    ["Tag.N at most 20", { tags: many(21) }, "tags", "at most 20 tags"],
    ["RegionId form", { regionId: "Hangzhou" }, "regionId", "must be a region id"],
    ["timeouts are durations", { timeouts: { delete: "later" } }, "timeouts", "must be a duration"],
    ["adoptCommandId format", { adoptCommandId: "cmd-1" }, "adoptCommandId", "must be a command id"],
  ])("%s", async (_rule, bad, field, rule) => {
    const { failures } = await checkCommand({} as never, { ...valid, ...bad } as never);
    expectRejected(failures, field, rule);
  });
});
