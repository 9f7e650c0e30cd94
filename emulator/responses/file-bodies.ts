/** Response side: file-sending tasks as DescribeSendFileResults answers them (the SDK model's fields). */
import type { DescribeSendFileResultsResponseBodyInvocationsInvocation } from "@alicloud/ecs20140526/dist/models/DescribeSendFileResultsResponseBody";
import { isoSeconds } from "../clock";
import type { Fields } from "../handlers/action-table";
import type { FileSend } from "../model/types";

const FAILED = new Set(["Invalid", "Aborted", "Failed", "Error", "Timeout"]);

/** The task's overall status, from its instances' as the API documents it. */
export function fileSendStatus(send: FileSend): string {
  const statuses = send.instances.map((d) => d.status);
  if (statuses.includes("Pending")) return "Pending";
  if (statuses.includes("Running")) return "Running";
  if (statuses.every((s) => s === "Success")) return "Success";
  return statuses.every((s) => FAILED.has(s)) ? "Failed" : "PartialFailed";
}

const time = (ms: number | null): string => (ms === null ? "" : isoSeconds(ms));

export function fileSendBody(send: FileSend): Fields<DescribeSendFileResultsResponseBodyInvocationsInvocation> {
  return {
    invokeId: send.invokeId,
    name: send.name,
    description: send.description,
    content: send.content,
    contentType: send.contentType,
    targetDir: send.targetDir,
    fileMode: send.fileMode,
    fileOwner: send.fileOwner,
    fileGroup: send.fileGroup,
    overwrite: String(send.overwrite),
    creationTime: time(send.creationTime),
    invocationStatus: fileSendStatus(send),
    vmCount: send.instances.length,
    tags: { tag: Object.entries(send.tags).map(([tagKey, tagValue]) => ({ tagKey, tagValue })) },
    invokeInstances: {
      invokeInstance: send.instances.map((d) => ({
        instanceId: d.instanceId,
        invocationStatus: d.status,
        errorCode: d.errorCode,
        errorInfo: d.errorInfo,
        creationTime: time(d.creationTime),
        startTime: time(d.startTime),
        finishTime: time(d.finishTime),
        updateTime: time(d.updateTime),
      })),
    },
  };
}
