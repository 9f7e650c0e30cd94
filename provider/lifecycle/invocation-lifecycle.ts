/**
 * The EcsInvocation contract, one function per step the engine calls:
 * - check: every documented InvokeCommand rule, at preview time, one failure per field; rules tied
 *   to the clock apply only to a new or changed schedule; secret values are never echoed;
 * - diff: any cloud input change replaces (lists that are sets ignore order); timeouts and wait
 *   options update in place; a failed or timed-out run is replaced on the next `up`; a replacement
 *   always deletes first, so a run never overlaps an older run of itself;
 * - create: resumes the run an interrupted create of this resource started (run-identity), else
 *   InvokeCommand with one ClientToken for all retries, then adaptive waiting; a failed or
 *   timed-out run is recorded in state (partial failure), never orphaned; `adoptInvokeId` adopts;
 * - read: refresh from DescribeInvocations; a finished invocation whose record expired is kept;
 *   a `get` of an id that does not exist fails;
 * - delete: StopInvocation while it can still run, wait for it to settle, release it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { EcsApi, InvocationView } from "../cloud/ecs-api";
import { readerFor } from "../cloud/invocation-reader";
import { useStackConfig } from "../cloud/settings";
import { waitFor } from "../cloud/waiter";
import type { CheckFailure } from "../schema/check-failures";
import { timeoutMs } from "../schema/duration";
import { CLOUD_INPUTS, isSetLike, META_INPUTS } from "../schema/invocation-fields";
import type { InvocationInputs } from "../schema/invocation-schema";
import { changed } from "./changes";
import { checkInvocation } from "./check-invocation";
import { withLogsDelivered } from "./engine-progress";
import { engineStep } from "./engine-values";
import { waitForReadyInstances } from "./instance-readiness";
import { DRYRUN_PREFIX, fromView, invocationOutputs } from "./invocation-outputs";
import {
  type CreateOutcome,
  failureReport,
  type InvocationOutputs,
  isFailure,
  keepOutputTail,
  progressLine,
  reachedTarget,
  SECRET_OUTPUT_HIDDEN,
} from "./invocation-state";
import { LiveOutput } from "./live-output";
import { PartialFailure } from "./partial-failure";
import { dryRunFailures, wantsDryRun } from "./preview-dry-run";
import { adoptionMismatches } from "./read-back";
import { READ_TIMEOUT_MS, readInvocation } from "./read-invocation";
import { replaceNotes, resourceLabel } from "./replace-reason";
import { continueNote, continueRollout, continuesRollout, createRollout, removeRollout } from "./rollout-steps";
import { runFinderFor } from "./run-finder";
import { INPUTS_TAG, identityTags, type RunIdentity, runIdentity, stackTagOf } from "./run-identity";
import { runOnDelete } from "./run-on-delete";
import { runtime } from "./runtime";
import { failedScheduleNote, lastRunFailed } from "./schedule-summary";
import { settleAndRelease } from "./settle-invocation";
import { startRun } from "./start-run";
import { targetDriftNote } from "./target-drift";

/** `__urn` is set by the resource class: progress lands beside the resource, and it names the run. */
type Inputs = InvocationInputs & { __provider?: string; __urn?: string };
type Outputs = InvocationOutputs & { __urn?: string };

export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  useStackConfig(request.config);
}

async function checkStep(olds: Inputs, news: Inputs): Promise<{ inputs: Inputs; failures: CheckFailure[] }> {
  const failures = checkInvocation(olds, news);
  if (failures.length === 0 && wantsDryRun(olds, news)) {
    const rt = runtime();
    failures.push(...(await dryRunFailures(rt.api(news.regionId), news, rt.timing.now() + READ_TIMEOUT_MS)));
  }
  return { inputs: news, failures };
}

async function diffStep(_id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
  const replaces: string[] = CLOUD_INPUTS.filter((key) => changed(olds[key], news[key], isSetLike(key)));
  const urn = news.__urn ?? olds.__urn;
  // A stopped or partly failed rollout goes on where it stopped (an update), not everywhere again.
  const continues = continuesRollout(olds, news, replaces.length > 0);
  const notes = continues ? { messages: [continueNote(olds)] } : replaceNotes(olds, replaces.length > 0);
  if ("rerun" in notes && notes.rerun) replaces.push(notes.rerun.key);
  for (const note of notes.messages) warnAbout(urn, note);
  const metaChanged = continues || META_INPUTS.some((key) => changed(olds[key], news[key]));
  if (olds.targetDrift) warnAbout(urn, targetDriftNote(olds.invokeId, olds.resourceTags, olds.targetDrift));
  if (lastRunFailed(olds.schedule)) warnAbout(urn, failedScheduleNote(olds.invokeId, olds.schedule!, olds.secretOutput === true));
  // Delete first: the old invocation is stopped and settled (and released) before a new one runs.
  return { changes: replaces.length > 0 || metaChanged, replaces, deleteBeforeReplace: true };
}

async function createStep(inputs: Inputs): Promise<{ id: string; outs: InvocationOutputs }> {
  const { __provider, __urn: urn, ...args } = inputs;
  const rt = runtime();
  const api = rt.api(args.regionId);
  const deadline = rt.timing.now() + timeoutMs(args.timeouts?.create);
  if (args.adoptInvokeId) return adopt(api, args, deadline);
  if (args.rollout) return createRollout({ ...args, __urn: urn }, __provider, (message) => warnAbout(urn, message));

  const repeatMode = args.repeatMode ?? (args.frequency ? "Period" : "Once");
  const identity = urn && repeatMode !== "DryRun" ? runIdentity(urn, args, api.regionId) : undefined;
  const resumed = identity ? await resumeInterruptedRun(api, identity, deadline, urn) : undefined;
  const clientToken = resumed ? "" : (args.clientToken ?? rt.newClientToken());
  // Opt-in: instances just created or started by the same program get a command only once they can run it.
  if (!resumed && args.waitForAgent) await waitForReadyInstances(api, args, deadline, rt.timing, (line) => rt.progress(line, urn));
  const invokeId = resumed?.invokeId ?? (await startRun(api, args, clientToken, identity && identityTags(identity), deadline));
  if (repeatMode === "DryRun") {
    const id = invokeId || `${DRYRUN_PREFIX}${clientToken}`;
    return { id, outs: invocationOutputs({ ...args, __urn: urn }, api.regionId, id, clientToken, "dryRun", { status: "DryRunPassed" }) };
  }
  const outputsOf = (view: InvocationView | undefined, outcome: CreateOutcome): InvocationOutputs =>
    invocationOutputs(
      { ...args, __urn: urn },
      api.regionId,
      invokeId,
      clientToken,
      outcome,
      view ? fromView(view, args.outputTailBytes) : { status: "Pending" },
    );
  const recorded = (message: string, view: InvocationView | undefined, outcome: CreateOutcome): PartialFailure =>
    new PartialFailure(message, invokeId, { ...outputsOf(view, outcome), __provider });

  let last: InvocationView | undefined = resumed;
  // Reads shared with the stack's other invocations waiting in this process (see invocation-reader).
  const reads = readerFor(api);
  const sharedTag = stackTagOf(identity && urn);
  try {
    if (args.waitForCompletion === false) {
      last = await api.describeInvocation(invokeId, deadline);
      return { id: invokeId, outs: outputsOf(last, "notWaited") };
    }
    let lastLine = "";
    // The first poll brings the output too: most commands are done by then, and need no second read.
    // With live output every poll does (pages shared by the stack's invocations), never for secrets.
    const live = args.liveOutput !== false && args.secretOutput !== true ? new LiveOutput((line) => rt.progress(line, urn)) : undefined;
    let polls = 0;
    const result = await waitFor({
      poll: () => reads.read(invokeId, deadline, { sharedTag, includeOutput: polls++ === 0 || live !== undefined }),
      done: (view) => view !== undefined && reachedTarget(view, repeatMode),
      deadline,
      timing: rt.timing,
      onProgress: (view) => {
        last = view;
        const line = view ? progressLine(view) : `${invokeId}: waiting for the invocation record`;
        if (line !== lastLine) rt.progress(line, urn);
        lastLine = line;
        live?.seen(view);
      },
    });
    // Polls leave the output out (unless live); read it once, for the outputs and the failure report.
    if ((polls > 1 && !live) || !result.state) {
      last = (result.state ? await reads.withOutput(result.state, deadline, { sharedTag }) : await api.describeInvocation(invokeId, deadline)) ?? result.state;
    }
    if (result.kind === "timeout") {
      const seconds = Math.round(timeoutMs(args.timeouts?.create) / 1000);
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
      `${failureReport(last, args.secretOutput === true ? SECRET_OUTPUT_HIDDEN : undefined)}\nThe invocation is recorded in state; the next \`pulumi up\` runs the command again.`,
      last,
      "failed",
    );
  }
  return { id: invokeId, outs: outputsOf(last, "completed") };
}

/** A warning beside the resource, naming it, wherever the CLI prints it. */
function warnAbout(urn: string | undefined, message: string): void {
  runtime().warn(`${resourceLabel(urn)}: ${message}`, urn);
}

async function updateStep(_id: string, olds: Outputs, news: Inputs): Promise<{ outs: InvocationOutputs }> {
  const urn = news.__urn ?? olds.__urn;
  if (continuesRollout(olds, news, false)) {
    const { __provider: _provider, ...args } = news;
    return continueRollout(olds, { ...args, __urn: urn }, (message) => warnAbout(urn, message));
  }
  const outs: Outputs = { ...olds };
  for (const key of META_INPUTS) {
    if (news[key] === undefined) delete outs[key];
    else (outs as unknown as Record<string, unknown>)[key] = news[key];
  }
  if (news.__urn) outs.__urn = news.__urn;
  // A tail limit applies to the output already stored too (it can only cut further).
  if (outs.instances) outs.instances = keepOutputTail(outs.instances, news.outputTailBytes);
  return { outs };
}

async function removeStep(id: string, props: Outputs): Promise<void> {
  if (id.startsWith(DRYRUN_PREFIX)) return;
  const rt = runtime();
  const api = rt.api(props.regionId ?? props.resolvedRegionId);
  const deadline = rt.timing.now() + timeoutMs(props.timeouts?.delete);
  if (props.rolloutResult) await removeRollout(props, deadline, (line) => rt.progress(line, props.__urn));
  const view = props.recordExpired || props.rolloutResult ? undefined : await readerFor(api).read(id, deadline, { sharedTag: stackTagOf(props.__urn) });
  if (view) {
    const result = await settleAndRelease(api, view, deadline, rt.timing, (current) => rt.progress(`stopping ${progressLine(current)}`, props.__urn));
    if (!result.settled) {
      throw new Error(
        `Invocation ${id} was asked to stop but is still ${result.status} after the delete timeout ` +
          `(${Math.round(timeoutMs(props.timeouts?.delete) / 1000)}s). It stays in state, so nothing runs beside it: ` +
          "run the same command again later, or raise timeouts.delete.",
      );
    }
  }
  // The cleanup runs once the invocation can no longer run: never beside it.
  if (props.onDelete) {
    const urn = props.__urn;
    const ctx = {
      api,
      timing: rt.timing,
      progress: (line: string) => rt.progress(line, urn),
      warn: (message: string) => warnAbout(urn, message),
    };
    await runOnDelete(ctx, id, props, props.onDelete);
  }
}

/**
 * Finds the runs of this resource that were started and never released (an interrupted create).
 * The newest whose inputs match is resumed instead of running the command again; every other one
 * is stopped, settled and released first, so the new run never overlaps it.
 */
async function resumeInterruptedRun(api: EcsApi, identity: RunIdentity, deadline: number, urn: string | undefined): Promise<InvocationView | undefined> {
  const rt = runtime();
  const live = await runFinderFor(api).find(identity, deadline);
  const resume = live.find((view) => view.tags[INPUTS_TAG] === identity.inputs);
  for (const stale of live.filter((view) => view !== resume)) {
    warnAbout(
      urn,
      `${stale.invokeId} was started by an earlier \`pulumi up\` that was interrupted, with other inputs; it is ${stale.status}: stopping it before this run.`,
    );
    const result = await settleAndRelease(api, stale, deadline, rt.timing, (current) => rt.progress(`stopping ${progressLine(current)}`, urn));
    if (!result.settled) {
      throw new Error(
        `Invocation ${stale.invokeId}, started by an earlier interrupted \`pulumi up\` of this resource, is still ${result.status} after ` +
          "the create timeout, so the command was not run again beside it. Run `pulumi up` again once it has stopped, or raise timeouts.create.",
      );
    }
  }
  if (resume) {
    warnAbout(
      urn,
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

/** The steps the engine calls that hand it properties: their results are safe for its wire format. */
export const create = engineStep(createStep);
export const read = engineStep(readInvocation);
export const update = engineStep(updateStep);
// Their warnings (drift, failed schedule runs, cleanups that went wrong) must reach the CLI too.
export const check = withLogsDelivered(checkStep);
export const diff = withLogsDelivered(diffStep);
export const remove = withLogsDelivered(removeStep);
