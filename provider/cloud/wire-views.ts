/**
 * Answers as the API names their fields (PascalCase JSON), read into the provider's views. The
 * readers are lenient the way the SDK's models are: a missing field is empty, a number may come
 * as text, a one-item list may come as the item itself.
 */
import type { AgentState, CommandView, InstanceState, InvocationView, RunRecord } from "./ecs-api";

export function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null || value === "" ? [] : [value];
}

export function str(value: unknown): string {
  return value === undefined || value === null ? "" : String(value);
}

export function num(value: unknown, fallback = 0): number {
  const n = typeof value === "number" ? value : Number(value);
  return value === undefined || value === null || value === "" || Number.isNaN(n) ? fallback : n;
}

export function bool(value: unknown): boolean {
  return value === true || value === "true";
}

/** The `Tag.N.Key` / `Tag.N.Value` form of a tag map. */
export function tagPairs(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** `Tags: { Tag: [{ TagKey, TagValue }] }` as a map. */
function tagMap(value: unknown): Record<string, string> {
  return Object.fromEntries(list(record(value)["Tag"]).map((t) => [str(record(t)["TagKey"]), str(record(t)["TagValue"])]));
}

/** Parameters come back as a JSON string (older responses) or an object (newer examples). */
function parameters(raw: unknown): Record<string, string> {
  let parsed: unknown = raw;
  if (typeof raw === "string") {
    try {
      parsed = raw === "" ? {} : JSON.parse(raw);
    } catch {
      return {};
    }
  }
  return Object.fromEntries(Object.entries(record(parsed)).map(([k, v]) => [k, String(v)]));
}

/** One item of DescribeInvocations' `Invocations.Invocation`. */
export function invocationView(item: unknown): InvocationView {
  const i = record(item);
  return {
    invokeId: str(i["InvokeId"]),
    commandId: str(i["CommandId"]),
    commandName: str(i["CommandName"]),
    commandType: str(i["CommandType"]),
    status: str(i["InvocationStatus"]),
    repeatMode: str(i["RepeatMode"]),
    frequency: str(i["Frequency"]),
    parameters: parameters(i["Parameters"]),
    username: str(i["Username"]),
    timeout: num(i["Timeout"]),
    workingDir: str(i["WorkingDir"]),
    launcher: str(i["Launcher"]),
    containerId: str(i["ContainerId"]),
    containerName: str(i["ContainerName"]),
    terminationMode: str(i["TerminationMode"]),
    ossOutputDelivery: str(i["OssOutputDelivery"]),
    creationTime: str(i["CreationTime"]),
    tags: tagMap(i["Tags"]),
    instances: list(record(i["InvokeInstances"])["InvokeInstance"]).map((entry) => {
      const s = record(entry);
      return {
        instanceId: str(s["InstanceId"]),
        status: str(s["InvocationStatus"]),
        exitCode: num(s["ExitCode"]),
        errorCode: str(s["ErrorCode"]),
        errorInfo: str(s["ErrorInfo"]),
        output: str(s["Output"]),
        dropped: num(s["Dropped"]),
        repeats: num(s["Repeats"]),
        startTime: str(s["StartTime"]),
        finishTime: str(s["FinishTime"]),
        // Only an invocation with OssOutputDelivery has these; others keep their outputs lean.
        ...(str(s["OssOutputUri"]) ? { ossOutputUri: str(s["OssOutputUri"]) } : {}),
        ...(str(s["OssOutputStatus"]) ? { ossOutputStatus: str(s["OssOutputStatus"]) } : {}),
      };
    }),
  };
}

/** One item of DescribeCommands' `Commands.Command`. */
export function commandView(item: unknown): CommandView {
  const c = record(item);
  return {
    commandId: str(c["CommandId"]),
    name: str(c["Name"]),
    commandContent: str(c["CommandContent"]),
    type: str(c["Type"]),
    description: str(c["Description"]),
    enableParameter: bool(c["EnableParameter"]),
    timeout: num(c["Timeout"], 60),
    workingDir: str(c["WorkingDir"]),
    launcher: str(c["Launcher"]),
    resourceGroupId: str(c["ResourceGroupId"]),
    tags: tagMap(c["Tags"]),
    creationTime: str(c["CreationTime"]),
  };
}

/** One item of DescribeInvocationResults' `InvocationResults.InvocationResult` (a run, history included). */
export function runRecord(item: unknown): RunRecord {
  const r = record(item);
  return {
    instanceId: str(r["InstanceId"]),
    status: str(r["InvocationStatus"]),
    exitCode: num(r["ExitCode"]),
    errorCode: str(r["ErrorCode"]),
    output: str(r["Output"]),
    startTime: str(r["StartTime"]),
    finishedTime: str(r["FinishedTime"]),
  };
}

/** One item of DescribeInstances' `Instances.Instance`: the fields readiness and targeting read. */
export function instanceState(item: unknown): InstanceState {
  return { instanceId: str(record(item)["InstanceId"]), status: str(record(item)["Status"]) };
}

/** One item of DescribeCloudAssistantStatus' `InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus`. */
export function agentState(item: unknown): AgentState {
  const r = record(item);
  return {
    instanceId: str(r["InstanceId"]),
    online: bool(r["CloudAssistantStatus"]),
    version: str(r["CloudAssistantVersion"]),
    lastHeartbeatTime: str(r["LastHeartbeatTime"]),
  };
}
