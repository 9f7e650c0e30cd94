import { createHash } from "node:crypto";
import type { InvocationView } from "../cloud/ecs-api";
import { timeoutMs } from "../schema/duration";
import type { InvocationInputs } from "../schema/invocation-schema";
import { failureReport, isFailure } from "./invocation-state";
import { awaitRun } from "./run/await-run";
import { launchRun } from "./run/launch-run";
import type { RunContext } from "./run/run-context";
import { RESERVED_TAG_PREFIX } from "./run/run-identity";
import { TERMINAL_STATUSES } from "./vocabulary";

/** Tags every cleanup run with the invocation it cleans up after, so a retried delete finds it. */
export const CLEANUP_TAG = `${RESERVED_TAG_PREFIX}cleanup-of`;
/** A destroy retried after failed cleanups starts at most this many more. */
const MAX_ATTEMPTS = 20;

export type OnDelete = NonNullable<InvocationInputs["onDelete"]>;

/**
 * `onDelete`: when the invocation is destroyed or replaced (after it was stopped and settled), run
 * a cleanup command on the same targets and wait for it within its own timeout.
 *
 * Never twice, never beside itself: each cleanup run is tagged with the invocation it belongs to.
 * A delete that is retried (after a crash, a timeout or a failure) first looks for earlier cleanup
 * runs: one still active is waited for, one that succeeded ends the matter, and only when all
 * failed does a new one start. Each attempt has its own ClientToken, reused by its retries.
 */
export async function runOnDelete(
  ctx: RunContext,
  invokeId: string,
  targets: Pick<InvocationInputs, "instanceIds" | "resourceTags">,
  spec: OnDelete,
): Promise<void> {
  const { api, timing } = ctx;
  const seconds = Math.round(timeoutMs(spec.timeout) / 1000);
  const deadline = timing.now() + timeoutMs(spec.timeout);
  let cleanupId: string | undefined;
  try {
    const earlier = await api.findInvocations({ [CLEANUP_TAG]: invokeId }, deadline);
    if (earlier.some((run) => TERMINAL_STATUSES.has(run.status) && !isFailure(run))) return;
    const active = earlier.find((run) => !TERMINAL_STATUSES.has(run.status));
    if (!active && earlier.length >= MAX_ATTEMPTS) {
      return settle(ctx, spec, `The cleanup command (onDelete) of ${invokeId} failed ${earlier.length} times; no further attempt is made`);
    }
    cleanupId = await launchRun(ctx, {
      args: cleanupArgs(invokeId, targets, spec),
      clientToken: `on-delete-${createHash("sha256").update(`${invokeId}/${earlier.length}`).digest("hex").slice(0, 40)}`,
      deadline,
      resumed: active,
    });
    ctx.progress(`running the cleanup command (onDelete) ${cleanupId}`);
    const id = cleanupId;
    const result = await awaitRun(ctx, id, { deadline, repeatMode: "Once", label: (line) => `cleanup (onDelete) ${line}` });
    const { view } = result;
    if (result.kind === "timeout" || !view) {
      return settle(ctx, spec, `The cleanup command (onDelete) ${id} did not finish within onDelete.timeout (${seconds}s); it is ${view?.status ?? "unknown"}`);
    }
    if (isFailure(view)) {
      const hidden = spec.parameters !== undefined ? CLEANUP_OUTPUT_HIDDEN : undefined;
      return settle(ctx, spec, `The cleanup command (onDelete) ${id} failed`, failureReport(view as InvocationView, hidden));
    }
  } catch (error) {
    if (error instanceof CleanupFailed) throw error;
    // The cleanup could not be started or followed (instances released, tags selecting nothing, a
    // refused call): a problem of the cleanup like any other, so onFailure decides what happens.
    const what = cleanupId
      ? `The cleanup command (onDelete) ${cleanupId} could not be followed`
      : `The cleanup command (onDelete) of ${invokeId} could not be started`;
    return settle(ctx, spec, `${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Why a failed cleanup's output is not shown: its parameters may be printed by it, and a cleanup's
 * output is stored nowhere (the resource is being deleted), so there is no secret output to point to.
 */
const CLEANUP_OUTPUT_HIDDEN =
  "(hidden: onDelete has parameters, which the command may print; read it in the cloud with DescribeInvocationResults for this invocation id)";

/** The cleanup as a run of its own: on the invocation's targets, tagged with the invocation it cleans up after. */
function cleanupArgs(invokeId: string, targets: Pick<InvocationInputs, "instanceIds" | "resourceTags">, spec: OnDelete): InvocationInputs {
  const common = { instanceIds: targets.instanceIds, resourceTags: targets.resourceTags, tags: { [CLEANUP_TAG]: invokeId }, parameters: spec.parameters };
  if (spec.commandId) return { ...common, commandId: spec.commandId };
  return {
    ...common,
    commandContent: spec.commandContent ?? "",
    type: spec.type ?? "RunShellScript",
    timeout: Math.max(10, Math.round(timeoutMs(spec.timeout) / 1000)),
  };
}

/** A cleanup that failed with `onFailure: "fail"`: the delete fails and the resource stays. */
class CleanupFailed extends Error {}

/** `onFailure: "continue"` lets the destroy go on with a warning; `fail` (default) stops it. */
function settle(ctx: RunContext, spec: OnDelete, problem: string, details?: string): void {
  const what = `${problem}.${details ? `\n${details}` : ""}`;
  if (spec.onFailure === "continue") {
    ctx.warn(`${what}\nThe resource is deleted anyway (onDelete.onFailure is "continue").`);
    return;
  }
  throw new CleanupFailed(
    `${what}\nThe resource stays in state. Either fix the cleanup (its command, its targets) and run the destroy (or up) again: ` +
      "a failed cleanup runs again then, one still running is waited for, never started twice; " +
      'or set onDelete.onFailure to "continue" to delete the resource with a warning; or remove onDelete and run `pulumi up`, then destroy.',
  );
}
