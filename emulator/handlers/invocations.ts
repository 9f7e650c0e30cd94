// LIMITATIONS: StopInvocation kills executions that are already running (per TerminationMode) and
// reports them as Terminated by default; the StopInvocation page says started one-time runs are left
// to finish, which the emulator option `stopRunning: "let-finish"` does (docs/emulator.md). OSS output
// delivery writes each run's whole output to a local folder (no bucket exists: BucketNotFound and
// the like never occur); the object key the service picks is not documented, the emulator uses
// <prefix>/<InvokeId>/<InstanceId>.
// What the real cloud is assumed to do here, and the live check of it: docs/cloud-assumptions.md (A1–A5, A7, A8, A11–A13, A17, A19).
import { InvokeCommandRequest } from "@alicloud/ecs20140526/dist/models/InvokeCommandRequest";
import { InvokeCommandResponseBody } from "@alicloud/ecs20140526/dist/models/InvokeCommandResponseBody";
import { RunCommandRequest } from "@alicloud/ecs20140526/dist/models/RunCommandRequest";
import { RunCommandResponseBody } from "@alicloud/ecs20140526/dist/models/RunCommandResponseBody";
import { apiError, missingParameter } from "../errors";
import { newSlot } from "../model/invocation-slot";
import { invocationStatus, invokeRecordStatus, legacyInvokeStatus } from "../model/status";
import { dayKey } from "../model/store";
import type { Command, Execution, Invocation, RepeatMode } from "../model/types";
import { INVOKE_COMMAND_READS, RUN_COMMAND_READS, requestFingerprint, validateInvocation } from "../requests/invoke-rules";
import { tagsParam } from "../requests/tags";
import { invocationBody, resultBody } from "../responses/invocation-bodies";
import type { Params } from "../wire/params";
import type { ResponseBody } from "../wire/serialize";
import { action } from "./action-table";
import { createCommand, findCommand } from "./commands";
import { type Handler, type HandlerContext, listResponse, matchesTags, newId, page, regionOf, replayedId } from "./context";

/** Validates, applies ClientToken idempotence and the daily quota, then starts the invocation. */
function invoke(ctx: HandlerContext, regionId: string, params: Params, command: Command): string {
  const region = ctx.store.region(regionId);
  const draft = validateInvocation(ctx, regionId, params, command);
  const fingerprint = requestFingerprint(params);
  const replayed = replayedId(ctx, regionId, params.string("ClientToken"), fingerprint);
  if (replayed !== undefined) return replayed;
  if (draft.repeatMode === "DryRun") return "";
  const today = dayKey(ctx.clock.now());
  if ((region.dailyInvocations[today] ?? 0) >= ctx.quotas.dailyInvocations) throw apiError("Invocation.ExceedQuota");
  region.dailyInvocations = { [today]: (region.dailyInvocations[today] ?? 0) + 1 };

  const now = ctx.clock.now();
  const invocation: Invocation = {
    invokeId: newId(ctx, "t"),
    regionId,
    commandId: command.commandId,
    commandName: command.name,
    commandType: command.type,
    commandDescription: command.description,
    commandContent: command.content,
    repeatMode: draft.repeatMode as RepeatMode,
    frequency: draft.frequency,
    timed: draft.repeatMode !== "Once",
    parameters: draft.parameters,
    username: draft.username,
    windowsPasswordName: draft.windowsPasswordName,
    timeout: draft.timeout,
    workingDir: draft.workingDir,
    launcher: draft.launcher,
    containerId: draft.containerId,
    containerName: draft.containerName,
    terminationMode: draft.terminationMode,
    resourceGroupId: draft.resourceGroupId,
    tags: draft.tags,
    ossOutputDelivery: draft.ossOutputDelivery,
    clientToken: draft.clientToken,
    creationTime: now,
    instances: draft.instances.map((instance) => newSlot(instance.instanceId, "Pending", now)),
    history: [],
  };
  region.invocations[invocation.invokeId] = invocation;
  if (draft.clientToken) region.clientTokens[draft.clientToken] = { invokeId: invocation.invokeId, fingerprint };
  command.invokeTimes += 1;
  if (invocation.repeatMode === "Once") {
    for (const slot of invocation.instances) ctx.executor.dispatch(invocation, slot.instanceId, "finish");
  } else {
    ctx.scheduler.start(invocation);
  }
  ctx.store.changed();
  return invocation.invokeId;
}

function findInvocation(ctx: HandlerContext, regionId: string, invokeId: string): Invocation {
  ctx.store.expireRecords();
  const invocation = ctx.store.region(regionId).invocations[invokeId];
  if (!invocation) throw apiError("InvalidInvokeId.NotFound");
  return invocation;
}

/** ClientToken idempotence of InvokeCommand and RunCommand (see replayedId). */
function replayedInvokeId(ctx: HandlerContext, regionId: string, params: Params): string | undefined {
  return replayedId(ctx, regionId, params.string("ClientToken"), requestFingerprint(params));
}

/** The first answer to a RunCommand whose ClientToken was seen before: its command and invocation. */
function replayedRun(ctx: HandlerContext, regionId: string, params: Params): { commandId: string; invokeId: string } | undefined {
  const invokeId = replayedInvokeId(ctx, regionId, params);
  if (invokeId === undefined) return undefined;
  return { commandId: ctx.store.region(regionId).invocations[invokeId]?.commandId ?? "", invokeId };
}

/**
 * The given invocations (a list of the caller's, in order of creation, reordered in place) newest
 * first; those created in the same millisecond in reverse order of creation.
 */
function newestFirst(invocations: Invocation[]): Invocation[] {
  return invocations.reverse().sort((a, b) => b.creationTime - a.creationTime);
}

/** History rows with `Repeats` counted per instance: the Nth run on that instance is N. */
function numberedPerInstance(history: readonly Execution[]): { execution: Execution; repeats: number }[] {
  const counts = new Map<string, number>();
  return history.map((execution) => {
    const repeats = (counts.get(execution.instanceId) ?? 0) + 1;
    counts.set(execution.instanceId, repeats);
    return { execution, repeats };
  });
}

export const invocationHandlers: Record<string, Handler> = {
  InvokeCommand: action({
    request: InvokeCommandRequest,
    reads: INVOKE_COMMAND_READS,
    check: (ctx, request, params) => {
      const regionId = regionOf(ctx, params);
      if (!request.commandId) throw missingParameter("CommandId");
      return { regionId, params, command: findCommand(ctx, regionId, request.commandId) };
    },
    apply: (ctx, { regionId, params, command }) => ({ invokeId: invoke(ctx, regionId, params, command) }),
    response: InvokeCommandResponseBody,
  }),

  RunCommand: action({
    request: RunCommandRequest,
    reads: RUN_COMMAND_READS,
    check: (ctx, request, params) => ({ regionId: regionOf(ctx, params), params, keep: request.keepCommand ?? false }),
    apply: (ctx, { regionId, params, keep }) => {
      // A retried ClientToken answers with the first call's command and invocation, creating neither again.
      const replay = replayedRun(ctx, regionId, params);
      if (replay) return replay;
      const command = createCommand(ctx, regionId, params, "RunCommand", !keep);
      try {
        return { commandId: command.commandId, invokeId: invoke(ctx, regionId, params, command) };
      } catch (error) {
        delete ctx.store.region(regionId).commands[command.commandId];
        throw error;
      }
    },
    response: RunCommandResponseBody,
  }),

  DescribeInvocations(ctx, params) {
    const regionId = regionOf(ctx, params);
    ctx.store.expireRecords();
    const includeOutput = params.bool("IncludeOutput");
    // "If true, InvokeId and/or InstanceId is required": answered like any missing parameter.
    if (includeOutput && !params.has("InvokeId") && !params.has("InstanceId")) throw missingParameter("InvokeId");
    const tags = tagsParam(params);
    // Filtered first, then ordered: a region keeps every run, a filtered list is often a page.
    const matching = Object.values(ctx.store.region(regionId).invocations)
      .filter((i) => !params.has("InvokeId") || i.invokeId === params.string("InvokeId"))
      .filter((i) => !params.has("CommandId") || i.commandId === params.string("CommandId"))
      .filter((i) => !params.has("CommandName") || i.commandName === params.string("CommandName"))
      .filter((i) => !params.has("CommandType") || i.commandType === params.string("CommandType"))
      .filter((i) => !params.has("RepeatMode") || i.repeatMode === params.string("RepeatMode"))
      .filter((i) => !params.has("InstanceId") || i.instances.some((s) => s.instanceId === params.string("InstanceId")))
      .filter((i) => !params.has("InvokeStatus") || [invocationStatus(i), legacyInvokeStatus(invocationStatus(i))].includes(params.string("InvokeStatus")))
      .filter((i) => !params.has("ResourceGroupId") || i.resourceGroupId === params.string("ResourceGroupId"))
      .filter((i) => matchesTags(i.tags, tags));
    const encoding = params.string("ContentEncoding", "Base64");
    return listResponse(newestFirst(matching), params, "Invocations", "Invocation", (i) => invocationBody(i, includeOutput, encoding));
  },

  DescribeInvocationResults(ctx, params) {
    const regionId = regionOf(ctx, params);
    ctx.store.expireRecords();
    const includeHistory = params.bool("IncludeHistory");
    const tags = tagsParam(params);
    const invocations = newestFirst(
      Object.values(ctx.store.region(regionId).invocations)
        .filter((i) => !params.has("InvokeId") || i.invokeId === params.string("InvokeId"))
        .filter((i) => !params.has("CommandId") || i.commandId === params.string("CommandId"))
        .filter((i) => !params.has("ResourceGroupId") || i.resourceGroupId === params.string("ResourceGroupId"))
        .filter((i) => matchesTags(i.tags, tags)),
    );
    if (includeHistory && params.has("InvokeId")) {
      const target = invocations[0];
      if (target && target.repeatMode !== "Period" && target.repeatMode !== "EveryReboot") throw apiError("InvalidParam.IncludeHistory", "IncludeHistory");
    }
    // Each row named as its answer names it (what a NextToken names); only the page's answers are built.
    const rows: { InvokeId: string; InstanceId: string; Repeats: number; body: (encoding: string) => ResponseBody }[] = [];
    for (const invocation of invocations) {
      const executions: { execution: Execution; repeats: number }[] =
        includeHistory && invocation.history.length > 0
          ? numberedPerInstance(invocation.history)
          : invocation.instances.map((slot) => ({ execution: slot, repeats: slot.repeats }));
      for (const { execution, repeats } of executions) {
        if (params.has("InstanceId") && execution.instanceId !== params.string("InstanceId")) continue;
        if (params.has("InvokeRecordStatus") && invokeRecordStatus(execution.status) !== params.string("InvokeRecordStatus")) continue;
        rows.push({
          InvokeId: invocation.invokeId,
          InstanceId: execution.instanceId,
          Repeats: repeats,
          body: (encoding) => resultBody(execution, invocation, repeats, encoding),
        });
      }
    }
    // Read only when there is a result to encode, as each result's answer read it before: the
    // request log's `consulted` lists ContentEncoding only then.
    const encoding = rows.length > 0 ? params.string("ContentEncoding", "Base64") : "Base64";
    const result = page(rows, params);
    return {
      Invocation: {
        TotalCount: rows.length,
        PageSize: result.pageSize,
        PageNumber: result.pageNumber,
        NextToken: result.nextToken,
        InvocationResults: { InvocationResult: result.items.map((row) => row.body(encoding)) },
      },
    };
  },

  StopInvocation(ctx, params) {
    const regionId = regionOf(ctx, params);
    const invocation = findInvocation(ctx, regionId, params.required("InvokeId"));
    const instanceIds = params.list("InstanceId");
    if (instanceIds.length > 50) throw apiError("InstanceIds.ExceedLimit");
    for (const id of instanceIds) {
      if (!invocation.instances.some((s) => s.instanceId === id)) throw apiError("StopInvocation.InvalidInstanceId.NotFound");
    }
    const targets = instanceIds.length > 0 ? instanceIds : undefined;
    ctx.executor.stop(invocation, targets);
    if (invocation.instances.every((s) => s.stopRequested)) ctx.scheduler.cancel(invocation.invokeId);
    return {};
  },
};
