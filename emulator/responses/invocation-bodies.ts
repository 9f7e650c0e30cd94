/** Response side: invocations, per-instance results and result rows as the Describe* actions answer them. */
import { isoSeconds } from "../clock";
import { invocationStatus, invokeRecordStatus, legacyInstanceInvokeStatus, legacyInvokeStatus } from "../model/status";
import type { Execution, Invocation, InvocationInstance } from "../model/types";
import type { ResponseBody } from "../wire/serialize";
import { tagsBody } from "./tags";

/** Base64 (the default) hands back the run's bytes exactly; PlainText decodes them as UTF-8. */
function encodeOutput(base64: string, encoding: string): string {
  return encoding.toLowerCase() === "plaintext" ? Buffer.from(base64, "base64").toString("utf8") : base64;
}

function time(ms: number | null): string {
  return ms === null ? "" : isoSeconds(ms);
}

/**
 * Where a run's output was delivered (OssOutputDelivery) and how that went. The error code and text
 * of a failed upload are not documented: the emulator's are its own (docs/cloud-assumptions.md A7).
 */
function ossOutputFields(run: { ossOutputUri?: string; ossOutputStatus?: string }): ResponseBody {
  const failed = run.ossOutputStatus === "Failed";
  return {
    OssOutputUri: run.ossOutputUri ?? "",
    OssOutputStatus: run.ossOutputStatus ?? "",
    OssOutputErrorCode: failed ? "OssOutputUploadFailed" : "",
    OssOutputErrorInfo: failed ? `The output could not be uploaded to ${run.ossOutputUri}.` : "",
  };
}

export function instanceBody(slot: InvocationInstance, invocation: Invocation, withOutput: boolean, encoding: string): ResponseBody {
  return {
    InstanceId: slot.instanceId,
    InvocationStatus: slot.status,
    InstanceInvokeStatus: legacyInstanceInvokeStatus(slot.status),
    ExitCode: slot.exitCode ?? 0,
    ErrorCode: slot.errorCode,
    ErrorInfo: slot.errorInfo,
    Output: withOutput ? encodeOutput(slot.outputBase64, encoding) : "",
    Dropped: slot.dropped,
    Repeats: slot.repeats,
    Timed: invocation.timed,
    CreationTime: time(slot.creationTime),
    StartTime: time(slot.startTime),
    FinishTime: time(slot.finishTime),
    StopTime: time(slot.stopTime),
    UpdateTime: time(slot.updateTime),
    ...ossOutputFields(slot),
  };
}

export function invocationBody(invocation: Invocation, withOutput: boolean, encoding: string): ResponseBody {
  const status = invocationStatus(invocation);
  return {
    InvokeId: invocation.invokeId,
    CommandId: invocation.commandId,
    CommandName: invocation.commandName,
    CommandType: invocation.commandType,
    CommandDescription: invocation.commandDescription,
    CommandContent: encoding.toLowerCase() === "plaintext" ? Buffer.from(invocation.commandContent, "base64").toString("utf8") : invocation.commandContent,
    InvocationStatus: status,
    InvokeStatus: legacyInvokeStatus(status),
    RepeatMode: invocation.repeatMode,
    Frequency: invocation.frequency,
    Timed: invocation.timed,
    Parameters: JSON.stringify(invocation.parameters),
    Username: invocation.username,
    Timeout: invocation.timeout,
    WorkingDir: invocation.workingDir,
    Launcher: invocation.launcher,
    ContainerId: invocation.containerId,
    ContainerName: invocation.containerName,
    TerminationMode: invocation.terminationMode,
    OssOutputDelivery: invocation.ossOutputDelivery,
    CreationTime: isoSeconds(invocation.creationTime),
    Tags: tagsBody(invocation.tags),
    InvokeInstances: { InvokeInstance: invocation.instances.map((slot) => instanceBody(slot, invocation, withOutput, encoding)) },
  };
}

export function resultBody(execution: Execution, invocation: Invocation, repeats: number, encoding: string): ResponseBody {
  return {
    InvokeId: invocation.invokeId,
    CommandId: invocation.commandId,
    InstanceId: execution.instanceId,
    InvocationStatus: execution.status,
    InvokeRecordStatus: invokeRecordStatus(execution.status),
    ExitCode: execution.exitCode ?? 0,
    ErrorCode: execution.errorCode,
    ErrorInfo: execution.errorInfo,
    Output: encodeOutput(execution.outputBase64, encoding),
    Dropped: execution.dropped,
    Repeats: repeats,
    StartTime: time(execution.startTime),
    FinishedTime: time(execution.finishTime),
    StopTime: time(execution.stopTime),
    Username: invocation.username,
    ContainerId: invocation.containerId,
    ContainerName: invocation.containerName,
    Launcher: invocation.launcher,
    TerminationMode: invocation.terminationMode,
    OssOutputDelivery: invocation.ossOutputDelivery,
    ...ossOutputFields(execution),
    Tags: tagsBody(invocation.tags),
  };
}
