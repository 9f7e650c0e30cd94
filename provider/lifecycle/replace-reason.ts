import type { InvocationOutputs } from "./invocation-state";
import { TERMINAL_STATUSES } from "./vocabulary";

/** The replace key that stands for "the last run did not succeed": shown by the CLI as `[diff: ~lastRun]`. */
export const RERUN_KEY = "lastRun";

export interface ReplaceNotes {
  /** Set when the stored run itself calls for running the command again. */
  rerun?: { key: string };
  /** What the user reads at preview and up: why it runs again, and what happens to the old run. */
  messages: string[];
}

/**
 * Why a diff replaces beyond changed inputs, and what becomes of the stored run, said plainly:
 * "the last run timed out while Running", not an unrelated input name.
 */
export function replaceNotes(olds: Partial<InvocationOutputs>, inputsChanged: boolean): ReplaceNotes {
  const id = olds.invokeId ?? "the stored invocation";
  const active = olds.status !== undefined && !TERMINAL_STATUSES.has(olds.status);
  const settleFirst = active ? ` ${id} may still be ${olds.status}: it is stopped and must settle before the new run starts.` : "";
  if (olds.createOutcome === "failed") {
    return { rerun: { key: RERUN_KEY }, messages: [`runs the command again: the last run ${id} ended ${olds.status ?? "Failed"}.${settleFirst}`] };
  }
  if (olds.createOutcome === "timedOut") {
    return {
      rerun: { key: RERUN_KEY },
      messages: [`runs the command again: the last run ${id} timed out while ${olds.status ?? "active"}.${settleFirst}`],
    };
  }
  if (inputsChanged && active) return { messages: [`replacing it:${settleFirst}`] };
  return { messages: [] };
}

/** "EcsInvocation web" for a URN, so a message names its resource wherever the CLI prints it. */
export function resourceLabel(urn: string | undefined): string {
  const parts = urn?.split("::") ?? [];
  const name = parts[3];
  // The type's last segment: `EcsFile` of `…dynamic/alicloud:EcsFile` or `alicloud-ecs-invocation:index:EcsFile`.
  const kind = parts[2]?.split("$").pop()?.split(":").pop() || "EcsInvocation";
  return name ? `${kind} ${name}` : kind;
}
