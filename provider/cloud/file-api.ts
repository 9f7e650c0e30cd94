/**
 * Sending files with Cloud Assistant: SendFile, and DescribeSendFileResults read into views, over the
 * same client as everything else (budget, retries, error mapping: EcsApi.request).
 */
import { allPages } from "./ecs-api";
import type { EcsApi } from "./ecs-api-types";
import { bool, list, record, str, tagMap, tagPairs } from "./wire-views";

export interface FileSendRequest {
  name: string;
  /** In `contentType`'s form: text, or Base64. */
  content: string;
  contentType: "PlainText" | "Base64";
  targetDir: string;
  fileMode?: string;
  fileOwner?: string;
  fileGroup?: string;
  overwrite?: boolean;
  instanceIds: string[];
  description?: string;
  timeout?: number;
  resourceGroupId?: string;
  /** The user's tags and the provider's (run identity). */
  tags: Record<string, string>;
  /** The same on every retry, so a retried call never sends twice. */
  clientToken: string;
}

/** One instance's copy of a sent file, as DescribeSendFileResults reports it. */
export interface FileDelivery {
  instanceId: string;
  /** Pending, Invalid, Running, Aborted, Success, Failed, Error or Timeout. */
  status: string;
  errorCode: string;
  errorInfo: string;
  startTime: string;
  finishTime: string;
}

/** A file-sending task (`f-…`) as DescribeSendFileResults reports it. */
export interface FileSendView {
  invokeId: string;
  name: string;
  /** Pending, Running, Success, Failed or PartialFailed. */
  status: string;
  creationTime: string;
  content: string;
  contentType: string;
  targetDir: string;
  fileMode: string;
  fileOwner: string;
  fileGroup: string;
  overwrite: boolean;
  description: string;
  tags: Record<string, string>;
  instances: FileDelivery[];
}

/** Statuses after which nothing changes any more. */
export const FILE_SEND_FINAL = new Set(["Success", "Failed", "PartialFailed"]);

export async function sendFile(api: EcsApi, request: FileSendRequest, deadline: number): Promise<string> {
  const body = await api.request(
    "SendFile",
    {
      Name: request.name,
      Content: request.content,
      ContentType: request.contentType,
      TargetDir: request.targetDir,
      FileMode: request.fileMode,
      FileOwner: request.fileOwner,
      FileGroup: request.fileGroup,
      Overwrite: request.overwrite,
      InstanceId: request.instanceIds,
      Description: request.description,
      Timeout: request.timeout,
      ResourceGroupId: request.resourceGroupId,
      Tag: tagPairs(request.tags),
      ClientToken: request.clientToken,
    },
    deadline,
  );
  return str(body["InvokeId"]);
}

/** The task, or undefined when it does not exist (or its record expired: six weeks). */
export async function describeFileSend(api: EcsApi, invokeId: string, deadline: number): Promise<FileSendView | undefined> {
  const body = await api.request("DescribeSendFileResults", { InvokeId: invokeId }, deadline, { invokeId });
  return list(record(body["Invocations"])["Invocation"])
    .map(fileSendView)
    .find((view) => view.invokeId === invokeId);
}

/** Every task carrying all of `tags`, newest first (every page). */
export async function findFileSends(api: EcsApi, tags: Record<string, string>, deadline: number): Promise<FileSendView[]> {
  return allPages(async (nextToken) => {
    const body = await api.request("DescribeSendFileResults", { Tag: tagPairs(tags), MaxResults: 50, NextToken: nextToken }, deadline);
    return { items: list(record(body["Invocations"])["Invocation"]).map(fileSendView), nextToken: str(body["NextToken"]) || undefined };
  });
}

function fileSendView(item: unknown): FileSendView {
  const f = record(item);
  return {
    invokeId: str(f["InvokeId"]),
    name: str(f["Name"]),
    status: str(f["InvocationStatus"]),
    creationTime: str(f["CreationTime"]),
    content: str(f["Content"]),
    contentType: str(f["ContentType"]) || "PlainText",
    targetDir: str(f["TargetDir"]),
    fileMode: str(f["FileMode"]),
    fileOwner: str(f["FileOwner"]),
    fileGroup: str(f["FileGroup"]),
    overwrite: bool(f["Overwrite"]),
    description: str(f["Description"]),
    tags: tagMap(f["Tags"]),
    instances: list(record(f["InvokeInstances"])["InvokeInstance"]).map((entry) => {
      const d = record(entry);
      return {
        instanceId: str(d["InstanceId"]),
        status: str(d["InvocationStatus"]),
        errorCode: str(d["ErrorCode"]),
        errorInfo: str(d["ErrorInfo"]),
        startTime: str(d["StartTime"]),
        finishTime: str(d["FinishTime"]),
      };
    }),
  };
}
