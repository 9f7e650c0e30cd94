import * as $Ecs from "@alicloud/ecs20140526";
import type Ecs from "@alicloud/ecs20140526";
import { ManualClock, type RunningEmulator } from "../../emulator";
import { control, emulator, eventually, sdkClient, sdkError } from "../support/emulator";

const LINUX = ["i-linux0000000000001", "i-linux0000000000002"];
const WINDOWS = "i-windows00000000001";
let emu: RunningEmulator;
let ecs: Ecs;
let shellCommand: string;
let paramCommand: string;
let batCommand: string;

beforeAll(async () => {
  // A Timeout ceiling only when one is set: the API documents InvalidTimeout.ExceedLimit, not the limit.
  emu = await emulator({ quotas: { dailyInvocations: 1000, maxTimeoutSeconds: 86_400 } });
  ecs = sdkClient(emu);
  const create = async (request: Partial<$Ecs.CreateCommandRequest>) =>
    (await ecs.createCommand(new $Ecs.CreateCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", ...request }))).body!.commandId!;
  shellCommand = await create({ name: "plain", commandContent: Buffer.from("echo plain").toString("base64") });
  paramCommand = await create({ name: "param", commandContent: Buffer.from("echo {{greeting}} {{name}}").toString("base64"), enableParameter: true });
  batCommand = await create({ name: "bat", type: "RunBatScript", commandContent: Buffer.from("echo hi\r\nexit /b 3").toString("base64") });
});
afterAll(() => emu.close());

function invoke(request: Partial<$Ecs.InvokeCommandRequest>) {
  return ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId: shellCommand, instanceId: [LINUX[0]!], ...request }));
}

async function describe1(invokeId: string) {
  const response = await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId, includeOutput: true, contentEncoding: "PlainText" }));
  return response.body!.invocations!.invocation![0]!;
}

async function finished(invokeId: string) {
  return eventually(async () => {
    const invocation = await describe1(invokeId);
    return ["Success", "Failed", "PartialFailed", "Stopped"].includes(invocation.invocationStatus ?? "") ? invocation : undefined;
  });
}

const manyIds = Array.from({ length: 101 }, (_, i) => `i-x${i}`);
const big = "x".repeat(18 * 1024);

describe("InvokeCommand rules", () => {
  // [name, request overrides, code, HTTP status]
  const cases: [string, () => Partial<$Ecs.InvokeCommandRequest>, string, number][] = [
    ["no instances", () => ({ instanceId: [] }), "MissingParam.InstanceId", 400],
    ["101 instance ids", () => ({ instanceId: manyIds }), "InstanceIds.ExceedLimit", 403],
    ["an unknown command", () => ({ commandId: "c-doesnotexist" }), "InvalidCmdId.NotFound", 404],
    ["an unknown instance", () => ({ instanceId: ["i-nothere"] }), "InvalidInstance.NotFound", 404],
    ["a shell script on Windows", () => ({ instanceId: [WINDOWS] }), "InvalidInstance.NotMatch", 400],
    ["a bat script on Linux", () => ({ commandId: batCommand }), "InvalidInstance.NotMatch", 400],
    ["an unknown repeat mode", () => ({ repeatMode: "Sometimes" }), "InvalidRepeatMode.NotFound", 404],
    ["Period without a frequency", () => ({ repeatMode: "Period" }), "MissingParam.Frequency", 400],
    ["a rate below 60 s", () => ({ repeatMode: "Period", frequency: "rate(30s)" }), "InvalidParam.Frequency", 400],
    ["a rate above 7 days", () => ({ repeatMode: "Period", frequency: "rate(8d)" }), "InvalidParam.Frequency", 400],
    ["a rate not longer than the timeout", () => ({ repeatMode: "Period", frequency: "rate(2m)", timeout: 120 }), "InvalidParam.Frequency", 400],
    ["an at() in the past", () => ({ repeatMode: "Period", frequency: "at(2001-01-01 00:00:00 UTC)" }), "InvalidParam.Frequency", 400],
    ["a malformed cron", () => ({ repeatMode: "Period", frequency: "every day at noon" }), "InvalidParam.Frequency", 400],
    ["a cron firing every second", () => ({ repeatMode: "Period", frequency: "* * * * * *" }), "InvalidParam.Frequency", 400],
    ["parameters for a command without parameters", () => ({ parameters: { a: "1" } }), "Parameter.Disabled", 400],
    ["a missing parameter value", () => ({ commandId: paramCommand, parameters: { greeting: "hi" } }), "Parameter.MissingValue", 400],
    ["an undefined parameter", () => ({ commandId: paramCommand, parameters: { greeting: "hi", name: "x", extra: "y" } }), "Parameter.NotMatched", 403],
    ["11 parameters", () => ({ commandId: paramCommand, parameters: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, "v"])) }), "ParameterCount.ExceedLimit", 403],
    ["a 65-character parameter name", () => ({ commandId: paramCommand, parameters: { ["k".repeat(65)]: "v" } }), "ParameterKey.ExceedLimit", 403],
    ["content plus parameters over 18 KB", () => ({ commandId: paramCommand, parameters: { greeting: big, name: "x" } }), "CmdContent.ExceedLimit", 403],
    ["a 256-character username", () => ({ username: "u".repeat(256) }), "Username.ExceedLimit", 403],
    ["a 256-character Windows password name", () => ({ windowsPasswordName: "p".repeat(256) }), "WindowsPasswordName.ExceedLimit", 403],
    ["a malformed container id", () => ({ containerId: "abc" }), "InvalidContainerId.Malformed", 400],
    ["a malformed container name", () => ({ containerName: "-bad name" }), "InvalidContainerName.Malformed", 400],
    ["a client token over 64 characters", () => ({ clientToken: "t".repeat(65) }), "InvalidClientToken.Malformed", 400],
    ["a launcher over 1 KB", () => ({ launcher: "l".repeat(1025) }), "InvalidLauncher.LengthLimitExceeded", 403],
    ["a timeout over the configured ceiling", () => ({ timeout: 86_401 }), "InvalidTimeout.ExceedLimit", 403],
    ["a timeout under 10 seconds", () => ({ timeout: 9 }), "InvalidParameter", 400],
    ["an unknown termination mode", () => ({ terminationMode: "Gently" }), "InvalidTerminationMode.NotFound", 404],
    ["a working directory over 200 characters", () => ({ workingDir: `/${"d".repeat(200)}` }), "InvalidParameter.WorkingDir", 400],
    ["instance ids and resource tags together", () => ({ resourceTag: [new $Ecs.InvokeCommandRequestResourceTag({ key: "env", value: "demo" })] }), "InvalidResourceTag.ConflictWithInstanceIds", 400],
    ["11 resource tags", () => ({ instanceId: undefined, resourceTag: Array.from({ length: 11 }, (_, i) => new $Ecs.InvokeCommandRequestResourceTag({ key: `k${i}`, value: "v" })) }), "NumberExceed.ResourceTags", 400],
    ["resource tags matching nothing", () => ({ instanceId: undefined, resourceTag: [new $Ecs.InvokeCommandRequestResourceTag({ key: "env", value: "nowhere" })] }), "InvalidResourceTag.InstanceNotFound", 400],
    ["a malformed OSS delivery URI", () => ({ ossOutputDelivery: "s3://bucket" }), "InvalidParameter.OssOutputDelivery", 400],
    ["a 65-character resource tag key", () => ({ instanceId: undefined, resourceTag: [new $Ecs.InvokeCommandRequestResourceTag({ key: "k".repeat(65), value: "v" })] }), "InvalidResourceTagKey.Malformed", 400],
    ["a resource tag key with a URL", () => ({ instanceId: undefined, resourceTag: [new $Ecs.InvokeCommandRequestResourceTag({ key: "https://k", value: "v" })] }), "InvalidResourceTagKey.Malformed", 400],
    ["a resource tag value with a URL", () => ({ instanceId: undefined, resourceTag: [new $Ecs.InvokeCommandRequestResourceTag({ key: "env", value: "http://v" })] }), "InvalidResourceTagValue.Malformed", 400],
    ["a tag value with a URL", () => ({ tag: [new $Ecs.InvokeCommandRequestTag({ key: "k", value: "see http://v" })] }), "InvalidTagValue.Malformed", 400],
    ["a GMT offset with a leading zero", () => ({ repeatMode: "Period", frequency: "0 0 8 * * ? GMT+08:00" }), "InvalidParam.Frequency", 400],
    ["a frequency given with RepeatMode Once (it becomes Period, so it is checked)", () => ({ repeatMode: "Once", frequency: "rate(10s)" }), "InvalidParam.Frequency", 400],
    ["an unknown region", () => ({ regionId: "xx-nowhere-1" }), "InvalidRegionId.NotFound", 404],
  ];

  it.each(cases)("rejects %s", async (_name, overrides, code, status) => {
    const error = await sdkError(invoke(overrides()));
    expect([error.code, error.statusCode]).toEqual([code, status]);
    expect(error.data?.["RequestId"]).toEqual(expect.stringMatching(/^[0-9A-F-]{36}$/));
  });

  it("documents every rejection with the API's message", async () => {
    const error = await sdkError(invoke({ instanceId: manyIds }));
    expect(error.data?.["Message"]).toBe("The number of instance IDs exceeds the upper limit.");
  });

  it.each([
    ["InvokeCommand without CommandId", () => ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", instanceId: [LINUX[0]!] })), "CommandId"],
    ["InvokeCommand without RegionId", () => ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ commandId: shellCommand, instanceId: [LINUX[0]!] })), "RegionId"],
    ["StopInvocation without InvokeId", () => ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: "cn-hangzhou" })), "InvokeId"],
  ])("answers %s with the gateway's Missing{Name}", async (_case, call, name) => {
    const error = await sdkError(call());
    expect([error.code, error.statusCode, error.data?.["Message"]]).toEqual([`Missing${name}`, 400, `${name} is mandatory for this action.`]);
  });

  it("accepts tag values that start with acs: or aliyun (only keys may not)", async () => {
    const tag = [new $Ecs.InvokeCommandRequestTag({ key: "origin", value: "acs:ecs" }), new $Ecs.InvokeCommandRequestTag({ key: "vendor", value: "aliyun-x" })];
    const invokeId = (await invoke({ tag })).body!.invokeId!;
    expect((await describe1(invokeId)).tags!.tag!.map((t) => [t.tagKey, t.tagValue])).toEqual([["origin", "acs:ecs"], ["vendor", "aliyun-x"]]);
  });

  it.each(["Once", "NextRebootOnly", "EveryReboot"])("makes a %s invocation with a Frequency a Period one, as the page says", async (repeatMode) => {
    const invokeId = (await invoke({ repeatMode, frequency: "rate(1h)" })).body!.invokeId!;
    const invocation = await describe1(invokeId);
    expect([invocation.repeatMode, invocation.frequency, invocation.invocationStatus]).toEqual(["Period", "rate(1h)", "Scheduled"]);
    await ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: "cn-hangzhou", invokeId }));
  });

  it("sets no Timeout ceiling of its own: the API documents none", async () => {
    const unlimited = await emulator();
    try {
      const client = sdkClient(unlimited);
      const commandId = (await client.createCommand(new $Ecs.CreateCommandRequest({ regionId: "cn-hangzhou", name: "long", type: "RunShellScript", commandContent: Buffer.from("true").toString("base64"), timeout: 172_800 }))).body!.commandId!;
      const dry = await client.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: [LINUX[0]!], timeout: 604_800, repeatMode: "DryRun" }));
      expect(dry.statusCode).toBe(200);
    } finally {
      await unlimited.close();
    }
  });

  it("creates nothing for a DryRun", async () => {
    const before = (await control<unknown[]>(emu, "GET", "requests?action=InvokeCommand")).length;
    const response = await invoke({ repeatMode: "DryRun" });
    expect(response.body?.invokeId).toBe("");
    const all = await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", commandId: shellCommand, maxResults: 50 }));
    expect(all.body?.invocations?.invocation?.some((i) => i.repeatMode === "DryRun")).toBe(false);
    expect((await control<unknown[]>(emu, "GET", "requests?action=InvokeCommand")).length).toBe(before + 1);
  });

  it.each([
    [false, 23 * 1024, "OK"],
    [false, 25 * 1024, "CmdContent.ExceedLimit"],
    [true, 17 * 1024, "OK"],
    [true, 20 * 1024, "CmdContent.ExceedLimit"],
  ])("lets RunCommand (KeepCommand %s) take %d bytes of Base64 content: %s", async (keepCommand, bytes, outcome) => {
    const commandContent = Buffer.from("#".repeat(Math.floor((bytes * 3) / 4))).toString("base64");
    const call = ecs.runCommand(new $Ecs.RunCommandRequest({
      regionId: "cn-hangzhou", type: "RunShellScript", contentEncoding: "Base64", commandContent, instanceId: [LINUX[0]!], keepCommand, repeatMode: "DryRun",
    }));
    if (outcome === "OK") {
      await expect(call).resolves.toBeDefined();
    } else {
      const error = await sdkError(call);
      expect([error.code, error.statusCode]).toEqual([outcome, 403]);
    }
  });

  it.each([true, false])("answers a RunCommand retried with its ClientToken (KeepCommand %s) with the same command and invocation, creating no second command", async (keepCommand) => {
    const request = () => new $Ecs.RunCommandRequest({
      regionId: "cn-hangzhou", type: "RunShellScript", commandContent: "echo once", instanceId: [LINUX[0]!], keepCommand, clientToken: `run-token-${keepCommand}`,
    });
    const commands = () => Object.keys(emu.store.state.regions["cn-hangzhou"]!.commands).length;
    const first = (await ecs.runCommand(request())).body!;
    const before = commands();
    const again = (await ecs.runCommand(request())).body!;
    expect([again.commandId, again.invokeId]).toEqual([first.commandId, first.invokeId]);
    expect(commands()).toBe(before);
    if (keepCommand) {
      const kept = (await ecs.describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: "cn-hangzhou", commandId: first.commandId }))).body!.commands!.command!;
      expect(kept.map((c) => c.name)).toEqual(["run-command"]);
    }
    const error = await sdkError(ecs.runCommand(new $Ecs.RunCommandRequest({ ...request(), commandContent: "echo other" })));
    expect([error.code, error.statusCode]).toEqual(["IdempotentParameterMismatch", 403]);
  });

  it("returns the same InvokeId for a retried ClientToken and refuses it with other parameters", async () => {
    const first = await invoke({ clientToken: "token-1" });
    const again = await invoke({ clientToken: "token-1" });
    expect(again.body?.invokeId).toBe(first.body?.invokeId);
    const error = await sdkError(invoke({ clientToken: "token-1", instanceId: [LINUX[1]!] }));
    expect([error.code, error.statusCode]).toEqual(["IdempotentParameterMismatch", 403]);
  });

  it("refuses invocations beyond the daily quota", async () => {
    const limited = await emulator({ quotas: { dailyInvocations: 1 } });
    try {
      const client = sdkClient(limited);
      const commandId = (await client.createCommand(new $Ecs.CreateCommandRequest({ regionId: "cn-hangzhou", name: "q", type: "RunShellScript", commandContent: Buffer.from("true").toString("base64") }))).body!.commandId!;
      const request = () => client.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: [LINUX[0]!] }));
      await request();
      const error = await sdkError(request());
      expect([error.code, error.statusCode]).toEqual(["Invocation.ExceedQuota", 403]);
    } finally {
      await limited.close();
    }
  });
});

describe("execution", () => {
  it("runs the script with parameters and built-ins substituted and captures its output", async () => {
    const { body } = await invoke({ commandId: paramCommand, parameters: { greeting: "hello", name: "world" }, instanceId: LINUX });
    const invocation = await finished(body!.invokeId!);
    expect(invocation.invocationStatus).toBe("Success");
    expect(invocation.invokeInstances?.invokeInstance?.map((i) => [i.instanceId, i.invocationStatus, i.exitCode, i.output])).toEqual([
      [LINUX[0], "Success", 0, "hello world\n"],
      [LINUX[1], "Success", 0, "hello world\n"],
    ]);
  });

  it("reports a non-zero exit code as Failed with ExitCodeNonzero", async () => {
    const { body } = await ecs.runCommand(new $Ecs.RunCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", commandContent: "echo oops >&2; exit 7", instanceId: [LINUX[0]!] }));
    const invocation = await finished(body!.invokeId!);
    const instance = invocation.invokeInstances!.invokeInstance![0]!;
    expect([invocation.invocationStatus, instance.invocationStatus, instance.exitCode, instance.errorCode, instance.output]).toEqual(["Failed", "Failed", 7, "ExitCodeNonzero", "oops\n"]);
  });

  it("derives PartialFailed when one instance fails and another succeeds", async () => {
    const { body } = await ecs.runCommand(new $Ecs.RunCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", commandContent: 'test "{{ACS::InstanceId}}" = i-linux0000000000001', instanceId: LINUX }));
    expect((await finished(body!.invokeId!)).invocationStatus).toBe("PartialFailed");
  });

  it("kills a run that outlives its timeout and reports ExecutionTimeout", async () => {
    // Emulator time only moves when the test says so: the 10 s timeout passes without waiting 10 s.
    const clock = new ManualClock(Date.now());
    const timed = await emulator({ clock });
    try {
      const client = sdkClient(timed);
      const { body } = await client.runCommand(new $Ecs.RunCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", commandContent: "sleep 30", timeout: 10, instanceId: [LINUX[0]!] }));
      clock.advance(10);
      await eventually(async () => {
        const response = await client.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: body!.invokeId! }));
        return response.body!.invocations!.invocation![0]!.invocationStatus === "Running" ? true : undefined;
      });
      await eventually(async () => (timed.store.state.regions["cn-hangzhou"]!.invocations[body!.invokeId!]!.instances[0]!.startTime ? true : undefined));
      clock.advance(10_000);
      const instance = await eventually(async () => {
        const response = await client.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: body!.invokeId! }));
        const result = response.body!.invocations!.invocation![0]!;
        return result.invocationStatus === "Failed" ? result.invokeInstances!.invokeInstance![0]! : undefined;
      });
      expect([instance.invocationStatus, instance.errorCode, instance.errorInfo]).toEqual(["Timeout", "ExecutionTimeout", "the command execution has been timeout"]);
    } finally {
      await timed.close();
    }
  });

  it("caps output at 24 KB and counts the dropped bytes", async () => {
    const { body } = await ecs.runCommand(new $Ecs.RunCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", commandContent: "head -c 30000 /dev/zero | tr '\\0' a", instanceId: [LINUX[0]!] }));
    const instance = (await finished(body!.invokeId!)).invokeInstances!.invokeInstance![0]!;
    expect([instance.output?.length, instance.dropped]).toEqual([24 * 1024, 30000 - 24 * 1024]);
  });

  it("reports per-instance errors for a stopped instance, a missing agent and an unknown user", async () => {
    const { body } = await invoke({ instanceId: ["i-stopped00000000001", "i-noagent00000000001"] });
    const invocation = await finished(body!.invokeId!);
    expect(invocation.invokeInstances!.invokeInstance!.map((i) => [i.invocationStatus, i.errorCode])).toEqual([["Invalid", "InstanceNotRunning"], ["Aborted", "ClientNotRunning"]]);
    const user = await finished((await invoke({ username: "nobody" })).body!.invokeId!);
    expect(user.invokeInstances!.invokeInstance![0]!.errorCode).toBe("AccountNotExists");
  });

  it("reports InstanceReleased for a run delivered after its instance was released", async () => {
    const clock = new ManualClock(Date.now());
    const fleet = await emulator({ clock });
    try {
      const client = sdkClient(fleet);
      const { body } = await client.runCommand(new $Ecs.RunCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", commandContent: "true", instanceId: [LINUX[1]!] }));
      await control(fleet, "DELETE", `fleet/${LINUX[1]}`);
      clock.advance(1_000);
      const instance = await eventually(async () => {
        const found = (await client.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: body!.invokeId! }))).body!.invocations!.invocation![0]!;
        return found.invocationStatus === "Failed" ? found.invokeInstances!.invokeInstance![0]! : undefined;
      });
      expect([instance.invocationStatus, instance.errorCode, instance.errorInfo]).toEqual(["Invalid", "InstanceReleased", "the instance has released when create task"]);
      const listed = (await client.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: "cn-hangzhou" }))).body!.instances!.instance!.map((i) => i.instanceId);
      expect(listed).not.toContain(LINUX[1]);
    } finally {
      await fleet.close();
    }
  });

  it("simulates Windows scripts and takes the exit code from their last exit line", async () => {
    const { body } = await ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId: batCommand, instanceId: [WINDOWS] }));
    const instance = (await finished(body!.invokeId!)).invokeInstances!.invokeInstance![0]!;
    expect([instance.invocationStatus, instance.exitCode]).toEqual(["Failed", 3]);
  });

  it("stops a running invocation: the run is terminated and the invocation Stopped", async () => {
    const { body } = await ecs.runCommand(new $Ecs.RunCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", commandContent: "sleep 30", instanceId: [LINUX[0]!] }));
    const invokeId = body!.invokeId!;
    await eventually(async () => ((await describe1(invokeId)).invocationStatus === "Running" ? true : undefined));
    await ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: "cn-hangzhou", invokeId }));
    const invocation = await finished(invokeId);
    expect([invocation.invocationStatus, invocation.invokeInstances!.invokeInstance![0]!.invocationStatus]).toEqual(["Stopped", "Terminated"]);
  });

  it("refuses to stop an unknown invocation or an instance it does not include", async () => {
    const unknown = await sdkError(ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: "cn-hangzhou", invokeId: "t-nothere" })));
    expect([unknown.code, unknown.statusCode]).toEqual(["InvalidInvokeId.NotFound", 404]);
    const { body } = await invoke({});
    const other = await sdkError(ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: "cn-hangzhou", invokeId: body!.invokeId!, instanceId: [LINUX[1]!] })));
    expect([other.code, other.data?.["Message"]]).toEqual(["InvalidInstanceId.NotFound", "The specified parameter InstanceId does not exist."]);
  });

  it("targets the instances that carry the resource tags", async () => {
    const { body } = await invoke({ instanceId: undefined, resourceTag: [new $Ecs.InvokeCommandRequestResourceTag({ key: "role", value: "web" })] });
    const invocation = await finished(body!.invokeId!);
    expect(invocation.invokeInstances!.invokeInstance!.map((i) => i.instanceId).sort()).toEqual(LINUX);
  });
});
