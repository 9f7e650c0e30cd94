// What the real cloud is assumed to do here, and the live check of it: docs/cloud-assumptions.md (A23).
import type { SendFileRequest } from "@alicloud/ecs20140526/dist/models/SendFileRequest";
import { apiError, missingParameter } from "../errors";
import type { Read } from "../handlers/action-table";
import type { HandlerContext } from "../handlers/context";
import { fileBytes } from "../model/file-content";
import type { FileSend, Instance } from "../model/types";
import type { Params } from "../wire/params";
import { tagsParam } from "./tags";

/** What SendFile reads: every field of the SDK's request model but the account plumbing. */
export const SEND_FILE_READS = [
  "regionId",
  "name",
  "content",
  "contentType",
  "description",
  "targetDir",
  "fileMode",
  "fileOwner",
  "fileGroup",
  "overwrite",
  "instanceId",
  "timeout",
  "resourceGroupId",
  "tag",
  "clientToken",
] as const satisfies readonly (keyof SendFileRequest)[];

export type SendFileRead = Read<SendFileRequest, (typeof SEND_FILE_READS)[number]>;

/** Most instances one SendFile may name. */
export const MAX_FILE_INSTANCES = 50;
/** The content's limit after Base64 encoding, in bytes. */
export const MAX_ENCODED_CONTENT = 32 * 1024;

/** A checked SendFile: the task to create, less what the model assigns (id, times, deliveries). */
export type SendFileDraft = Omit<FileSend, "invokeId" | "creationTime" | "instances"> & { targets: Instance[] };

/** The documented rules of SendFile (limits from the SDK's request model; codes per A23). */
export function checkSendFile(ctx: HandlerContext, request: SendFileRead, params: Params): SendFileDraft {
  const regionId = request.regionId ?? "";
  const name = required(request.name, "Name");
  if (name.length > 255) throw apiError("InvalidParameter", "Name");
  const content = required(request.content, "Content");
  const contentType = request.contentType ?? "PlainText";
  if (contentType !== "PlainText" && contentType !== "Base64") throw apiError("InvalidParameter", "ContentType");
  if (contentType === "Base64" && !/^[A-Za-z0-9+/]*={0,2}$/.test(content)) throw apiError("InvalidParameter", "Content");
  if (fileBytes({ content, contentType }).toString("base64").length > MAX_ENCODED_CONTENT) throw apiError("InvalidParameter", "Content");
  const description = request.description ?? "";
  if (description.length > 512) throw apiError("InvalidParameter", "Description");
  const fileMode = request.fileMode ?? "0644";
  if (!/^[0-7]{3,4}$/.test(fileMode)) throw apiError("InvalidParameter", "FileMode");
  const fileOwner = request.fileOwner ?? "root";
  const fileGroup = request.fileGroup ?? "root";
  if (fileOwner.length > 64) throw apiError("InvalidParameter", "FileOwner");
  if (fileGroup.length > 64) throw apiError("InvalidParameter", "FileGroup");
  const ids = [...new Set(request.instanceId ?? [])];
  if (ids.length === 0) throw missingParameter("InstanceId");
  if (ids.length > MAX_FILE_INSTANCES) throw apiError("InstanceIds.ExceedLimit");
  const targets = ids.map((id) => {
    const instance = ctx.store.instance(id);
    if (!instance || instance.regionId !== regionId) throw apiError("InvalidInstance.NotFound");
    return instance;
  });
  const targetDir = required(request.targetDir, "TargetDir");
  if (targetDir.length > 255 || !targets.every((instance) => isAbsoluteOn(instance, targetDir))) throw apiError("InvalidParameter", "TargetDir");
  const clientToken = request.clientToken ?? "";
  if (clientToken && (clientToken.length > 64 || !/^[\x20-\x7e]+$/.test(clientToken))) throw apiError("InvalidClientToken.Malformed");
  const resourceGroupId = request.resourceGroupId ?? "";
  if (resourceGroupId && !/^rg-[a-z0-9]+$/.test(resourceGroupId)) throw apiError("InvalidResourceGroup.NotFound");
  return {
    regionId,
    name,
    description,
    content,
    contentType,
    targetDir,
    fileMode,
    fileOwner,
    fileGroup,
    overwrite: request.overwrite ?? false,
    // "If the specified timeout period is less than 10 seconds, the system automatically sets it to 10."
    timeout: Math.max(10, request.timeout ?? 60),
    resourceGroupId,
    tags: tagsParam(params),
    clientToken,
    targets,
  };
}

function required(value: string | undefined, wire: string): string {
  if (value === undefined || value === "") throw missingParameter(wire);
  return value;
}

/** An absolute directory on the instance's OS: `/…` on Linux, `C:\…` on Windows. */
function isAbsoluteOn(instance: Instance, dir: string): boolean {
  return instance.osType === "windows" ? /^[A-Za-z]:\\/.test(dir) : dir.startsWith("/");
}
