import * as $Ecs from "@alicloud/ecs20140526";
import { control, emulator, sdkClient, sdkError } from "../support/emulator";
import { batCommand, describe1, ecs, emu, invoke, LINUX, paramCommand, shellCommand, useInvokeFixture, WINDOWS } from "./invoke-fixture";

useInvokeFixture();

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
    [
      "11 parameters",
      () => ({ commandId: paramCommand, parameters: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, "v"])) }),
      "ParameterCount.ExceedLimit",
      403,
    ],
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
    [
      "instance ids and resource tags together",
      () => ({ resourceTag: [new $Ecs.InvokeCommandRequestResourceTag({ key: "env", value: "demo" })] }),
      "InvalidResourceTag.ConflictWithInstanceIds",
      400,
    ],
    [
      "11 resource tags",
      () => ({
        instanceId: undefined,
        resourceTag: Array.from({ length: 11 }, (_, i) => new $Ecs.InvokeCommandRequestResourceTag({ key: `k${i}`, value: "v" })),
      }),
      "NumberExceed.ResourceTags",
      400,
    ],
    [
      "resource tags matching nothing",
      () => ({ instanceId: undefined, resourceTag: [new $Ecs.InvokeCommandRequestResourceTag({ key: "env", value: "nowhere" })] }),
      "InvalidResourceTag.InstanceNotFound",
      400,
    ],
    ["a malformed OSS delivery URI", () => ({ ossOutputDelivery: "s3://bucket" }), "InvalidParameter.OssOutputDelivery", 400],
    [
      "a 65-character resource tag key",
      () => ({ instanceId: undefined, resourceTag: [new $Ecs.InvokeCommandRequestResourceTag({ key: "k".repeat(65), value: "v" })] }),
      "InvalidResourceTagKey.Malformed",
      400,
    ],
    [
      "a resource tag key with a URL",
      () => ({ instanceId: undefined, resourceTag: [new $Ecs.InvokeCommandRequestResourceTag({ key: "https://k", value: "v" })] }),
      "InvalidResourceTagKey.Malformed",
      400,
    ],
    [
      "a resource tag value with a URL",
      () => ({ instanceId: undefined, resourceTag: [new $Ecs.InvokeCommandRequestResourceTag({ key: "env", value: "http://v" })] }),
      "InvalidResourceTagValue.Malformed",
      400,
    ],
    ["a tag value with a URL", () => ({ tag: [new $Ecs.InvokeCommandRequestTag({ key: "k", value: "see http://v" })] }), "InvalidTagValue.Malformed", 400],
    ["a GMT offset with a leading zero", () => ({ repeatMode: "Period", frequency: "0 0 8 * * ? GMT+08:00" }), "InvalidParam.Frequency", 400],
    [
      "a frequency given with RepeatMode Once (it becomes Period, so it is checked)",
      () => ({ repeatMode: "Once", frequency: "rate(10s)" }),
      "InvalidParam.Frequency",
      400,
    ],
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
    [
      "InvokeCommand without CommandId",
      () => ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", instanceId: [LINUX[0]!] })),
      "CommandId",
    ],
    [
      "InvokeCommand without RegionId",
      () => ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ commandId: shellCommand, instanceId: [LINUX[0]!] })),
      "RegionId",
    ],
    ["StopInvocation without InvokeId", () => ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: "cn-hangzhou" })), "InvokeId"],
  ])("answers %s with the gateway's Missing{Name}", async (_case, call, name) => {
    const error = await sdkError(call());
    expect([error.code, error.statusCode, error.data?.["Message"]]).toEqual([`Missing${name}`, 400, `${name} is mandatory for this action.`]);
  });

  it("accepts tag values that start with acs: or aliyun (only keys may not)", async () => {
    const tag = [new $Ecs.InvokeCommandRequestTag({ key: "origin", value: "acs:ecs" }), new $Ecs.InvokeCommandRequestTag({ key: "vendor", value: "aliyun-x" })];
    const invokeId = (await invoke({ tag })).body!.invokeId!;
    expect((await describe1(invokeId)).tags!.tag!.map((t) => [t.tagKey, t.tagValue])).toEqual([
      ["origin", "acs:ecs"],
      ["vendor", "aliyun-x"],
    ]);
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
      const commandId = (
        await client.createCommand(
          new $Ecs.CreateCommandRequest({
            regionId: "cn-hangzhou",
            name: "long",
            type: "RunShellScript",
            commandContent: Buffer.from("true").toString("base64"),
            timeout: 172_800,
          }),
        )
      ).body!.commandId!;
      const dry = await client.invokeCommand(
        new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: [LINUX[0]!], timeout: 604_800, repeatMode: "DryRun" }),
      );
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
    const call = ecs.runCommand(
      new $Ecs.RunCommandRequest({
        regionId: "cn-hangzhou",
        type: "RunShellScript",
        contentEncoding: "Base64",
        commandContent,
        instanceId: [LINUX[0]!],
        keepCommand,
        repeatMode: "DryRun",
      }),
    );
    if (outcome === "OK") {
      await expect(call).resolves.toBeDefined();
    } else {
      const error = await sdkError(call);
      expect([error.code, error.statusCode]).toEqual([outcome, 403]);
    }
  });

  it.each([true, false])(
    "answers a RunCommand retried with its ClientToken (KeepCommand %s) with the same command and invocation, creating no second command",
    async (keepCommand) => {
      const request = () =>
        new $Ecs.RunCommandRequest({
          regionId: "cn-hangzhou",
          type: "RunShellScript",
          commandContent: "echo once",
          instanceId: [LINUX[0]!],
          keepCommand,
          clientToken: `run-token-${keepCommand}`,
        });
      const commands = () => Object.keys(emu.store.state.regions["cn-hangzhou"]!.commands).length;
      const first = (await ecs.runCommand(request())).body!;
      const before = commands();
      const again = (await ecs.runCommand(request())).body!;
      expect([again.commandId, again.invokeId]).toEqual([first.commandId, first.invokeId]);
      expect(commands()).toBe(before);
      if (keepCommand) {
        const kept = (await ecs.describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: "cn-hangzhou", commandId: first.commandId }))).body!.commands!
          .command!;
        expect(kept.map((c) => c.name)).toEqual(["run-command"]);
      }
      const error = await sdkError(ecs.runCommand(new $Ecs.RunCommandRequest({ ...request(), commandContent: "echo other" })));
      expect([error.code, error.statusCode]).toEqual(["IdempotentParameterMismatch", 403]);
    },
  );

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
      const commandId = (
        await client.createCommand(
          new $Ecs.CreateCommandRequest({ regionId: "cn-hangzhou", name: "q", type: "RunShellScript", commandContent: Buffer.from("true").toString("base64") }),
        )
      ).body!.commandId!;
      const request = () => client.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: [LINUX[0]!] }));
      await request();
      const error = await sdkError(request());
      expect([error.code, error.statusCode]).toEqual(["Invocation.ExceedQuota", 403]);
    } finally {
      await limited.close();
    }
  });
});
