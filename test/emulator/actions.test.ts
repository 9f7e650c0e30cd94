import type Ecs from "@alicloud/ecs20140526";
import * as $Ecs from "@alicloud/ecs20140526";
import { emulatorForFile, eventually, sdkClient, sdkError } from "../support/emulator";

const REGION = "cn-hangzhou";
const LINUX = "i-linux0000000000001";
const emu = emulatorForFile();
let ecs: Ecs;
beforeAll(() => {
  ecs = sdkClient(emu);
});

describe("commands", () => {
  it("creates, describes, modifies and deletes a command", async () => {
    const created = await ecs.createCommand(
      new $Ecs.CreateCommandRequest({
        regionId: REGION,
        name: "lifecycle",
        type: "RunShellScript",
        commandContent: "echo {{who}}",
        contentEncoding: "PlainText",
        enableParameter: true,
        timeout: 30,
        workingDir: "/tmp",
        tag: [new $Ecs.CreateCommandRequestTag({ key: "team", value: "ops" })],
      }),
    );
    const commandId = created.body!.commandId!;
    expect(commandId).toMatch(/^c-[0-9a-f]+$/);
    const described = (await ecs.describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: REGION, commandId }))).body!.commands!.command![0]!;
    expect([
      described.name,
      described.commandContent,
      described.timeout,
      described.enableParameter,
      described.parameterNames?.parameterName,
      described.tags?.tag?.[0]?.tagValue,
    ]).toEqual(["lifecycle", Buffer.from("echo {{who}}").toString("base64"), 30, true, ["who"], "ops"]);
    expect(described.creationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    await ecs.modifyCommand(new $Ecs.ModifyCommandRequest({ regionId: REGION, commandId, name: "renamed", timeout: 90 }));
    const modified = (await ecs.describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: REGION, commandId, contentEncoding: "PlainText" }))).body!
      .commands!.command![0]!;
    expect([modified.name, modified.timeout, modified.commandContent]).toEqual(["renamed", 90, "echo {{who}}"]);
    await ecs.deleteCommand(new $Ecs.DeleteCommandRequest({ regionId: REGION, commandId }));
    const gone = await sdkError(ecs.deleteCommand(new $Ecs.DeleteCommandRequest({ regionId: REGION, commandId })));
    expect([gone.code, gone.statusCode, gone.data?.["Message"]]).toEqual(["InvalidCmdId.NotFound", 404, "The specified command ID does not exist."]);
  });

  it.each([
    ["an unknown type", { type: "RunPerlScript" }, "InvalidCmdType.NotFound", 404],
    ["content that is not Base64", { commandContent: "not base64!" }, "CmdContent.DecodeError", 400],
    ["a 129-character name", { name: "n".repeat(129) }, "CmdName.ExceedLimit", 403],
    ["a 513-character description", { description: "d".repeat(513) }, "CmdDesc.ExceedLimit", 403],
    ["content over 18 KB", { commandContent: Buffer.from("x".repeat(14_000)).toString("base64") }, "CmdContent.ExceedLimit", 403],
    [
      "an invalid parameter name",
      { commandContent: Buffer.from("echo {{bad name}}").toString("base64"), enableParameter: true },
      "CmdParam.InvalidParamName",
      400,
    ],
    [
      "21 parameters",
      { commandContent: Buffer.from(Array.from({ length: 21 }, (_, i) => `{{p${i}}}`).join(" ")).toString("base64"), enableParameter: true },
      "CmdParamCount.ExceedLimit",
      403,
    ],
  ])("rejects %s", async (_name, overrides, code, status) => {
    const error = await sdkError(
      ecs.createCommand(
        new $Ecs.CreateCommandRequest({
          regionId: REGION,
          name: "bad",
          type: "RunShellScript",
          commandContent: Buffer.from("true").toString("base64"),
          ...overrides,
        }),
      ),
    );
    expect([error.code, error.statusCode]).toEqual([code, status]);
  });

  it("pages through commands with MaxResults and NextToken", async () => {
    for (let i = 0; i < 3; i++) {
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({ regionId: REGION, name: `page-${i}`, type: "RunShellScript", commandContent: Buffer.from("true").toString("base64") }),
      );
    }
    const first = (await ecs.describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: REGION, name: "page-*", maxResults: 2 }))).body!;
    const second = (
      await ecs.describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: REGION, name: "page-*", maxResults: 2, nextToken: first.nextToken }))
    ).body!;
    const names = [...first.commands!.command!, ...second.commands!.command!].map((c) => c.name).sort();
    expect([first.totalCount, names, second.nextToken]).toEqual([3, ["page-0", "page-1", "page-2"], ""]);
    const bad = await sdkError(ecs.describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: REGION, maxResults: 51 })));
    expect(bad.code).toBe("InvalidParameter.MaxResults");
  });

  it.each([
    [{ pageSize: 51 }, "InvalidParam.PageSize"],
    [{ pageSize: 0 }, "InvalidParam.PageSize"],
    [{ pageNumber: 0 }, "InvalidParam.PageNumber"],
    [{ pageNumber: -1 }, "InvalidParam.PageNumber"],
    [{ nextToken: "not-a-token" }, "InvalidParameter.NextToken"],
  ])("refuses the page parameters %j with %s", async (paging, code) => {
    const error = await sdkError(ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, ...paging })));
    expect([error.code, error.statusCode, error.data?.["Message"]]).toEqual([code, 400, expect.any(String)]);
  });
});

describe("invocations", () => {
  async function run(content: string, extra: Partial<$Ecs.RunCommandRequest> = {}): Promise<string> {
    return (
      await ecs.runCommand(new $Ecs.RunCommandRequest({ regionId: REGION, type: "RunShellScript", commandContent: content, instanceId: [LINUX], ...extra }))
    ).body!.invokeId!;
  }

  it("returns Base64 output by default and omits it unless IncludeOutput is set", async () => {
    const invokeId = await run("printf 'héllo'");
    const describe = (includeOutput: boolean, contentEncoding?: string) =>
      eventually(async () => {
        const body = (await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, invokeId, includeOutput, contentEncoding }))).body!;
        const invocation = body.invocations!.invocation![0]!;
        return invocation.invocationStatus === "Success" ? invocation.invokeInstances!.invokeInstance![0]!.output : undefined;
      });
    expect(await describe(true)).toBe(Buffer.from("héllo").toString("base64"));
    expect(await describe(true, "PlainText")).toBe("héllo");
    expect(await describe(false)).toBe("");
    // "If IncludeOutput is true, InvokeId and/or InstanceId is required."
    const error = await sdkError(ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, includeOutput: true })));
    expect([error.code, error.statusCode]).toEqual(["MissingInvokeId", 400]);
    const byInstance = await ecs.describeInvocations(
      new $Ecs.DescribeInvocationsRequest({ regionId: REGION, includeOutput: true, instanceId: "i-linux0000000000001" }),
    );
    expect(byInstance.body!.invocations!.invocation!.length).toBeGreaterThan(0);
  });

  it("keeps the legacy InvokeStatus beside InvocationStatus", async () => {
    const invokeId = await run("true");
    const invocation = await eventually(async () => {
      const found = (await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, invokeId }))).body!.invocations!.invocation![0]!;
      return found.invocationStatus === "Success" ? found : undefined;
    });
    expect([invocation.invokeStatus, invocation.invokeInstances!.invokeInstance![0]!.instanceInvokeStatus, invocation.repeatMode]).toEqual([
      "Finished",
      "Finished",
      "Once",
    ]);
  });

  it("hands back binary output byte for byte with ContentEncoding Base64", async () => {
    const invokeId = await run("printf '\\377\\000\\201\\n'");
    const result = await eventually(async () => {
      const body = (await ecs.describeInvocationResults(new $Ecs.DescribeInvocationResultsRequest({ regionId: REGION, invokeId }))).body!;
      const first = body.invocation!.invocationResults!.invocationResult![0]!;
      return first.invocationStatus === "Success" ? first : undefined;
    });
    expect([...Buffer.from(result.output!, "base64")]).toEqual([0xff, 0x00, 0x81, 0x0a]);
  });

  it("filters DescribeInvocationResults by Tag.N and ResourceGroupId", async () => {
    const tagged = await run("true", { tag: [new $Ecs.RunCommandRequestTag({ key: "team", value: "results" })], resourceGroupId: "rg-results1" });
    const other = await run("true", { tag: [new $Ecs.RunCommandRequestTag({ key: "team", value: "elsewhere" })] });
    const results = async (request: Partial<$Ecs.DescribeInvocationResultsRequest>) =>
      (
        await ecs.describeInvocationResults(new $Ecs.DescribeInvocationResultsRequest({ regionId: REGION, maxResults: 50, ...request }))
      ).body!.invocation!.invocationResults!.invocationResult!.map((r) => r.invokeId);
    expect(await results({ tag: [new $Ecs.DescribeInvocationResultsRequestTag({ key: "team", value: "results" })] })).toEqual([tagged]);
    expect(await results({ resourceGroupId: "rg-results1" })).toEqual([tagged]);
    expect(await results({ tag: [new $Ecs.DescribeInvocationResultsRequestTag({ key: "team", value: "elsewhere" })] })).toEqual([other]);
  });

  it("keeps NextToken pages stable while new invocations arrive in front of them", async () => {
    const commandId = (
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({ regionId: REGION, name: "paged", type: "RunShellScript", commandContent: Buffer.from("true").toString("base64") }),
      )
    ).body!.commandId!;
    const invoke = async () =>
      (await ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: REGION, commandId, instanceId: ["i-linux0000000000001"] }))).body!.invokeId!;
    const earlier: string[] = [];
    for (let i = 0; i < 5; i++) earlier.push(await invoke());
    const list = (nextToken?: string) =>
      ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, commandId, maxResults: 2, nextToken }));
    const first = (await list()).body!;
    await invoke();
    await invoke();
    const rest: string[] = [];
    let token = first.nextToken;
    while (token) {
      const next = (await list(token)).body!;
      rest.push(...next.invocations!.invocation!.map((i) => i.invokeId!));
      token = next.nextToken;
    }
    const seen = [...first.invocations!.invocation!.map((i) => i.invokeId!), ...rest];
    expect(seen).toEqual([...earlier].reverse());
  });

  it("reports per-instance results with FinishedTime inside Invocation; a non-zero exit is a Finished record", async () => {
    const invokeId = await run("echo result; exit 2");
    const result = await eventually(async () => {
      const body = (
        await ecs.describeInvocationResults(new $Ecs.DescribeInvocationResultsRequest({ regionId: REGION, invokeId, contentEncoding: "PlainText" }))
      ).body!;
      const first = body.invocation!.invocationResults!.invocationResult![0]!;
      return first.invocationStatus === "Failed" ? { first, total: body.invocation!.totalCount } : undefined;
    });
    // As the documented example: InvocationStatus Failed, InvokeRecordStatus Finished, ErrorCode ExitCodeNonzero.
    expect([result.total, result.first.invokeRecordStatus, result.first.exitCode, result.first.errorCode, result.first.output]).toEqual([
      1,
      "Finished",
      2,
      "ExitCodeNonzero",
      "result\n",
    ]);
    expect(result.first.finishedTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const legacy = (await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, invokeId }))).body!.invocations!.invocation![0]!;
    expect(legacy.invokeInstances!.invokeInstance![0]!.instanceInvokeStatus).toBe("Finished");
    // The OSS delivery fields are present (empty: nothing was delivered).
    expect([legacy.invokeInstances!.invokeInstance![0]!.ossOutputUri, legacy.invokeInstances!.invokeInstance![0]!.ossOutputStatus]).toEqual(["", ""]);
    expect([result.first.ossOutputUri, result.first.ossOutputStatus, result.first.ossOutputDelivery]).toEqual(["", "", ""]);
    const filtered = (
      await ecs.describeInvocationResults(new $Ecs.DescribeInvocationResultsRequest({ regionId: REGION, invokeId, invokeRecordStatus: "Finished" }))
    ).body!;
    expect(filtered.invocation!.totalCount).toBe(1);
  });

  it("refuses IncludeHistory for a one-time invocation", async () => {
    const invokeId = await run("true");
    const error = await sdkError(
      ecs.describeInvocationResults(new $Ecs.DescribeInvocationResultsRequest({ regionId: REGION, invokeId, includeHistory: true })),
    );
    expect(error.code).toBe("InvalidParameter");
  });

  it("stops a scheduled invocation so that it never runs again", async () => {
    const invokeId = await run("true", { repeatMode: "Period", frequency: "rate(1h)" });
    const status = async () =>
      (await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, invokeId }))).body!.invocations!.invocation![0]!.invocationStatus;
    expect(await status()).toBe("Scheduled");
    await ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: REGION, invokeId }));
    expect(await status()).toBe("Stopped");
  });
});

describe("instances", () => {
  it("describes instances by id list, status and tag", async () => {
    const byIds = (
      await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([LINUX, "i-windows00000000001"]) }))
    ).body!;
    expect(byIds.instances!.instance!.map((i) => [i.instanceId, i.OSType, i.status])).toEqual([
      [LINUX, "linux", "Running"],
      ["i-windows00000000001", "windows", "Running"],
    ]);
    const stopped = (await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, status: "Stopped" }))).body!;
    expect(stopped.instances!.instance!.map((i) => i.instanceId)).toEqual(["i-stopped00000000001"]);
    const tagged = (
      await ecs.describeInstances(
        new $Ecs.DescribeInstancesRequest({ regionId: REGION, tag: [new $Ecs.DescribeInstancesRequestTag({ key: "role", value: "db" })] }),
      )
    ).body!;
    expect(tagged.instances!.instance!.map((i) => i.instanceId)).toEqual(["i-linux0000000000003"]);
  });

  it("fills the instance fields the SDK model defines that Cloud Assistant users read", async () => {
    const [web] = (await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([LINUX]) }))).body!.instances!
      .instance!;
    expect(web).toEqual(
      expect.objectContaining({
        instanceId: LINUX,
        instanceName: "web-1",
        hostName: "web-1",
        status: "Running",
        regionId: REGION,
        zoneId: "cn-hangzhou-h",
        OSType: "linux",
        OSName: expect.stringContaining("Linux"),
        instanceType: "ecs.g7.large",
        instanceTypeFamily: "ecs.g7",
        instanceNetworkType: "vpc",
        instanceChargeType: "PostPaid",
        resourceGroupId: "rg-default0000000001",
        creationTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/),
      }),
    );
    const ip = web!.vpcAttributes!.privateIpAddress!.ipAddress![0]!;
    expect(ip).toMatch(/^172\.16\.\d+\.\d+$/);
    expect(web!.networkInterfaces!.networkInterface![0]!.primaryIpAddress).toBe(ip);
    expect(web!.tags!.tag!.map((t) => [t.tagKey, t.tagValue])).toEqual([
      ["env", "demo"],
      ["role", "web"],
    ]);
  });

  it.each<[string, Partial<$Ecs.DescribeInstancesRequest>, string[] | string]>([
    [
      "ZoneId",
      { zoneId: "cn-hangzhou-h" },
      ["i-linux0000000000001", "i-linux0000000000002", "i-linux0000000000003", "i-windows00000000001", "i-stopped00000000001", "i-noagent00000000001"],
    ],
    ["ZoneId elsewhere", { zoneId: "cn-hangzhou-k" }, []],
    ["InstanceType", { instanceType: "ecs.c7.large" }, []],
    ["an empty InstanceIds list", { instanceIds: "[]" }, []],
    ["an InstanceName wildcard", { instanceName: "web-*" }, ["i-linux0000000000001", "i-linux0000000000002"]],
    ["a creation window in the past", { filter: [new $Ecs.DescribeInstancesRequestFilter({ key: "CreationEndTime", value: "2020-01-01T00:00Z" })] }, []],
    ["an unknown Status", { status: "Sleeping" }, "InvalidStatus.NotFound"],
    ["an unknown network type", { instanceNetworkType: "mesh" }, "InvalidNetworkType.NotFound"],
    ["an unknown charge type", { instanceChargeType: "Free" }, "InvalidInstanceChargeType.NotFound"],
    ["an unknown filter key", { filter: [new $Ecs.DescribeInstancesRequestFilter({ key: "Color", value: "2020-01-01T00:00Z" })] }, "InvalidFilterKey.NotFound"],
  ])("filters instances by %s", async (_filter, request, expected) => {
    const call = ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, maxResults: 100, ...request }));
    if (typeof expected === "string") {
      const error = await sdkError(call);
      expect([error.code, error.statusCode]).toEqual([expected, 404]);
    } else {
      expect((await call).body!.instances!.instance!.map((i) => i.instanceId).sort()).toEqual([...expected].sort());
    }
  });

  it("finds an instance by its private address", async () => {
    const [web] = (await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([LINUX]) }))).body!.instances!
      .instance!;
    const ip = web!.vpcAttributes!.privateIpAddress!.ipAddress![0]!;
    const found = (await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, privateIpAddresses: JSON.stringify([ip]) }))).body!
      .instances!.instance!;
    expect(found.map((i) => i.instanceId)).toEqual([LINUX]);
  });

  it("reports the Cloud Assistant agent's state per instance", async () => {
    const body = (
      await ecs.describeCloudAssistantStatus(new $Ecs.DescribeCloudAssistantStatusRequest({ regionId: REGION, instanceId: [LINUX, "i-noagent00000000001"] }))
    ).body!;
    expect(body.instanceCloudAssistantStatusSet!.instanceCloudAssistantStatus!.map((s) => [s.instanceId, s.cloudAssistantStatus, s.OSType])).toEqual([
      [LINUX, "true", "Linux"],
      ["i-noagent00000000001", "false", "Linux"],
    ]);
    const error = await sdkError(
      ecs.describeCloudAssistantStatus(new $Ecs.DescribeCloudAssistantStatusRequest({ regionId: REGION, instanceId: ["i-nothere"] })),
    );
    expect(error.code).toBe("InvalidInstance.NotFound");
  });

  it("stops and starts an instance through Stopping and Starting", async () => {
    const id = "i-linux0000000000003";
    const status = async () =>
      (await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([id]) }))).body!.instances!.instance![0]!
        .status;
    await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: id }));
    expect(await status()).toBe("Stopping");
    await eventually(async () => ((await status()) === "Stopped" ? true : undefined));
    const refused = await sdkError(ecs.rebootInstance(new $Ecs.RebootInstanceRequest({ instanceId: id })));
    expect([refused.code, refused.statusCode]).toEqual(["IncorrectInstanceStatus", 403]);
    await ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: id }));
    await eventually(async () => ((await status()) === "Running" ? true : undefined));
    const unknown = await sdkError(ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: "i-nothere" })));
    expect([unknown.code, unknown.data?.["Message"]]).toEqual(["InvalidInstanceId.NotFound", "The specified InstanceId does not exist."]);
  });

  it("runs NextRebootOnly and EveryReboot tasks when the instance reboots", async () => {
    const id = "i-linux0000000000002";
    const invoke = async (repeatMode: string) =>
      (
        await ecs.runCommand(
          new $Ecs.RunCommandRequest({ regionId: REGION, type: "RunShellScript", commandContent: "echo booted", repeatMode, instanceId: [id] }),
        )
      ).body!.invokeId!;
    const once = await invoke("NextRebootOnly");
    const every = await invoke("EveryReboot");
    const view = async (invokeId: string) =>
      (await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, invokeId }))).body!.invocations!.invocation![0]!;
    expect([(await view(once)).invocationStatus, (await view(every)).invocationStatus]).toEqual(["Scheduled", "Scheduled"]);
    for (let boot = 1; boot <= 2; boot++) {
      await eventually(async () =>
        (await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([id]) }))).body!.instances!.instance![0]!
          .status === "Running"
          ? true
          : undefined,
      );
      await ecs.rebootInstance(new $Ecs.RebootInstanceRequest({ instanceId: id }));
      await eventually(async () => ((await view(every)).invokeInstances!.invokeInstance![0]!.repeats === boot ? true : undefined));
    }
    expect([(await view(once)).invocationStatus, (await view(once)).invokeInstances!.invokeInstance![0]!.repeats]).toEqual(["Success", 1]);
    expect((await view(every)).invocationStatus).toBe("Scheduled");
    const history = (
      await ecs.describeInvocationResults(new $Ecs.DescribeInvocationResultsRequest({ regionId: REGION, invokeId: every, includeHistory: true }))
    ).body!;
    expect(history.invocation!.invocationResults!.invocationResult!.map((r) => r.repeats)).toEqual([1, 2]);
  });

  it("lists the regions the account can use", async () => {
    const regions = (await ecs.describeRegions(new $Ecs.DescribeRegionsRequest({}))).body!.regions!.region!.map((r) => r.regionId);
    expect(regions).toEqual(expect.arrayContaining(["cn-hangzhou", "cn-shanghai", "ap-southeast-1"]));
  });
});
