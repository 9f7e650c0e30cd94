// LIMITATIONS: a file lands in the instance's directory on the emulator's host (docs/emulator.md);
// its owner and group are checked against the instance's users but the file belongs to the
// emulator's OS user. Windows instances get the file without a mode. Per-instance error codes and
// request error codes are the emulator's reading of the SendFile pages (docs/cloud-assumptions.md A23).
import { DescribeSendFileResultsRequest } from "@alicloud/ecs20140526/dist/models/DescribeSendFileResultsRequest";
import { DescribeSendFileResultsResponseBody } from "@alicloud/ecs20140526/dist/models/DescribeSendFileResultsResponseBody";
import { SendFileRequest } from "@alicloud/ecs20140526/dist/models/SendFileRequest";
import { SendFileResponseBody } from "@alicloud/ecs20140526/dist/models/SendFileResponseBody";
import { apiError } from "../errors";
import type { FileSend } from "../model/types";
import { requestFingerprint } from "../requests/invoke-rules";
import { checkSendFile, SEND_FILE_READS, type SendFileDraft } from "../requests/send-file-rules";
import { tagsParam } from "../requests/tags";
import { fileSendBody, fileSendStatus } from "../responses/file-bodies";
import { action } from "./action-table";
import { type Handler, type HandlerContext, matchesTags, newId, page, regionOf, replayedId } from "./context";

const STATUSES = ["Pending", "Running", "Success", "Failed", "PartialFailed"];

/** Creates the task (or answers a retried ClientToken with the task it created) and dispatches it. */
function sendFile(ctx: HandlerContext, draft: SendFileDraft & { fingerprint: string }): string {
  const replayed = replayedId(ctx, draft.regionId, draft.clientToken, draft.fingerprint);
  if (replayed !== undefined) return replayed;
  const now = ctx.clock.now();
  const { targets, fingerprint, ...fields } = draft;
  const send: FileSend = {
    ...fields,
    invokeId: newId(ctx, "f"),
    creationTime: now,
    instances: targets.map((instance) => ({
      instanceId: instance.instanceId,
      status: "Pending",
      errorCode: "",
      errorInfo: "",
      creationTime: now,
      startTime: null,
      finishTime: null,
      updateTime: now,
    })),
  };
  ctx.store.fileSends(draft.regionId)[send.invokeId] = send;
  if (draft.clientToken) ctx.store.region(draft.regionId).clientTokens[draft.clientToken] = { invokeId: send.invokeId, fingerprint };
  ctx.files.dispatch(send);
  ctx.store.changed();
  return send.invokeId;
}

export const fileHandlers: Record<string, Handler> = {
  SendFile: action({
    request: SendFileRequest,
    reads: SEND_FILE_READS,
    check: (ctx, request, params) => {
      regionOf(ctx, params);
      return { ...checkSendFile(ctx, request, params), fingerprint: requestFingerprint(params) };
    },
    apply: (ctx, draft) => ({ invokeId: sendFile(ctx, draft) }),
    response: SendFileResponseBody,
  }),

  DescribeSendFileResults: action({
    request: DescribeSendFileResultsRequest,
    reads: ["regionId", "invokeId", "name", "instanceId", "invocationStatus", "resourceGroupId", "tag", "maxResults", "nextToken", "pageNumber", "pageSize"],
    check: (ctx, request, params) => {
      const regionId = regionOf(ctx, params);
      if (request.invocationStatus && !STATUSES.includes(request.invocationStatus)) throw apiError("InvalidParameter", "InvocationStatus");
      ctx.store.expireRecords();
      const tags = tagsParam(params);
      const all = Object.values(ctx.store.fileSends(regionId))
        .reverse()
        .sort((a, b) => b.creationTime - a.creationTime)
        .filter((s) => !request.invokeId || s.invokeId === request.invokeId)
        .filter((s) => !request.name || s.name === request.name)
        .filter((s) => !request.instanceId || s.instances.some((d) => d.instanceId === request.instanceId))
        .filter((s) => !request.invocationStatus || fileSendStatus(s) === request.invocationStatus)
        .filter((s) => !request.resourceGroupId || s.resourceGroupId === request.resourceGroupId)
        .filter((s) => matchesTags(s.tags, tags));
      return { all, result: page(all, params) };
    },
    apply: (_ctx, { all, result }) => ({
      totalCount: all.length,
      pageSize: result.pageSize,
      pageNumber: result.pageNumber,
      nextToken: result.nextToken,
      invocations: { invocation: result.items.map(fileSendBody) },
    }),
    response: DescribeSendFileResultsResponseBody,
  }),
};
