import type { InstanceResult } from "../cloud/ecs-api";
import { FAILED_INSTANCE_STATUSES } from "./vocabulary";

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

/** How many of these latest results succeeded and how many failed. */
export function outcomeCounts(results: readonly InstanceResult[]): Pick<RolloutResult, "succeeded" | "failed"> {
  return { succeeded: results.filter((i) => i.status === "Success").length, failed: results.filter((i) => FAILED_INSTANCE_STATUSES.has(i.status)).length };
}

/** The overall status a rollout reports, as DescribeInvocations would for one run on all of them. */
export function rolloutStatus(result: RolloutResult): string {
  if (result.failed === 0 && result.notStarted.length === 0) return "Success";
  return result.succeeded > 0 ? "PartialFailed" : "Failed";
}
