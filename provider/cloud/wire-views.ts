/**
 * Answers as the API names their fields (PascalCase JSON), read into the provider's views. The
 * readers are lenient the way the SDK's models are: a missing field is empty, a number may come
 * as text, a one-item list may come as the item itself.
 */
import type { AgentState, CommandView, InstanceState, InvocationView, RunRecord } from "./ecs-api-types";

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

/** A command's output, decoded: whole characters only, and how many bytes of a cut one were left out. */
export interface DecodedOutput {
  output: string;
  /** Bytes of a character the cloud's 24 KB cut split in two, left out (never shown as U+FFFD). */
  partialBytes: number;
}

/**
 * Output is read Base64-encoded, as the bytes the command wrote: the cloud cuts it at 24 KB of
 * bytes, which can land inside a UTF-8 character, and a text encoding would turn the pieces into
 * replacement characters. A piece at either end is left out and counted instead.
 */
export function decodeOutput(value: unknown): DecodedOutput {
  const bytes = Buffer.from(str(value), "base64");
  let start = 0;
  // Continuation bytes (10xxxxxx) at the start belong to a character that began before the cut.
  while (start < bytes.length && start < 3 && isContinuation(bytes[start])) start++;
  let end = bytes.length;
  // A lead byte in the last three bytes whose character needs more bytes than remain was cut.
  for (let i = bytes.length - 1; i >= Math.max(start, bytes.length - 3); i--) {
    const byte = bytes[i] ?? 0;
    if (isContinuation(byte)) continue;
    if (i + sequenceLength(byte) > bytes.length) end = i;
    break;
  }
  return { output: bytes.subarray(start, end).toString("utf8"), partialBytes: start + (bytes.length - end) };
}

const isContinuation = (byte: number | undefined): boolean => ((byte ?? 0) & 0xc0) === 0x80;

/** How many bytes a UTF-8 sequence starting with this byte has (1 for ASCII and stray bytes). */
function sequenceLength(lead: number): number {
  if ((lead & 0xe0) === 0xc0) return 2;
  if ((lead & 0xf0) === 0xe0) return 3;
  if ((lead & 0xf8) === 0xf0) return 4;
  return 1;
}

/** The `Tag.N.Key` / `Tag.N.Value` form of a tag map. */
export function tagPairs(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** `Tags: { Tag: [{ TagKey, TagValue }] }` as a map. */
export function tagMap(value: unknown): Record<string, string> {
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
    commandContent: str(i["CommandContent"]),
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
      const { output, partialBytes } = decodeOutput(s["Output"]);
      return {
        instanceId: str(s["InstanceId"]),
        status: str(s["InvocationStatus"]),
        exitCode: num(s["ExitCode"]),
        errorCode: str(s["ErrorCode"]),
        errorInfo: str(s["ErrorInfo"]),
        output,
        dropped: num(s["Dropped"]),
        ...(partialBytes > 0 ? { outputOmitted: partialBytes } : {}),
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
    output: decodeOutput(r["Output"]).output,
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
