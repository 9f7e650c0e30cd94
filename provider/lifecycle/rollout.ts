/**
 * `rollout`: a run across the fleet in batches, as AWS SSM's MaxConcurrency and MaxErrors pace
 * SendCommand. Each batch is one run (InvokeCommand or RunCommand) on at most `maxConcurrency`
 * instances; once more than `maxErrors` instances failed, no further batch starts.
 *
 * A round is a plan: its targets as a set in a stable order (never the program's order), cut into
 * batches (planBatches). Each batch is launched and awaited by the one run pipeline (run/), with
 * `waitForAgent` on its instances and its lines shown live.
 *
 * Never twice: each batch carries the resource's run identity with its place in the plan in the
 * inputs tag (`<digest>:<round>.<batch>`), and its own ClientToken. A create that was killed is
 * resumed by the next one: a batch found live is taken over on the instances it ran on (awaited,
 * or its result recorded), never started again, and the batches not started yet are cut from the
 * targets no started batch holds. Runs of this resource with other inputs are stopped and settled
 * first. A later round (the next `up` after a stopped or partly failed rollout) runs only on the
 * instances that failed or were not reached.
 */
import { createHash } from "node:crypto";
import type { EcsApi, InstanceResult, InvocationView } from "../cloud/ecs-api";
import type { InvocationInputs } from "../schema/invocation-schema";
import { outcomeCounts, type RolloutBatch, type RolloutResult } from "./rollout-result";
import { awaitRun } from "./run/await-run";
import { inputsTagOf, takeOverInterruptedRuns } from "./run/interrupted-runs";
import { launchRun } from "./run/launch-run";
import type { LiveOutput } from "./run/live-output";
import type { RunContext } from "./run/run-context";
import { INPUTS_TAG, identityTags, type RunIdentity } from "./run/run-identity";
import { stableOrder } from "./run/targets";
import { FAILED_INSTANCE_STATUSES, TERMINAL_STATUSES } from "./vocabulary";

export type { RolloutBatch, RolloutResult } from "./rollout-result";

export interface RolloutContext {
  run: RunContext;
  identity: RunIdentity | undefined;
  deadline: number;
  /** The ClientToken batch `index` of `round` is sent with (the same on every retry). */
  clientToken: (round: number, index: number) => string;
  /** Each batch's lines as they arrive (undefined when off, or when the output is secret). */
  live: LiveOutput | undefined;
  /** The stack's live tag, for reads shared with its other waiting runs. */
  sharedTag: Record<string, string> | undefined;
}

export interface RolloutRun {
  result: RolloutResult;
  /** The latest result of every instance a batch reached (earlier rounds' included). */
  instances: InstanceResult[];
  /** Set when the create timeout passed with a batch still running (it was asked to stop). */
  timedOut?: { invokeId: string; status: string };
}

/** A count or a share ("10%") of `total`: shares of concurrency round up (at least 1), of errors down. */
export function resolveCount(value: number | string, total: number, round: "up" | "down"): number {
  if (typeof value === "number") return value;
  const share = (Number(value.replace("%", "")) / 100) * total;
  return round === "up" ? Math.max(1, Math.ceil(share)) : Math.floor(share);
}

/** The targets of a rollout: the ids given, or the instances the tags select now; a set, in a stable order. */
export async function rolloutTargets(api: EcsApi, args: InvocationInputs, deadline: number): Promise<string[]> {
  if (args.instanceIds) return stableOrder(args.instanceIds);
  return stableOrder((await api.describeInstances({ tags: args.resourceTags ?? {} }, deadline)).map((i) => i.instanceId));
}

/** A ClientToken for one batch, from the create's own (at most 64 characters, as the API takes). */
export function batchToken(base: string, round: number, index: number): string {
  const token = `${base}.${round}.${index}`;
  return token.length <= 64 ? token : `rollout-${createHash("sha256").update(token).digest("hex").slice(0, 48)}`;
}

/** One batch of the plan: its place, its instances, and the run an interrupted `up` already started for it. */
export interface PlannedBatch {
  index: number;
  instanceIds: string[];
  resumed?: InvocationView;
}

/**
 * The plan of a round: the batches an interrupted `up` of this round already started keep the
 * instances they ran on (the cloud holds them, whatever the program says now); the targets no
 * started batch holds follow in a stable order, cut into batches of `size`. So a resume never runs
 * an instance twice, and never skips one, whether the program's order or the tag set changed.
 */
export function planBatches(targets: readonly string[], size: number, started: ReadonlyMap<number, InvocationView>): PlannedBatch[] {
  const kept = [...started.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, view]) => ({ index, instanceIds: stableOrder(view.instances.map((i) => i.instanceId)), resumed: view }));
  const covered = new Set(kept.flatMap((batch) => batch.instanceIds));
  const next = kept.length > 0 ? kept[kept.length - 1]!.index + 1 : 0;
  const rest = chunk(
    stableOrder(targets).filter((id) => !covered.has(id)),
    size,
  ).map((instanceIds, i) => ({ index: next + i, instanceIds }));
  return [...kept, ...rest];
}

/** The inputs tag of batch `index` of `round`: the inputs digest, then its place in the plan. */
export function batchTag(inputs: string, round: number, index: number): string {
  return `${inputs}:${round}.${index}`;
}

/** The place in the plan an inputs tag names, when it is a batch of a rollout with these inputs. */
export function batchPlace(tag: string, inputs: string): { round: number; index: number } | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(tag.startsWith(`${inputs}:`) ? tag.slice(inputs.length + 1) : "");
  return match ? { round: Number(match[1]), index: Number(match[2]) } : undefined;
}

/**
 * Runs round `round` of a rollout on `targets`, after `earlier` (the results of earlier rounds).
 * Returns what happened; throws only when the cloud could not be asked at all.
 */
export async function runRollout(
  ctx: RolloutContext,
  args: InvocationInputs,
  targets: readonly string[],
  round: number,
  earlier: { batches: RolloutBatch[]; instances: InstanceResult[] } = { batches: [], instances: [] },
): Promise<RolloutRun> {
  const { run, identity, deadline } = ctx;
  const rollout = args.rollout!;
  const all = new Set([...earlier.instances.map((i) => i.instanceId), ...targets]).size;
  const size = resolveCount(rollout.maxConcurrency, all, "up");
  const budget = resolveCount(rollout.maxErrors ?? 0, all, "down");
  const batches = planBatches(targets, size, identity ? await startedBatches(ctx, identity, round, earlier.batches) : new Map());
  // Instances this round runs on again count for what this round does to them, not for before.
  const retried = new Set(targets);
  const latest = new Map(earlier.instances.filter((i) => !retried.has(i.instanceId)).map((i) => [i.instanceId, i]));
  const done: RolloutBatch[] = [...earlier.batches];
  const failedNow = () => outcomeCounts([...latest.values()]).failed;
  let stoppedAt: number | undefined;
  for (const [position, batch] of batches.entries()) {
    if (failedNow() > budget) {
      stoppedAt = position;
      break;
    }
    const label = `batch ${position + 1}/${batches.length} (round ${round + 1})`;
    const launch = {
      args: { ...args, instanceIds: batch.instanceIds, resourceTags: undefined },
      clientToken: ctx.clientToken(round, batch.index),
      ownTags: identity && { ...identityTags(identity), [INPUTS_TAG]: batchTag(identity.inputs, round, batch.index) },
      deadline,
      resumed: batch.resumed,
    };
    const invokeId = await launchRun({ ...run, progress: (line) => run.progress(`${label}: ${line}`) }, launch);
    run.progress(`${label}: ${invokeId} on ${batch.instanceIds.length} instance(s)${batch.resumed ? ", resumed" : ""}`);
    const { view } = await awaitRun(run, invokeId, {
      deadline,
      repeatMode: "Once",
      sharedTag: ctx.sharedTag,
      live: ctx.live,
      label: (line) => `${label}: ${line}`,
    });
    done.push({ invokeId, round, instanceIds: batch.instanceIds, status: view?.status ?? "Unknown" });
    for (const instance of view?.instances ?? []) latest.set(instance.instanceId, instance);
    if (!view || !TERMINAL_STATUSES.has(view.status)) {
      // The create timeout passed: stop the batch (never left running unrecorded) and report what ran.
      await run.api.stopInvocation(invokeId, deadline).catch(() => undefined);
      const notStarted = batches.slice(position + 1).flatMap((b) => b.instanceIds);
      return {
        result: summary("Stopped", size, budget, done, latest, notStarted),
        instances: [...latest.values()],
        timedOut: { invokeId, status: view?.status ?? "unknown" },
      };
    }
  }
  const notStarted = stoppedAt === undefined ? [] : batches.slice(stoppedAt).flatMap((b) => b.instanceIds);
  if (stoppedAt !== undefined) {
    run.warn(`rollout stopped: ${failedNow()} instance(s) failed, more than maxErrors (${budget}); ${notStarted.length} instance(s) not started.`);
  }
  return { result: summary(stoppedAt === undefined ? "Finished" : "Stopped", size, budget, done, latest, notStarted), instances: [...latest.values()] };
}

/**
 * The batches of `round` an interrupted `up` started, by their place in the plan. The runs of this
 * resource's rollout are kept (earlier rounds' are in state); runs with other inputs are stopped first.
 */
async function startedBatches(
  ctx: RolloutContext,
  identity: RunIdentity,
  round: number,
  recorded: readonly RolloutBatch[],
): Promise<Map<number, InvocationView>> {
  const mine = await takeOverInterruptedRuns(ctx.run, identity, ctx.deadline, (live) =>
    live.filter((view) => batchPlace(inputsTagOf(view), identity.inputs) !== undefined),
  );
  const started = new Map<number, InvocationView>();
  for (const view of mine) {
    const place = batchPlace(inputsTagOf(view), identity.inputs)!;
    if (place.round !== round || recorded.some((batch) => batch.invokeId === view.invokeId)) continue;
    ctx.run.warn(
      `${view.invokeId} (batch ${place.index + 1} of round ${round + 1}) was started by an earlier \`pulumi up\` that was interrupted ` +
        `(it is ${view.status}): it is taken over on the instances it ran on, never started again.`,
    );
    started.set(place.index, view);
  }
  return started;
}

function summary(
  status: RolloutResult["status"],
  maxConcurrency: number,
  maxErrors: number,
  batches: RolloutBatch[],
  latest: Map<string, InstanceResult>,
  notStarted: string[],
): RolloutResult {
  return { status, maxConcurrency, maxErrors, batches, ...outcomeCounts([...latest.values()]), notStarted };
}

/** The instances the next round runs on: those that failed, and those no batch reached. */
export function nextRoundTargets(result: RolloutResult, instances: readonly InstanceResult[]): string[] {
  return stableOrder([...instances.filter((i) => FAILED_INSTANCE_STATUSES.has(i.status)).map((i) => i.instanceId), ...result.notStarted]);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
