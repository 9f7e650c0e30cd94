import type { EcsApi } from "../../cloud/ecs-api";
import { CloudError } from "../../cloud/errors";
import type { CheckFailure } from "../../schema/check-failures";
import { CLOUD_INPUTS, fieldOfErrorCode, isSetLike } from "../../schema/invocation-fields";
import type { InvocationInputs } from "../../schema/invocation-schema";
import { containsUnknown } from "../../schema/unknowns";
import { changed } from "../changes";
import { readiness } from "./instance-readiness";
import { runRequest } from "./run-request";

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
  const failures: CheckFailure[] = [];
  try {
    const request = runRequest(inputs);
    await api.dryRun(request.action, request.query, deadline);
  } catch (error) {
    failures.push(failureOf(error));
  }
  try {
    const state = await readiness(api, inputs, deadline);
    const field = inputs.instanceIds ? "instanceIds" : "resourceTags";
    if (state.noneMatched) failures.push({ property: field, reason: `${field}: no instance carries these tags now (previewDryRun)` });
    for (const target of state.targets) {
      if (target.problem) failures.push({ property: field, reason: `${field}: ${target.instanceId}: ${target.problem} (previewDryRun)` });
    }
  } catch (error) {
    failures.push(failureOf(error));
  }
  return failures;
}

function failureOf(error: unknown): CheckFailure {
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
  // A parameters failure names no property: the engine would print the (secret) value beside it.
  return { property: field && field !== "parameters" ? field : "", reason };
}
