import type { EcsApi } from "../../cloud/ecs-api";
import { CloudError } from "../../cloud/errors";
import { type CheckFailure, shownProperty } from "../../schema/check-failures";
import { CLOUD_INPUTS, fieldOfErrorCode, isSetLike } from "../../schema/invocation-fields";
import type { InvocationInputs } from "../../schema/invocation-schema";
import { containsUnknown } from "../../schema/unknowns";
import { changed } from "../changes";
import { type Readiness, readiness } from "./instance-readiness";
import { runRequest } from "./run-request";
import { stableOrder } from "./targets";

/**
 * `previewDryRun`: whether this check should ask the cloud. Only for an invocation that would be
 * created or replaced (a new resource, or a cloud input changed), once every cloud input is known:
 * an unchanged invocation has nothing to validate, and a value still unknown cannot be sent.
 */
export function wantsDryRun(olds: Partial<InvocationInputs>, news: Partial<InvocationInputs>): boolean {
  if (news.previewDryRun !== true || news.adoptInvokeId || news.repeatMode === "DryRun") return false;
  if (CLOUD_INPUTS.some((key) => containsUnknown(news[key]))) return false;
  const isNew = olds.commandId === undefined && olds.commandContent === undefined;
  return isNew || CLOUD_INPUTS.some((key) => changed(olds[key], news[key], isSetLike(key)));
}

/**
 * Asks the API what a real run would meet, without running anything: InvokeCommand with
 * RepeatMode=DryRun (the command exists, the instances exist and fit its type, the parameters
 * match its placeholders, …) and the targets' state (Running, agent online). Each problem becomes a
 * preview error on the argument it concerns, with the cloud's code, message and RequestId.
 */
export async function dryRunFailures(api: EcsApi, inputs: Partial<InvocationInputs>, deadline: number): Promise<CheckFailure[]> {
  const targets: CheckFailure[] = [];
  let state: Readiness | undefined;
  try {
    state = await readiness(api, inputs, deadline);
    const field = inputs.instanceIds ? "instanceIds" : "resourceTags";
    if (state.noneMatched) targets.push({ property: field, reason: `${field}: no instance carries these tags now (previewDryRun)` });
    for (const target of state.targets) {
      if (!target.problem) continue;
      const index = inputs.instanceIds?.indexOf(target.instanceId) ?? -1;
      const place = index >= 0 ? `${field}[${index}]` : field;
      targets.push({ property: shownProperty(inputs, field, true), reason: `${place}: ${target.instanceId}: ${target.problem} (previewDryRun)` });
    }
  } catch (error) {
    targets.push(failureOf(error, inputs));
  }
  const refused: CheckFailure[] = [];
  // Each dry run as a real run would be sent: a rollout's batches of at most 100 (the API's cap).
  for (const part of dryRunParts(inputs, state)) {
    try {
      const request = runRequest(part);
      await api.dryRun(request.action, request.query, deadline);
    } catch (error) {
      const failure = failureOf(error, inputs);
      if (!refused.some((f) => f.reason === failure.reason)) refused.push(failure);
    }
  }
  return [...refused, ...targets];
}

/** The API takes at most 100 instances a call. */
const MAX_PER_CALL = 100;

/**
 * The requests a dry run sends: the invocation as it is, or for a rollout its targets (the ids, or
 * the instances the tags select now) in parts the API takes, each as a batch would be sent.
 */
function dryRunParts(inputs: Partial<InvocationInputs>, state: Readiness | undefined): Partial<InvocationInputs>[] {
  if (!inputs.rollout) return [inputs];
  const targets = stableOrder(inputs.instanceIds ?? state?.targets.map((t) => t.instanceId) ?? []);
  if (targets.length === 0) return inputs.instanceIds ? [inputs] : [];
  const parts: Partial<InvocationInputs>[] = [];
  for (let i = 0; i < targets.length; i += MAX_PER_CALL) parts.push({ ...inputs, instanceIds: targets.slice(i, i + MAX_PER_CALL), resourceTags: undefined });
  return parts;
}

function failureOf(error: unknown, inputs: Partial<InvocationInputs>): CheckFailure {
  if (!(error instanceof CloudError)) {
    return { property: "", reason: `previewDryRun: the cloud could not be asked: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (error.statusCode === undefined) {
    // No answer at all (connection refused, DNS, timeout): nothing was refused, nothing is known.
    return {
      property: "",
      reason: `previewDryRun: the cloud could not be reached, so this invocation was not checked: ${error.message}\nFix the connection or set previewDryRun: false.`,
    };
  }
  const field = fieldOfErrorCode(error.code);
  const reason = `${field ?? "previewDryRun"}: the API refused a dry run of this invocation: ${error.message}`;
  // A parameters failure names no property: the engine would print the (secret) value beside it;
  // nor does one on a long instance list (the reason names the field; the list would flood the line).
  return { property: field && field !== "parameters" ? shownProperty(inputs, field, true) : "", reason };
}
