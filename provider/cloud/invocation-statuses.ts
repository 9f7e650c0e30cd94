/** Overall statuses after which an invocation never changes again (the lifecycle's vocabulary re-exports it). */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(["Success", "Failed", "PartialFailed", "Stopped"]);
