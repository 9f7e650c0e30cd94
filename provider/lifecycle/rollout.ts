/**
 * `rollout`: a run across the fleet in batches, as AWS SSM's MaxConcurrency and MaxErrors pace
 * SendCommand. Each batch is one run (InvokeCommand or RunCommand) on at most `maxConcurrency`
 * instances; once more than `maxErrors` instances failed, no further batch starts.
 *
 * Never twice: each batch carries the resource's run identity with its round and index in the
 * inputs tag (`<digest>:<round>.<batch>`), and its own ClientToken. A create that was killed is
 * resumed by the next one: a batch found live is awaited (or its result recorded), never started
 * again. Runs of this resource with other inputs are stopped and settled first. A later round
 * (the next `up` after a stopped or partly failed rollout) runs only on the instances that failed
 * or were not reached.
 */
import { createHash } from "node:crypto";
import type { EcsApi, InstanceResult, InvocationView } from "../cloud/ecs-api";
import { readerFor } from "../cloud/invocation-reader";
import type { Timing } from "../cloud/timing";
import { waitFor } from "../cloud/waiter";
import type { InvocationInputs } from "../schema/invocation-schema";
import { runFinderFor } from "./run-finder";
import { INPUTS_TAG, identityTags, type RunIdentity } from "./run-identity";
import { settleAndRelease } from "./settle-invocation";
import { startRun } from "./start-run";
import { FAILED_INSTANCE_STATUSES, TERMINAL_STATUSES } from "./vocabulary";

/** What a rollout did, kept in state as the `rolloutResult` output. */
export interface RolloutResult {
  /** Finished: every batch ran. Stopped: more than maxErrors failed, the rest were not started. */
  status: "Finished" | "Stopped";
  /** Instances per batch and failures tolerated, as counts (shares resolved against the targets). */
  maxConcurrency: number;
  maxErrors: number;
  /** Every batch so far, in order: its run, round (0 for the first `up`), instances and status. */
  batches: RolloutBatch[];
  /** Instances whose latest run succeeded, failed, or that no batch reached. */
  succeeded: number;
  failed: number;
  notStarted: string[];
}

export interface RolloutBatch {
  invokeId: string;
  round: number;
  instanceIds: string[];
  status: string;
}

export interface RolloutContext {
  api: EcsApi;
  timing: Timing;
  identity: RunIdentity | undefined;
  deadline: number;
  /** The ClientToken batch `index` of `round` is sent with (the same on every retry). */
  clientToken: (round: number, index: number) => string;
  progress: (line: string) => void;
  warn: (message: string) => void;
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

/** The targets of a rollout: the ids given, or the instances the tags select now (sorted). */
export async function rolloutTargets(api: EcsApi, args: InvocationInputs, deadline: number): Promise<string[]> {
  if (args.instanceIds) return [...args.instanceIds];
  return (await api.describeInstances({ tags: args.resourceTags ?? {} }, deadline)).map((i) => i.instanceId).sort();
}

/** A ClientToken for one batch, from the create's own (at most 64 characters, as the API takes). */
export function batchToken(base: string, round: number, index: number): string {
  const token = `${base}.${round}.${index}`;
  return token.length <= 64 ? token : `rollout-${createHash("sha256").update(token).digest("hex").slice(0, 48)}`;
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
  const { api, identity, deadline } = ctx;
  const rollout = args.rollout!;
  const all = new Set([...earlier.instances.map((i) => i.instanceId), ...targets]).size;
  const size = resolveCount(rollout.maxConcurrency, all, "up");
  const budget = resolveCount(rollout.maxErrors ?? 0, all, "down");
  const batches = chunk(targets, size);
  const live = identity ? await liveBatches(ctx, identity) : new Map<string, InvocationView>();
  // Instances this round runs on again count for what this round does to them, not for before.
  const retried = new Set(targets);
  const latest = new Map(earlier.instances.filter((i) => !retried.has(i.instanceId)).map((i) => [i.instanceId, i]));
  const done: RolloutBatch[] = [...earlier.batches];
  const failedNow = () => outcomeCounts([...latest.values()]).failed;
  let stoppedAt: number | undefined;
  for (const [index, instanceIds] of batches.entries()) {
    if (failedNow() > budget) {
      stoppedAt = index;
      break;
    }
    const tag = identity && `${identity.inputs}:${round}.${index}`;
    const found = tag ? live.get(tag) : undefined;
    const batchArgs: InvocationInputs = { ...args, instanceIds: [...instanceIds], resourceTags: undefined };
    const invokeId =
      found?.invokeId ??
      (await startRun(api, batchArgs, ctx.clientToken(round, index), identity && { ...identityTags(identity), [INPUTS_TAG]: tag! }, deadline));
    ctx.progress(`batch ${index + 1}/${batches.length} (round ${round + 1}): ${invokeId} on ${instanceIds.length} instance(s)${found ? ", resumed" : ""}`);
    const view = await awaitBatch(ctx, invokeId);
    done.push({ invokeId, round, instanceIds: [...instanceIds], status: view?.status ?? "Unknown" });
    for (const instance of view?.instances ?? []) latest.set(instance.instanceId, instance);
    if (!view || !TERMINAL_STATUSES.has(view.status)) {
      // The create timeout passed: stop the batch (never left running unrecorded) and report what ran.
      await api.stopInvocation(invokeId, deadline).catch(() => undefined);
      const notStarted = batches.slice(index + 1).flat();
      return {
        result: summary("Stopped", size, budget, done, latest, notStarted),
        instances: [...latest.values()],
        timedOut: { invokeId, status: view?.status ?? "unknown" },
      };
    }
  }
  const notStarted = stoppedAt === undefined ? [] : batches.slice(stoppedAt).flat();
  if (stoppedAt !== undefined) {
    ctx.warn(`rollout stopped: ${failedNow()} instance(s) failed, more than maxErrors (${budget}); ${notStarted.length} instance(s) not started.`);
  }
  return { result: summary(stoppedAt === undefined ? "Finished" : "Stopped", size, budget, done, latest, notStarted), instances: [...latest.values()] };
}

/** The live runs of this resource's rollout by batch tag; runs with other inputs are stopped first. */
async function liveBatches(ctx: RolloutContext, identity: RunIdentity): Promise<Map<string, InvocationView>> {
  const live = await runFinderFor(ctx.api).find(identity, ctx.deadline);
  const mine = new Map<string, InvocationView>();
  for (const view of live) {
    const tag = view.tags[INPUTS_TAG] ?? "";
    if (tag.startsWith(`${identity.inputs}:`)) {
      mine.set(tag, view);
      continue;
    }
    ctx.warn(`${view.invokeId} was started by an earlier \`pulumi up\` that was interrupted, with other inputs; it is ${view.status}: stopping it first.`);
    const settled = await settleAndRelease(ctx.api, view, ctx.deadline, ctx.timing, () => undefined);
    if (!settled.settled)
      throw new Error(`Invocation ${view.invokeId} is still ${settled.status}: the rollout does not start beside it. Run \`pulumi up\` again once it stopped.`);
  }
  return mine;
}

/** Waits for one batch's run to end (or the deadline), with its output. */
async function awaitBatch(ctx: RolloutContext, invokeId: string): Promise<InvocationView | undefined> {
  const reads = readerFor(ctx.api);
  const result = await waitFor({
    poll: () => reads.read(invokeId, ctx.deadline, { includeOutput: true }),
    done: (view) => view !== undefined && TERMINAL_STATUSES.has(view.status),
    deadline: ctx.deadline,
    timing: ctx.timing,
  });
  return result.state;
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

/** How many of these latest results succeeded and how many failed. */
export function outcomeCounts(results: readonly InstanceResult[]): Pick<RolloutResult, "succeeded" | "failed"> {
  return { succeeded: results.filter((i) => i.status === "Success").length, failed: results.filter((i) => FAILED_INSTANCE_STATUSES.has(i.status)).length };
}

/** The overall status a rollout reports, as DescribeInvocations would for one run on all of them. */
export function rolloutStatus(result: RolloutResult): string {
  if (result.failed === 0 && result.notStarted.length === 0) return "Success";
  return result.succeeded > 0 ? "PartialFailed" : "Failed";
}

/** The instances the next round runs on: those that failed, then those no batch reached. */
export function nextRoundTargets(result: RolloutResult, instances: readonly InstanceResult[]): string[] {
  return [...instances.filter((i) => FAILED_INSTANCE_STATUSES.has(i.status)).map((i) => i.instanceId), ...result.notStarted];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
