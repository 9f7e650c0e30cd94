import type { InstanceResult, InvocationView } from "../cloud/ecs-api";
import type { InvocationInputs } from "../schema/invocation-schema";
import type { RolloutResult } from "./rollout-result";
import type { ScheduleSummary } from "./schedule-summary";
import type { TargetDrift } from "./target-drift";
import { terminalLines, terminalText } from "./terminal-text";
import { FAILED_INSTANCE_STATUSES, FAILED_STATUSES, FINISHED_INSTANCE_STATUSES, TERMINAL_STATUSES } from "./vocabulary";

/** How the create step ended, kept in state so the next `up` knows whether to run the command again. */
export type CreateOutcome = "completed" | "failed" | "timedOut" | "notWaited" | "adopted" | "dryRun";

/** One instance's result, as stored in the resource's outputs. */
export type InstanceOutput = InstanceResult;

/** Everything an EcsInvocation stores: its inputs plus what the cloud reported. */
export interface InvocationOutputs extends InvocationInputs {
  /** The invocation id (`t-…`), the same as the resource id. */
  invokeId: string;
  /** The region the invocation lives in (resolved from inputs, config or environment). */
  resolvedRegionId: string;
  /** Overall InvocationStatus: Pending, Scheduled, Running, Success, Failed, PartialFailed, Stopping, Stopped. */
  status: string;
  /** Per instance: status, exit code, error code and text, decoded output (secret with `secretOutput`). */
  instances: InstanceOutput[];
  /** When the cloud created the invocation (ISO 8601, UTC). */
  creationTime: string;
  /** The name of the command that ran. */
  commandName: string;
  /** The command's type: RunShellScript, RunBatScript or RunPowerShellScript. */
  commandType: string;
  /** The idempotency token InvokeCommand was sent with. */
  usedClientToken: string;
  /** How create ended (completed, failed, timedOut, notWaited, adopted, dryRun): a failed or timed-out run is replaced by the next `up`. */
  createOutcome: CreateOutcome;
  /** The cloud no longer has the record (it keeps about 30 days); the last known results are kept. */
  recordExpired: boolean;
  /** Scheduled modes only: the runs so far, the last one, the next when known (updated by refresh). */
  schedule?: ScheduleSummary;
  /** `resourceTags` only: set by refresh when the tags now select other instances than it ran on. */
  targetDrift?: TargetDrift;
  /** `rollout` only: the batches, their runs, and what succeeded, failed or was not started. */
  rolloutResult?: RolloutResult;
}

export function instanceOutputs(instances: readonly InstanceResult[]): InstanceOutput[] {
  return instances.map((i) => ({ ...i }));
}

/**
 * `outputTailBytes`: each instance's output cut to its last `bytes` bytes of UTF-8 (never inside a
 * character), with `outputOmitted` saying how many were left out. Output already cut stays cut:
 * a smaller limit cuts further, a larger one cannot bring bytes back until the next read.
 */
export function keepOutputTail(instances: readonly InstanceOutput[], bytes: number | undefined): InstanceOutput[] {
  if (bytes === undefined) return instances.map((i) => ({ ...i }));
  return instances.map((i) => {
    const whole = Buffer.from(i.output, "utf8");
    if (whole.length <= bytes) return { ...i };
    let start = whole.length - bytes;
    // Skip UTF-8 continuation bytes (10xxxxxx) so the tail starts on a character.
    while (start < whole.length && ((whole[start] ?? 0) & 0xc0) === 0x80) start++;
    return { ...i, output: whole.subarray(start).toString("utf8"), outputOmitted: (i.outputOmitted ?? 0) + start };
  });
}

/** The state create waits for: a terminal state for Once, Scheduled (or terminal) for scheduled modes. */
export function reachedTarget(view: InvocationView, repeatMode: string): boolean {
  if (TERMINAL_STATUSES.has(view.status)) return true;
  return repeatMode !== "Once" && view.status === "Scheduled";
}

export function isFailure(view: Pick<InvocationView, "status" | "instances">): boolean {
  return FAILED_STATUSES.has(view.status) || view.instances.some((i) => FAILED_INSTANCE_STATUSES.has(i.status));
}

/** "2/5 instances finished" — for progress messages. */
export function progressLine(view: InvocationView): string {
  const finished = view.instances.filter((i) => FINISHED_INSTANCE_STATUSES.has(i.status)).length;
  return `${view.invokeId}: ${view.status}, ${finished}/${view.instances.length} instances finished`;
}

const OUTPUT_TAIL_CHARS = 1_000;

/** What a failure report shows instead of a secret output that state keeps (`secretOutput`). */
export const SECRET_OUTPUT_HIDDEN = "(secret: see `pulumi stack output --show-secrets`)";

/**
 * Each failing instance with its status, error code, exit code and the tail of its output; with
 * `hiddenOutput`, that text stands where a (secret) output would be.
 */
export function failureReport(view: Pick<InvocationView, "invokeId" | "status" | "instances">, hiddenOutput?: string): string {
  const failing = view.instances.filter((i) => FAILED_INSTANCE_STATUSES.has(i.status));
  const lines = failing.map((i) => {
    // What an instance printed is shown with its control characters escaped (terminal-text).
    const shown = hiddenOutput !== undefined ? (i.output ? hiddenOutput : "") : terminalLines(i.output);
    const tail = shown.length > OUTPUT_TAIL_CHARS ? `…${shown.slice(-OUTPUT_TAIL_CHARS)}` : shown;
    const details = [i.status, i.errorCode && `error ${i.errorCode}`, i.errorInfo && terminalText(i.errorInfo), `exit code ${i.exitCode}`]
      .filter(Boolean)
      .join(", ");
    const output = tail.trim() ? `\n      output: ${tail.trimEnd().replace(/\n/g, "\n              ")}` : "";
    return `  - ${i.instanceId}: ${details}${output}`;
  });
  return `Invocation ${view.invokeId} ended ${view.status} (${failing.length} of ${view.instances.length} instances did not succeed):\n${lines.join("\n")}`;
}
