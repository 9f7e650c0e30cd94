/**
 * Durations the way Terraform and Pulumi write them: "90s", "5m", "1h30m", "500ms", "2h".
 * Returns milliseconds, or undefined when the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    const value = Number(match[1]);
    const unit = match[2];
    total += value * (unit === "h" ? 3_600_000 : unit === "m" ? 60_000 : unit === "s" ? 1_000 : 1);
  }
  return Math.round(total);
}

export const DEFAULT_TIMEOUT = "1m";

/** The duration in ms of a valid timeout text, else the 1-minute default (as in Terraform). */
export function timeoutMs(text: string | undefined): number {
  return (text === undefined ? undefined : parseDuration(text)) ?? parseDuration(DEFAULT_TIMEOUT)!;
}
