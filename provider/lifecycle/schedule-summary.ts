import { cronHasZone, nextRun, parseFrequency } from "../../common/frequency";
import type { RunRecord } from "../cloud/ecs-api";
import { FAILED_RUN_STATUSES } from "./vocabulary";

/** How much of the last run's output the summary keeps: enough to see how it ended. */
const OUTPUT_TAIL_CHARS = 200;

/**
 * What a scheduled (`Period`, `NextRebootOnly`, `EveryReboot`) invocation has done since it was
 * created, as `pulumi refresh` reads it: runs happen after `up` returned, so only a read sees them.
 */
export interface ScheduleSummary {
  /** Runs that finished, on all instances together. */
  runs: number;
  /** Of those, the runs that did not succeed (Failed, Timeout, Invalid, Aborted, Error). */
  failedRuns: number;
  /** The most recent finished run: its instance, status, exit code, end time and output tail. */
  lastRun?: {
    instanceId: string;
    status: string;
    exitCode: number;
    errorCode: string;
    finishedTime: string;
    /** The last 200 characters of its output. */
    outputTail: string;
  };
  /**
   * The next run (ISO 8601, UTC) when the provider can tell: for `rate()`, `at()` and a cron with
   * a time zone. A cron without one runs in each instance's own zone, and reboot-triggered runs wait
   * for a reboot: then it is absent.
   */
  nextRunTime?: string;
}

export function summarizeRuns(
  runs: readonly RunRecord[],
  schedule: { frequency?: string; creationTime: string; active: boolean },
  now: number,
): ScheduleSummary {
  const finished = runs.filter((r) => r.finishedTime !== "").sort((a, b) => a.finishedTime.localeCompare(b.finishedTime));
  const last = finished.at(-1);
  const next = schedule.active ? nextRunOf(schedule.frequency, schedule.creationTime, now) : undefined;
  return {
    runs: finished.length,
    failedRuns: finished.filter((r) => FAILED_RUN_STATUSES.has(r.status)).length,
    ...(last && {
      lastRun: {
        instanceId: last.instanceId,
        status: last.status,
        exitCode: last.exitCode,
        errorCode: last.errorCode,
        finishedTime: last.finishedTime,
        outputTail: last.output.length > OUTPUT_TAIL_CHARS ? last.output.slice(-OUTPUT_TAIL_CHARS) : last.output,
      },
    }),
    ...(next !== undefined && { nextRunTime: new Date(next).toISOString() }),
  };
}

/** Whether the last finished run failed: what preview warns about. */
export function lastRunFailed(summary: ScheduleSummary | undefined): boolean {
  return summary?.lastRun !== undefined && FAILED_RUN_STATUSES.has(summary.lastRun.status);
}

/** The preview warning for a schedule whose last run failed: what failed, where, when, and what to do. */
export function failedScheduleNote(invokeId: string | undefined, summary: ScheduleSummary, secretOutput: boolean): string {
  const last = summary.lastRun!;
  const details = [last.status, last.errorCode && `error ${last.errorCode}`, `exit code ${last.exitCode}`].filter(Boolean).join(", ");
  const output = secretOutput ? "" : last.outputTail.trim() ? `; output ends: ${last.outputTail.trim().split("\n").slice(-3).join(" | ")}` : "";
  return (
    `the last scheduled run of ${invokeId ?? "the invocation"} on ${last.instanceId} ended ${details} at ${last.finishedTime}` +
    ` (${summary.failedRuns} of ${summary.runs} runs failed so far, as of the last refresh)${output}. ` +
    "The schedule keeps running; fix the command, or run `pulumi up --replace` on this resource to start it afresh."
  );
}

function nextRunOf(frequency: string | undefined, creationTime: string, now: number): number | undefined {
  if (!frequency || (!/^(rate|at)\(/.test(frequency.trim()) && !cronHasZone(frequency))) return undefined;
  const created = Date.parse(creationTime);
  if (Number.isNaN(created)) return undefined;
  try {
    return nextRun(parseFrequency(frequency, 0, undefined), now, created);
  } catch {
    return undefined;
  }
}
