/**
 * The words the lifecycle's modules share — statuses and how a tag set reads in a message — kept
 * below all of them, so none has to import another for its vocabulary.
 */
export { TERMINAL_STATUSES } from "../cloud/invocation-statuses";
export const FAILED_STATUSES: ReadonlySet<string> = new Set(["Failed", "PartialFailed", "Stopped"]);
/** Per-instance statuses that mean the run on that instance did not succeed. */
export const FAILED_INSTANCE_STATUSES: ReadonlySet<string> = new Set(["Failed", "Invalid", "Aborted", "Error", "Timeout", "Cancelled", "Terminated"]);
export const FINISHED_INSTANCE_STATUSES: ReadonlySet<string> = new Set([...FAILED_INSTANCE_STATUSES, "Success"]);

/** A scheduled run that went wrong; a run stopped on purpose (Cancelled, Terminated) did not. */
export const FAILED_RUN_STATUSES: ReadonlySet<string> = new Set([...FAILED_INSTANCE_STATUSES].filter((s) => s !== "Cancelled" && s !== "Terminated"));

/** "env=prod, role=web" — a tag set as messages name it. */
export function tagText(tags: Record<string, string> | undefined): string {
  return Object.entries(tags ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}
