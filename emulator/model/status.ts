import type { InstanceInvocationStatus, Invocation, InvocationStatus } from "./types";

const FAILED: ReadonlySet<InstanceInvocationStatus> = new Set(["Failed", "Invalid", "Aborted", "Error", "Timeout"]);
const STOPPED: ReadonlySet<InstanceInvocationStatus> = new Set(["Cancelled", "Terminated"]);

/**
 * The overall InvocationStatus, derived from the per-instance states as the API documents it:
 * Success when at least one instance succeeded and the rest succeeded or were stopped; Failed when
 * every instance failed or was stopped (but not all stopped); PartialFailed when some succeeded and
 * others failed; Stopped when every instance was stopped. While any instance is still moving the
 * most active state wins.
 */
export function overallStatus(statuses: readonly InstanceInvocationStatus[]): InvocationStatus {
  if (statuses.includes("Running")) return "Running";
  if (statuses.includes("Stopping")) return "Stopping";
  if (statuses.includes("Pending")) return "Pending";
  if (statuses.includes("Scheduled")) return "Scheduled";
  const succeeded = statuses.filter((s) => s === "Success").length;
  const failed = statuses.filter((s) => FAILED.has(s)).length;
  const stopped = statuses.filter((s) => STOPPED.has(s)).length;
  if (succeeded > 0) return failed > 0 ? "PartialFailed" : "Success";
  if (stopped === statuses.length) return "Stopped";
  return "Failed";
}

export function invocationStatus(invocation: Invocation): InvocationStatus {
  return overallStatus(invocation.instances.map((i) => i.status));
}

/** The legacy InvokeStatus (the docs say to ignore it, but older clients still read it). */
export function legacyInvokeStatus(status: InvocationStatus): string {
  switch (status) {
    case "Pending":
    case "Scheduled":
    case "Running":
      return "Running";
    case "Success":
      return "Finished";
    default:
      return status;
  }
}

/**
 * InvokeRecordStatus of DescribeInvocationResults, and the legacy per-instance InstanceInvokeStatus
 * of DescribeInvocations: whether the execution itself ran to its end. A run that exited non-zero
 * (per-instance `Failed`, ErrorCode ExitCodeNonzero) is `Finished`, as the documented example shows;
 * runs that could not start or were cut off (Invalid, Aborted, Error, Timeout) are `Failed`.
 */
export function invokeRecordStatus(status: InstanceInvocationStatus): string {
  if (status === "Success" || status === "Failed") return "Finished";
  if (FAILED.has(status)) return "Failed";
  if (STOPPED.has(status)) return "Stopped";
  if (status === "Stopping") return "Stopping";
  return "Running";
}

export const legacyInstanceInvokeStatus = invokeRecordStatus;

/** The documented per-instance status and error text for each per-instance ErrorCode. */
export const executionErrors = {
  InstanceNotExists: ["Invalid", "the specified instance does not exists"],
  InstanceReleased: ["Invalid", "the instance has released when create task"],
  InstanceNotRunning: ["Invalid", "the instance is not running when create task"],
  CommandNotApplicable: ["Invalid", "the command is not applicable"],
  AccountNotExists: ["Invalid", "the specified account does not exists"],
  DirectoryNotExists: ["Invalid", "the specified directory does not exists"],
  ClientNotRunning: ["Aborted", "the aliyun service is not running on the instance"],
  ClientNotResponse: ["Aborted", "the aliyun service in the instance does not response"],
  ClientNeedUpgrade: ["Invalid", "the aliyun service in the instance need upgrade"],
  ExecutionTimeout: ["Timeout", "the command execution has been timeout"],
  ExecutionException: ["Error", "the command execution got an exception"],
  ExecutionInterrupted: ["Error", "the command execution has been interrupted"],
  ExitCodeNonzero: ["Failed", "the command execution exit code is not zero"],
} as const satisfies Record<string, readonly [InstanceInvocationStatus, string]>;

export type ExecutionErrorCode = keyof typeof executionErrors;
