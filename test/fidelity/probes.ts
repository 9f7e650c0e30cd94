import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../../emulator";
import { eventually, sdkClient } from "../support/emulator";

/** What one action answered to its probe: the response body as the SDK model reads it. */
export type ProbeAnswers = Record<string, Record<string, unknown>>;

const REGION = "cn-hangzhou";
const WEB = "i-linux0000000000001";
const DB = "i-linux0000000000003";

/** Two answers of one action as one: lists joined, objects merged, so each field any of them filled counts. */
function merged(a: unknown, b: unknown): Record<string, unknown> {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b] as unknown as Record<string, unknown>;
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a)) {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [key, value] of Object.entries(b)) out[key] = key in out ? merged(out[key], value) : value;
    return out;
  }
  return (b ?? a) as Record<string, unknown>;
}

/**
 * One well-formed call of every action through the official SDK, each with the documented
 * parameters a user would send and filters that match what the earlier calls created (a filter
 * that matches nothing is never consulted). The emulator's request log then says which
 * parameters each action looked at; the bodies say which response fields it filled.
 */
export async function probeEveryAction(emu: RunningEmulator): Promise<ProbeAnswers> {
  const ecs = sdkClient(emu);
  const answers: ProbeAnswers = {};
  const keep = async <T extends { body?: { toMap(): Record<string, unknown> } }>(action: string, call: Promise<T>): Promise<T> => {
    const response = await call;
    answers[action] = merged(answers[action], response.body?.toMap() ?? {});
    return response;
  };
  const tag = { key: "team", value: "fidelity" };
  const rg = "rg-default0000000001";

  await keep(
    "DescribeRegions",
    ecs.describeRegions(new $Ecs.DescribeRegionsRequest({ acceptLanguage: "en-US", instanceChargeType: "PostPaid", resourceType: "instance" })),
  );
  await keep(
    "DescribeInstances",
    ecs.describeInstances(
      new $Ecs.DescribeInstancesRequest({
        regionId: REGION,
        instanceIds: JSON.stringify([WEB]),
        status: "Running",
        instanceName: "web-*",
        zoneId: "cn-hangzhou-h",
        instanceType: "ecs.g7.large",
        instanceTypeFamily: "ecs.g7",
        imageId: "aliyun_3_x64_20G_alibase_20240101.vhd",
        vpcId: "vpc-emulator00000001",
        vSwitchId: "vsw-emulator00000001",
        instanceNetworkType: "vpc",
        instanceChargeType: "PostPaid",
        resourceGroupId: rg,
        maxResults: 10,
        tag: [new $Ecs.DescribeInstancesRequestTag({ key: "env", value: "demo" })],
        filter: [new $Ecs.DescribeInstancesRequestFilter({ key: "CreationStartTime", value: "2000-01-01T00:00Z" })],
      }),
    ),
  );
  await keep(
    "DescribeCloudAssistantStatus",
    ecs.describeCloudAssistantStatus(new $Ecs.DescribeCloudAssistantStatusRequest({ regionId: REGION, instanceId: [WEB], OSType: "Linux" })),
  );
  const commandId = (
    await keep(
      "CreateCommand",
      ecs.createCommand(
        new $Ecs.CreateCommandRequest({
          regionId: REGION,
          name: "fidelity",
          description: "probe",
          type: "RunShellScript",
          commandContent: Buffer.from("echo {{who}}").toString("base64"),
          contentEncoding: "Base64",
          workingDir: "/root",
          timeout: 60,
          enableParameter: true,
          launcher: "",
          resourceGroupId: rg,
          tag: [new $Ecs.CreateCommandRequestTag(tag)],
        }),
      ),
    )
  ).body!.commandId!;
  await keep(
    "DescribeCommands",
    ecs.describeCommands(
      new $Ecs.DescribeCommandsRequest({
        regionId: REGION,
        commandId,
        name: "fidelity",
        type: "RunShellScript",
        description: "probe",
        contentEncoding: "PlainText",
        resourceGroupId: rg,
        maxResults: 10,
        tag: [new $Ecs.DescribeCommandsRequestTag(tag)],
      }),
    ),
  );
  // Public commands (a Provider), which carry what a user's do not: versions, parameter definitions.
  await keep(
    "DescribeCommands",
    ecs.describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: REGION, provider: "AlibabaCloud", latest: true, name: "UpdateAgent" })),
  );
  await keep(
    "ModifyCommand",
    ecs.modifyCommand(
      new $Ecs.ModifyCommandRequest({
        regionId: REGION,
        commandId,
        name: "fidelity",
        description: "probe again",
        commandContent: Buffer.from("echo {{who}}").toString("base64"),
        workingDir: "/root",
        timeout: 60,
        launcher: "",
      }),
    ),
  );
  const invokeId = (
    await keep(
      "InvokeCommand",
      ecs.invokeCommand(
        new $Ecs.InvokeCommandRequest({
          regionId: REGION,
          commandId,
          instanceId: [WEB],
          repeatMode: "Once",
          parameters: { who: "probe" },
          username: "root",
          workingDir: "/root",
          timeout: 60,
          terminationMode: "Process",
          launcher: "",
          clientToken: "fidelity-probe",
          containerName: "nginx",
          resourceGroupId: rg,
          ossOutputDelivery: "oss://fidelity-bucket/out",
          tag: [new $Ecs.InvokeCommandRequestTag(tag)],
        }),
      ),
    )
  ).body!.invokeId!;
  await eventually(async () => (emu.store.state.regions[REGION]!.invocations[invokeId]!.instances[0]!.status === "Success" ? true : undefined));
  const periodic = (
    await keep(
      "RunCommand",
      ecs.runCommand(
        new $Ecs.RunCommandRequest({
          regionId: REGION,
          type: "RunShellScript",
          commandContent: "echo {{who}}",
          contentEncoding: "PlainText",
          name: "fidelity-run",
          description: "probe",
          enableParameter: true,
          parameters: { who: "probe" },
          instanceId: [WEB],
          repeatMode: "Period",
          frequency: "rate(1h)",
          timeout: 60,
          workingDir: "/root",
          username: "root",
          keepCommand: false,
          terminationMode: "Process",
          clientToken: "fidelity-run",
          resourceGroupId: rg,
          tag: [new $Ecs.RunCommandRequestTag(tag)],
        }),
      ),
    )
  ).body!.invokeId!;
  await keep(
    "DescribeInvocations",
    ecs.describeInvocations(
      new $Ecs.DescribeInvocationsRequest({
        regionId: REGION,
        invokeId,
        commandId,
        commandName: "fidelity",
        commandType: "RunShellScript",
        invokeStatus: "Success",
        instanceId: WEB,
        repeatMode: "Once",
        resourceGroupId: rg,
        includeOutput: true,
        contentEncoding: "PlainText",
        maxResults: 10,
        tag: [new $Ecs.DescribeInvocationsRequestTag(tag)],
      }),
    ),
  );
  await keep(
    "DescribeInvocationResults",
    ecs.describeInvocationResults(
      new $Ecs.DescribeInvocationResultsRequest({
        regionId: REGION,
        invokeId,
        instanceId: WEB,
        commandId,
        invokeRecordStatus: "Finished",
        includeHistory: false,
        contentEncoding: "PlainText",
        resourceGroupId: rg,
        maxResults: 10,
        tag: [new $Ecs.DescribeInvocationResultsRequestTag(tag)],
      }),
    ),
  );
  await keep(
    "ModifyInvocationAttribute",
    ecs.modifyInvocationAttribute(
      new $Ecs.ModifyInvocationAttributeRequest({
        regionId: REGION,
        invokeId: periodic,
        commandContent: "echo {{who}} again",
        contentEncoding: "PlainText",
        enableParameter: true,
        parameters: { who: "later" },
        frequency: "rate(2h)",
        instanceId: [DB],
        clientToken: "fidelity-modify",
      }),
    ),
  );
  await keep("StopInvocation", ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: REGION, invokeId: periodic, instanceId: [WEB, DB] })));
  await keep(
    "TagResources",
    ecs.tagResources(
      new $Ecs.TagResourcesRequest({
        regionId: REGION,
        resourceType: "invocation",
        resourceId: [invokeId],
        tag: [new $Ecs.TagResourcesRequestTag({ key: "probe", value: "1" })],
      }),
    ),
  );
  await keep(
    "ListTagResources",
    ecs.listTagResources(
      new $Ecs.ListTagResourcesRequest({
        regionId: REGION,
        resourceType: "invocation",
        resourceId: [invokeId],
        tag: [new $Ecs.ListTagResourcesRequestTag({ key: "probe", value: "1" })],
      }),
    ),
  );
  await keep(
    "UntagResources",
    ecs.untagResources(new $Ecs.UntagResourcesRequest({ regionId: REGION, resourceType: "invocation", resourceId: [invokeId], tagKey: ["probe"], all: false })),
  );
  const sent = await ecs.sendFile(
    new $Ecs.SendFileRequest({
      regionId: REGION,
      name: "probe.conf",
      description: "fidelity probe",
      content: Buffer.from("probe=1\n").toString("base64"),
      contentType: "Base64",
      targetDir: "/etc/probe",
      fileMode: "0640",
      fileOwner: "root",
      fileGroup: "root",
      overwrite: true,
      instanceId: [WEB, DB],
      timeout: 30,
      resourceGroupId: "rg-probe",
      tag: [new $Ecs.SendFileRequestTag({ key: "probe", value: "1" })],
      clientToken: "fidelity-send-file",
    }),
  );
  answers["SendFile"] = merged(answers["SendFile"], sent.body?.toMap() ?? {});
  const fileTask = sent.body?.invokeId ?? "";
  await eventually(async () => (emu.store.fileSends(REGION)[fileTask]?.instances.every((d) => d.status !== "Pending") ? true : undefined));
  const fileQuery = { regionId: REGION, invokeId: fileTask, name: "probe.conf", instanceId: WEB, invocationStatus: "Success", resourceGroupId: "rg-probe" };
  await keep(
    "DescribeSendFileResults",
    ecs.describeSendFileResults(
      new $Ecs.DescribeSendFileResultsRequest({
        ...fileQuery,
        tag: [new $Ecs.DescribeSendFileResultsRequestTag({ key: "probe", value: "1" })],
        maxResults: 10,
      }),
    ),
  );
  await keep(
    "DescribeSendFileResults",
    ecs.describeSendFileResults(new $Ecs.DescribeSendFileResultsRequest({ regionId: REGION, pageNumber: 1, pageSize: 10 })),
  );
  const settled = (status: string) => eventually(async () => (emu.store.instance(DB)!.status === status ? true : undefined));
  await keep("RebootInstance", ecs.rebootInstance(new $Ecs.RebootInstanceRequest({ instanceId: DB, forceStop: false, dryRun: false })));
  await settled("Running");
  await keep("StopInstance", ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: DB, forceStop: false, dryRun: false, stoppedMode: "KeepCharging" })));
  await settled("Stopped");
  await keep("StartInstance", ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: DB, dryRun: false })));
  await settled("Running");
  await keep("DeleteCommand", ecs.deleteCommand(new $Ecs.DeleteCommandRequest({ regionId: REGION, commandId })));
  return answers;
}
