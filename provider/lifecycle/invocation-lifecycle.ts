/**
 * The EcsInvocation contract, one function per step the engine calls:
 * - check: every documented InvokeCommand rule, at preview time, one failure per field; rules tied
 *   to the clock apply only to a new or changed schedule; secret values are never echoed;
 * - diff: any cloud input change replaces (lists that are sets ignore order); timeouts and wait
 *   options update in place; a failed or timed-out run is replaced on the next `up`; a replacement
 *   always deletes first, so a run never overlaps an older run of itself;
 * - create: through the one run pipeline (run/): takes over the run an interrupted create of this
 *   resource started (run-identity), else launches one (waitForAgent, then InvokeCommand or
 *   RunCommand with one ClientToken for all retries), then awaits it; a failed or timed-out run is
 *   recorded in state (partial failure), never orphaned; `rollout` runs batches through the same
 *   pipeline (rollout-steps); `adoptInvokeId` adopts;
 * - read: refresh from DescribeInvocations; a finished invocation whose record expired is kept;
 *   a `get` of an id that does not exist fails;
 * - delete: StopInvocation while it can still run, wait for it to settle, release it; then the
 *   `onDelete` cleanup, through the same pipeline.
 *
 * Every step takes the step context its host built (step-context) and the resource's own properties.
 */
import type { EcsApi, InvocationView } from "../cloud/ecs-api";
import { readerFor } from "../cloud/invocation-reader";
import { dynamicHost } from "../resources/dynamic-host";
import type { CheckFailure } from "../schema/check-failures";
import { CLOUD_INPUTS, isSetLike, META_INPUTS } from "../schema/invocation-fields";
import type { InvocationInputs } from "../schema/invocation-schema";
import { changed } from "./changes";
import { checkInvocation } from "./check-invocation";
import { engineLifecycle } from "./engine-values";
import { DRYRUN_PREFIX, fromView, invocationOutputs } from "./invocation-outputs";
import { type CreateOutcome, failureReport, type InvocationOutputs, isFailure, keepOutputTail, progressLine, SECRET_OUTPUT_HIDDEN } from "./invocation-state";
import { PartialFailure } from "./partial-failure";
import { adoptionMismatches } from "./read-back";
import { READ_TIMEOUT_MS, readInvocation } from "./read-invocation";
import { replaceNotes } from "./replace-reason";
import { continueNote, continueRollout, continuesRollout, createRollout, removeRollout } from "./rollout-steps";
import { awaitRun } from "./run/await-run";
import { inputsTagOf, takeOverInterruptedRuns } from "./run/interrupted-runs";
import { launchRun } from "./run/launch-run";
import { LiveOutput } from "./run/live-output";
import { dryRunFailures, wantsDryRun } from "./run/preview-dry-run";
import { type RunContext, runContext } from "./run/run-context";
import { identityTags, type RunIdentity, runIdentity, stackTagOf } from "./run/run-identity";
import { overForGood, releaseOver, settleAndRelease } from "./run/settle-invocation";
import { runOnDelete } from "./run-on-delete";
import { failedScheduleNote, lastRunFailed } from "./schedule-summary";
import { keepsOutputSecret } from "./secrecy";
import type { DiffResult, StepContext } from "./step-context";
import { targetDriftNote } from "./target-drift";

async function checkStep(
  ctx: StepContext,
  olds: Partial<InvocationInputs>,
  news: InvocationInputs,
): Promise<{ inputs: InvocationInputs; failures: CheckFailure[] }> {
  const failures = checkInvocation(olds, news);
  if (failures.length === 0 && wantsDryRun(olds, news)) {
    failures.push(...(await dryRunFailures(ctx.api(news.regionId), news, ctx.timing.now() + READ_TIMEOUT_MS)));
  }
  return { inputs: news, failures };
}

async function diffStep(ctx: StepContext, _id: string, olds: InvocationOutputs, news: InvocationInputs): Promise<DiffResult> {
  const replaces: string[] = CLOUD_INPUTS.filter((key) => changed(olds[key], news[key], isSetLike(key)));
  // A stopped or partly failed rollout goes on where it stopped (an update), not everywhere again.
  const continues = continuesRollout(olds, news, replaces.length > 0);
  const notes = continues ? { messages: [continueNote(olds)] } : replaceNotes(olds, replaces.length > 0);
  if ("rerun" in notes && notes.rerun) replaces.push(notes.rerun.key);
  for (const note of notes.messages) ctx.warn(note);
  const metaChanged = continues || META_INPUTS.some((key) => changed(olds[key], news[key]));
  if (olds.targetDrift) ctx.warn(targetDriftNote(olds.invokeId, olds.resourceTags, olds.targetDrift));
  if (lastRunFailed(olds.schedule)) ctx.warn(failedScheduleNote(olds.invokeId, olds.schedule!, keepsOutputSecret(olds)));
  // Delete first: the old invocation is stopped and settled (and released) before a new one runs.
  return { changes: replaces.length > 0 || metaChanged, replaces, deleteBeforeReplace: true };
}

async function createStep(ctx: StepContext, args: InvocationInputs): Promise<{ id: string; outs: InvocationOutputs }> {
  const run = runContext(ctx, args.regionId);
  const { api } = run;
  const deadline = ctx.deadline(args.timeouts?.create);
  if (args.adoptInvokeId) return adopt(api, args, deadline);
  if (args.rollout) return createRollout(ctx, args);

  const repeatMode = args.repeatMode ?? (args.frequency ? "Period" : "Once");
  const identity = ctx.urn && repeatMode !== "DryRun" ? runIdentity(ctx.urn, args, api.regionId) : undefined;
  const resumed = identity ? await resumeInterruptedRun(run, identity, deadline) : undefined;
  const clientToken = resumed ? "" : (args.clientToken ?? ctx.newClientToken());
  const invokeId = await launchRun(run, { args, clientToken, ownTags: identity && identityTags(identity), deadline, resumed });
  if (repeatMode === "DryRun") {
    const id = invokeId || `${DRYRUN_PREFIX}${clientToken}`;
    return { id, outs: invocationOutputs(args, api.regionId, id, clientToken, "dryRun", { status: "DryRunPassed" }) };
  }
  const outputsOf = (view: InvocationView | undefined, outcome: CreateOutcome): InvocationOutputs =>
    invocationOutputs(args, api.regionId, invokeId, clientToken, outcome, view ? fromView(view, args.outputTailBytes) : { status: "Pending" });
  const recorded = (message: string, view: InvocationView | undefined, outcome: CreateOutcome): PartialFailure =>
    new PartialFailure(message, invokeId, outputsOf(view, outcome));

  const secret = keepsOutputSecret(args);
  let last: InvocationView | undefined = resumed;
  try {
    if (args.waitForCompletion === false) {
      last = await api.describeInvocation(invokeId, deadline);
      return { id: invokeId, outs: outputsOf(last, "notWaited") };
    }
    const result = await awaitRun(run, invokeId, {
      deadline,
      repeatMode,
      sharedTag: stackTagOf(identity && ctx.urn),
      live: args.liveOutput !== false && !secret ? new LiveOutput(run.progress) : undefined,
      onRead: (view) => {
        last = view;
      },
    });
    last = result.view;
    if (result.kind === "timeout") {
      const seconds = Math.round(ctx.timeoutMs(args.timeouts?.create) / 1000);
      throw recorded(
        `Invocation ${invokeId} did not reach ${repeatMode === "Once" ? "a final state" : "Scheduled"} within the create timeout of ${seconds}s ` +
          `(it is ${last?.status ?? "unknown"}). It is recorded in state: \`pulumi refresh\` picks up its result; the next \`pulumi up\` ` +
          "stops it if still active, waits for it to settle, and then runs the command again; `pulumi destroy` stops it. " +
          "Raise timeouts.create or the customTimeouts option to wait longer.",
        last,
        "timedOut",
      );
    }
  } catch (error) {
    if (error instanceof PartialFailure) throw error;
    // The invocation exists (InvokeCommand answered, or a resumed run was found): record it rather than lose it.
    throw recorded(
      `Invocation ${invokeId} was started, but its status could not be read: ${error instanceof Error ? error.message : String(error)}. ` +
        "It is recorded in state; run `pulumi refresh` to see its result.",
      last,
      "timedOut",
    );
  }
  if (last && isFailure(last)) {
    throw recorded(
      `${failureReport(last, secret ? SECRET_OUTPUT_HIDDEN : undefined)}\nThe invocation is recorded in state; the next \`pulumi up\` runs the command again.`,
      last,
      "failed",
    );
  }
  return { id: invokeId, outs: outputsOf(last, "completed") };
}

async function updateStep(ctx: StepContext, _id: string, olds: InvocationOutputs, news: InvocationInputs): Promise<{ outs: InvocationOutputs }> {
  if (continuesRollout(olds, news, false)) return continueRollout(ctx, olds, news);
  const outs: InvocationOutputs = { ...olds };
  for (const key of META_INPUTS) {
    if (news[key] === undefined) delete outs[key];
    else (outs as unknown as Record<string, unknown>)[key] = news[key];
  }
  // A tail limit applies to the output already stored too (it can only cut further).
  if (outs.instances) outs.instances = keepOutputTail(outs.instances, news.outputTailBytes);
  return { outs };
}

async function removeStep(ctx: StepContext, id: string, props: InvocationOutputs): Promise<void> {
  if (id.startsWith(DRYRUN_PREFIX)) return;
  const run = runContext(ctx, props.regionId ?? props.resolvedRegionId);
  const deadline = ctx.deadline(props.timeouts?.delete);
  if (props.rolloutResult) await removeRollout(ctx, props, deadline);
  // Nothing to read for an expired record or a rollout (settled above); a run the state saw finish is released unread.
  let view: InvocationView | undefined;
  if (!props.recordExpired && !props.rolloutResult) {
    if (overForGood(props)) await releaseOver(run.api, id, deadline);
    else view = await readerFor(run.api).read(id, deadline, { sharedTag: stackTagOf(ctx.urn) });
  }
  if (view) {
    const result = await settleAndRelease(run.api, view, deadline, run.timing, (current) => run.progress(`stopping ${progressLine(current)}`));
    if (!result.settled) {
      throw new Error(
        `Invocation ${id} was asked to stop but is still ${result.status} after the delete timeout ` +
          `(${Math.round(ctx.timeoutMs(props.timeouts?.delete) / 1000)}s). It stays in state, so nothing runs beside it: ` +
          "run the same command again later, or raise timeouts.delete.",
      );
    }
  }
  // The cleanup runs once the invocation can no longer run: never beside it.
  if (props.onDelete) await runOnDelete(run, id, props, props.onDelete);
}

/**
 * The run of this resource an interrupted create started with the same inputs (the newest), taken
 * over instead of running the command again; every other one is stopped and settled first.
 */
async function resumeInterruptedRun(run: RunContext, identity: RunIdentity, deadline: number): Promise<InvocationView | undefined> {
  const [resume] = await takeOverInterruptedRuns(run, identity, deadline, (live) => live.filter((view) => inputsTagOf(view) === identity.inputs).slice(0, 1));
  if (resume) {
    run.warn(
      `${resume.invokeId} was started by an earlier \`pulumi up\` that was interrupted, with the same inputs (it is ${resume.status}): ` +
        "it is recorded for this resource instead of running the command again.",
    );
  }
  return resume;
}

async function adopt(api: EcsApi, args: InvocationInputs, deadline: number): Promise<{ id: string; outs: InvocationOutputs }> {
  const invokeId = args.adoptInvokeId ?? "";
  const view = await api.describeInvocation(invokeId, deadline);
  if (!view) {
    throw new Error(
      `Cannot import invocation ${invokeId}: it does not exist in region ${api.regionId} (records are kept about 30 days). Check the id and the region.`,
    );
  }
  const mismatches = adoptionMismatches(args, view);
  if (mismatches.length > 0) {
    throw new Error(
      `Cannot import invocation ${invokeId}: the program declares different inputs:\n  ${mismatches.join("\n  ")}\n` +
        "Change the program to match the existing invocation, or remove the import option to run a new one.",
    );
  }
  return { id: invokeId, outs: invocationOutputs(args, api.regionId, invokeId, "", "adopted", fromView(view, args.outputTailBytes)) };
}

/** The EcsInvocation lifecycle both hosts serve (see step-context), as the engine gets it (engine-values). */
export const invocationLifecycle = engineLifecycle<InvocationInputs, InvocationOutputs>({
  check: checkStep,
  diff: diffStep,
  create: createStep,
  read: readInvocation,
  update: updateStep,
  remove: removeStep,
});

/**
 * The same steps as the dynamic provider calls them (resources/dynamic-host). The serialized
 * provider of every dynamic resource requires this module and calls these names — also in stacks
 * written by earlier versions, whose refresh and destroy run them: keep them.
 */
const dynamic = dynamicHost(invocationLifecycle);
export const { configure, check, diff, create, read, update } = dynamic;
export const remove = dynamic.delete;
// Under the dynamic provider's own name too, as resources/dynamic calls it.
export { remove as delete };
