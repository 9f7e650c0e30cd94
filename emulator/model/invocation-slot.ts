import type { InstanceInvocationStatus, InvocationInstance } from "./types";

/** An instance's place in an invocation before anything ran on it. */
export function newSlot(instanceId: string, status: InstanceInvocationStatus, now: number): InvocationInstance {
  return {
    instanceId,
    status,
    exitCode: null,
    errorCode: "",
    errorInfo: "",
    outputBase64: "",
    dropped: 0,
    startTime: null,
    finishTime: null,
    stopTime: null,
    creationTime: now,
    updateTime: now,
    repeats: 0,
    stopRequested: false,
  };
}
