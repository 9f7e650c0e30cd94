// LIMITATIONS: the error answers of ModifyInvocationAttribute are not documented in the reference;
// the emulator reuses InvokeCommand's codes for the same rules, and answers Operation.Forbidden for
// a one-time invocation (only scheduled and reboot tasks have anything left to modify). A changed
// Frequency takes effect from the next run.
// What the real cloud is assumed to do here, and the live check of it: docs/cloud-assumptions.md (A13).
import { apiError } from "../errors";
import { newSlot } from "../model/invocation-slot";
import type { Invocation } from "../model/types";
import { contentAsBase64, parameterNamesOf } from "../requests/command-content";
import { parseParameters } from "../requests/parameters";
import { parseFrequency } from "../schedule/frequency";
import { type Handler, type HandlerContext, regionOf } from "./context";

/** A modified command may be up to 24 KB of Base64, parameters included. */
const MODIFIED_CONTENT_LIMIT_BYTES = 24 * 1024;
const MAX_INSTANCES = 100;

function addInstances(ctx: HandlerContext, invocation: Invocation, instanceIds: string[]): void {
  const added = instanceIds.filter((id) => !invocation.instances.some((slot) => slot.instanceId === id));
  if (invocation.instances.length + added.length > MAX_INSTANCES) throw apiError("InstanceIds.ExceedLimit");
  const now = ctx.clock.now();
  for (const instanceId of added) {
    const instance = ctx.store.instance(instanceId);
    if (!instance || instance.regionId !== invocation.regionId) throw apiError("InvalidInstance.NotFound");
  }
  for (const instanceId of added) invocation.instances.push(newSlot(instanceId, "Scheduled", now));
}

export const modifyInvocationHandlers: Record<string, Handler> = {
  /** Changes what a scheduled or reboot task runs next: content, parameters, frequency, instances. */
  ModifyInvocationAttribute(ctx, params) {
    const regionId = regionOf(ctx, params);
    ctx.store.expireRecords();
    const invocation = ctx.store.region(regionId).invocations[params.required("InvokeId")];
    if (!invocation) throw apiError("InvalidInvokeId.NotFound");
    if (invocation.repeatMode === "Once") throw apiError("Operation.Forbidden");
    // CommandContent may be left out here; when given, PlainText is its default encoding.
    const content = params.has("CommandContent") ? contentAsBase64(params, "PlainText") : invocation.commandContent;
    const parameters = params.has("Parameters") ? parseParameters(params.string("Parameters")) : invocation.parameters;
    const names = new Set((params.bool("EnableParameter") || Object.keys(parameters).length > 0 ? parameterNamesOf(content) : []).map((n) => n.toLowerCase()));
    for (const key of Object.keys(parameters)) if (!names.has(key.toLowerCase())) throw apiError("Parameter.NotMatched");
    if (content.length + Buffer.from(JSON.stringify(parameters)).toString("base64").length > MODIFIED_CONTENT_LIMIT_BYTES)
      throw apiError("CmdContent.ExceedLimit");
    const frequency = params.has("Frequency") && invocation.repeatMode === "Period" ? params.string("Frequency") : invocation.frequency;
    if (frequency !== invocation.frequency) parseFrequency(frequency, invocation.timeout, ctx.clock.now());
    addInstances(ctx, invocation, params.list("InstanceId"));
    Object.assign(invocation, { commandContent: content, parameters, frequency });
    ctx.scheduler.rearm(invocation);
    ctx.store.changed();
    return {};
  },
};
