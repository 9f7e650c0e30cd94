/**
 * The engine steps of an invocation with `rollout` (see rollout): create runs round 0 on every
 * target; the next `up` after a stopped or partly failed rollout is an update that runs another
 * round on the instances that failed or were not reached (the ones that succeeded are not run
 * again unless a cloud input changes, which replaces the whole invocation); delete stops and
 * settles every batch's run; refresh reads every batch.
 */
import { readerFor } from "../cloud/invocation-reader";
import type { InvocationInputs } from "../schema/invocation-schema";
import { invocationOutputs } from "./invocation-outputs";
import { failureReport, type InvocationOutputs, keepOutputTail, SECRET_OUTPUT_HIDDEN } from "./invocation-state";
import { PartialFailure } from "./partial-failure";
import { batchToken, nextRoundTargets, type RolloutContext, type RolloutRun, rolloutTargets, runRollout } from "./rollout";
import { outcomeCounts, rolloutStatus } from "./rollout-result";
import { LiveOutput } from "./run/live-output";
import { runContext } from "./run/run-context";
import { runIdentity, stackTagOf } from "./run/run-identity";
import { settleAndRelease } from "./run/settle-invocation";
import { keepsOutputSecret } from "./secrecy";
import type { StepContext } from "./step-context";

/** Whether the next `up` continues a rollout (an update) rather than running it again everywhere. */
export function continuesRollout(olds: Partial<InvocationOutputs>, news: Partial<InvocationInputs>, cloudInputsChanged: boolean): boolean {
  return (
    !cloudInputsChanged &&
    news.rollout !== undefined &&
    olds.rolloutResult !== undefined &&
    (olds.createOutcome === "failed" || olds.createOutcome === "timedOut")
  );
}

/** What preview says about a continued rollout. */
export function continueNote(olds: InvocationOutputs): string {
  const result = olds.rolloutResult!;
  return (
    `continues the rollout: runs the command again on the ${result.failed} instance(s) that failed and the ${result.notStarted.length} ` +
    `not started; the ${result.succeeded} that succeeded are not run again.`
  );
}

/** Create: round 0 on every target. */
export async function createRollout(ctx: StepContext, args: InvocationInputs): Promise<{ id: string; outs: InvocationOutputs }> {
  const rollout = rolloutContext(ctx, args, args.regionId, ctx.deadline(args.timeouts?.create), args.clientToken ?? ctx.newClientToken());
  const targets = await rolloutTargets(rollout.run.api, args, rollout.deadline);
  if (targets.length === 0) throw new Error("rollout: the resourceTags select no instance now; nothing was run.");
  const run = await runRollout(rollout, args, targets, 0);
  return recordRollout(args, rollout.run.api.regionId, rollout.base, run);
}

/** Update: the next round, on the instances that failed or were not reached. */
export async function continueRollout(ctx: StepContext, olds: InvocationOutputs, news: InvocationInputs): Promise<{ outs: InvocationOutputs }> {
  const rollout = rolloutContext(
    ctx,
    news,
    olds.regionId ?? olds.resolvedRegionId,
    ctx.deadline(news.timeouts?.create),
    olds.usedClientToken || ctx.newClientToken(),
  );
  const previous = olds.rolloutResult!;
  const round = Math.max(...previous.batches.map((b) => b.round)) + 1;
  const targets = nextRoundTargets(previous, olds.instances);
  const run = await runRollout(rollout, news, targets, round, { batches: previous.batches, instances: olds.instances });
  return { outs: recordRollout(news, rollout.run.api.regionId, rollout.base, run, olds.invokeId).outs };
}

function rolloutContext(
  ctx: StepContext,
  args: InvocationInputs,
  regionId: string | undefined,
  deadline: number,
  base: string,
): RolloutContext & { base: string } {
  const run = runContext(ctx, regionId);
  return {
    run,
    identity: ctx.urn ? runIdentity(ctx.urn, args, run.api.regionId) : undefined,
    deadline,
    clientToken: (round: number, index: number) => batchToken(base, round, index),
    live: args.liveOutput !== false && !keepsOutputSecret(args) ? new LiveOutput(run.progress) : undefined,
    sharedTag: stackTagOf(ctx.urn),
    base,
  };
}

/** The outputs of a rollout; a stopped, failed or timed-out one is recorded and fails the step. */
function recordRollout(
  args: InvocationInputs,
  regionId: string,
  clientToken: string,
  run: RolloutRun,
  keepId?: string,
): { id: string; outs: InvocationOutputs } {
  const id = keepId ?? run.result.batches[0]!.invokeId;
  const outcome = run.timedOut ? "timedOut" : run.result.status === "Stopped" || run.result.failed > 0 ? "failed" : "completed";
  const status = rolloutStatus(run.result);
  const outs: InvocationOutputs = {
    ...invocationOutputs(args, regionId, id, clientToken, outcome, { status, instances: keepOutputTail(run.instances, args.outputTailBytes) }),
    rolloutResult: run.result,
  };
  if (outcome === "completed") return { id, outs };
  const { result } = run;
  const summary = run.timedOut
    ? `The rollout did not finish within the create timeout: batch ${run.timedOut.invokeId} was ${run.timedOut.status} and has been asked to stop.`
    : `The rollout ${result.status === "Stopped" ? "stopped" : "finished"}: ${result.succeeded} instance(s) succeeded, ${result.failed} failed` +
      `${result.status === "Stopped" ? ` (more than maxErrors, ${result.maxErrors})` : ""}, ${result.notStarted.length} not started.`;
  const hidden = keepsOutputSecret(args) ? SECRET_OUTPUT_HIDDEN : undefined;
  const report = result.failed > 0 ? `\n${failureReport({ invokeId: id, status, instances: run.instances }, hidden)}` : "";
  throw new PartialFailure(
    `${summary}${report}\nIt is recorded in state; the next \`pulumi up\` runs the command again on the instances that failed or were not reached only.`,
    id,
    outs,
  );
}

/** Delete: every batch's run stopped if it still can run, settled and released. */
export async function removeRollout(ctx: StepContext, props: InvocationOutputs, deadline: number): Promise<void> {
  const api = ctx.api(props.regionId ?? props.resolvedRegionId);
  for (const invokeId of new Set(props.rolloutResult!.batches.map((b) => b.invokeId))) {
    const view = await readerFor(api).read(invokeId, deadline, {});
    if (!view) continue;
    const settled = await settleAndRelease(api, view, deadline, ctx.timing, (current) => ctx.progress(`stopping ${current.invokeId}: ${current.status}`));
    if (!settled.settled) {
      throw new Error(
        `Rollout batch ${invokeId} was asked to stop but is still ${settled.status} after the delete timeout. It stays in state, so nothing ` +
          "runs beside it: run the same command again later, or raise timeouts.delete.",
      );
    }
  }
}

/** Refresh: every batch read again, later batches' results over earlier ones. */
export async function refreshRollout(ctx: StepContext, props: InvocationOutputs, deadline: number): Promise<InvocationOutputs> {
  const api = ctx.api(props.regionId ?? props.resolvedRegionId);
  const latest = new Map(props.instances.map((i) => [i.instanceId, i]));
  const batches = [];
  for (const batch of props.rolloutResult!.batches) {
    const view = await readerFor(api).read(batch.invokeId, deadline, { includeOutput: true });
    for (const instance of view?.instances ?? []) latest.set(instance.instanceId, instance);
    batches.push({ ...batch, status: view?.status ?? batch.status });
  }
  const instances = [...latest.values()];
  const result = { ...props.rolloutResult!, batches, ...outcomeCounts(instances) };
  return { ...props, instances: keepOutputTail(instances, props.outputTailBytes), rolloutResult: result, status: rolloutStatus(result) };
}
