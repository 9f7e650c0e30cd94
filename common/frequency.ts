import { CronExpressionParser } from "cron-parser";
import { DateTime } from "luxon";

/**
 * The three schedule forms InvokeCommand accepts in `Frequency`:
 * - `rate(5m)`: every interval (60 s .. 7 d, longer than the timeout), first run one interval after creation;
 * - `at(2026-01-01 10:00:00 Asia/Shanghai)`: once, at that local time (UTC when no zone is given);
 * - cron `<s> <m> <h> <dom> <mon> <dow> [<year>] [<zone>]`: runs at least 10 s and one timeout apart;
 *   without a zone, in the instance's system time zone (`cronZone`).
 * Zones: IANA names, `GMT+8:00` / `GMT-3:30` style offsets, or `UTC`.
 */
export type Frequency =
  | { kind: "rate"; intervalMs: number }
  | { kind: "at"; atMs: number }
  | { kind: "cron"; expression: string; zone: string; years?: (year: number) => boolean };

const RATE_UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const MIN_RATE_MS = 60_000;
const MAX_RATE_MS = 7 * 86_400_000;
const MIN_CRON_GAP_MS = 10_000;

/** Thrown for a Frequency the API would refuse; `message` says which rule it breaks. */
export class FrequencyError extends Error {}

function invalid(reason: string): never {
  throw new FrequencyError(reason);
}

/**
 * Parses and checks a Frequency, throwing FrequencyError with the broken rule. Without `now`, rules
 * that depend on the clock (a future `at()` time, a cron that still fires) are skipped.
 */
export function parseFrequency(text: string, timeoutSeconds: number, now: number | undefined, cronZone = "UTC"): Frequency {
  const value = text.trim();
  const rate = /^rate\((\d+)([smhd])\)$/.exec(value);
  if (rate) {
    const intervalMs = Number(rate[1]) * (RATE_UNITS[rate[2] ?? "s"] ?? 0);
    if (intervalMs < MIN_RATE_MS || intervalMs > MAX_RATE_MS) invalid("a rate() interval must be between 60s and 7d");
    if (intervalMs <= timeoutSeconds * 1000) invalid(`a rate() interval must be longer than the timeout (${timeoutSeconds}s)`);
    return { kind: "rate", intervalMs };
  }
  const at = /^at\((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?:\s+(\S+))?\)$/.exec(value);
  if (at) {
    const zone = toZone(at[2] ?? "UTC");
    const when = DateTime.fromFormat(at[1] ?? "", "yyyy-MM-dd HH:mm:ss", { zone });
    if (!when.isValid) invalid("at() needs a valid time as yyyy-MM-dd HH:mm:ss with an optional time zone");
    if (now !== undefined && when.toMillis() <= now) invalid("the at() time is already in the past");
    return { kind: "at", atMs: when.toMillis() };
  }
  const frequency = parseCron(value, cronZone);
  const first = nextCronRun(frequency, now ?? 0);
  const second = first === undefined ? undefined : nextCronRun(frequency, first);
  if (first === undefined) {
    if (now === undefined) return frequency;
    invalid("the cron expression never fires again");
  }
  if (second !== undefined && second - first < Math.max(MIN_CRON_GAP_MS, timeoutSeconds * 1000)) {
    invalid(`cron runs must be at least 10s and the timeout (${timeoutSeconds}s) apart`);
  }
  return frequency;
}

/** The first run strictly after `after`, or undefined when the schedule has no further run. */
export function nextRun(frequency: Frequency, after: number, createdAt: number): number | undefined {
  switch (frequency.kind) {
    case "rate": {
      const elapsed = Math.max(0, after - createdAt);
      return createdAt + (Math.floor(elapsed / frequency.intervalMs) + 1) * frequency.intervalMs;
    }
    case "at":
      return frequency.atMs > after ? frequency.atMs : undefined;
    case "cron":
      return nextCronRun(frequency, after);
  }
}

/** Whether a cron Frequency names its time zone (else it runs in each instance's own zone). */
export function cronHasZone(text: string): boolean {
  return endsWithZone(text.trim().split(/\s+/));
}

/** A zone is an IANA name (has a slash), UTC, or a GMT offset; month and weekday names are not zones. */
function endsWithZone(fields: readonly string[]): boolean {
  const last = fields[fields.length - 1] ?? "";
  return fields.length >= 7 && ((/\//.test(last) && /^[A-Za-z]/.test(last)) || /^(UTC|GMT)/i.test(last));
}

/** A cron without a zone runs in `defaultZone`: the API uses the instance's system time zone. */
function parseCron(value: string, defaultZone: string): Frequency & { kind: "cron" } {
  const fields = value.split(/\s+/);
  let zone = defaultZone;
  if (endsWithZone(fields)) zone = toZone(fields.pop() ?? "UTC");
  let years: ((year: number) => boolean) | undefined;
  if (fields.length === 7) years = yearMatcher(fields.pop() ?? "*");
  if (fields.length !== 6) {
    invalid("expected rate(<n><s|m|h|d>), at(yyyy-MM-dd HH:mm:ss [zone]) or a cron expression <s> <m> <h> <dom> <mon> <dow> [<year>] [<zone>]");
  }
  const expression = fields.join(" ");
  try {
    CronExpressionParser.parse(expression, { tz: zone });
  } catch (error) {
    invalid(`invalid cron expression: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { kind: "cron", expression, zone, years };
}

function nextCronRun(frequency: Frequency & { kind: "cron" }, after: number): number | undefined {
  const iterator = CronExpressionParser.parse(frequency.expression, { tz: frequency.zone, currentDate: new Date(after) });
  for (let i = 0; i < 1000; i++) {
    let next: number;
    try {
      next = iterator.next().getTime();
    } catch {
      return undefined;
    }
    const year = DateTime.fromMillis(next, { zone: frequency.zone }).year;
    if (!frequency.years || frequency.years(year)) return next;
    if (year > 2099) return undefined;
  }
  return undefined;
}

function yearMatcher(field: string): (year: number) => boolean {
  if (field === "*" || field === "?") return () => true;
  const parts = field.split(",").map((part) => {
    const range = /^(\d{4})(?:-(\d{4}))?(?:\/(\d+))?$/.exec(part);
    if (!range) invalid(`invalid cron year field ${JSON.stringify(field)}`);
    const from = Number(range[1]);
    const to = range[2] ? Number(range[2]) : range[3] ? 2099 : from;
    const step = Number(range[3] ?? 1);
    return (year: number) => year >= from && year <= to && (year - from) % step === 0;
  });
  return (year) => parts.some((match) => match(year));
}

/** Maps the API's zone forms onto zones luxon understands. */
function toZone(text: string): string {
  if (/^UTC$/i.test(text)) return "UTC";
  // GMT+8:00, not GMT+08:00: the API writes the hour without a leading zero.
  const offset = /^GMT([+-])([0-9]|1[0-4])(?::(\d{2}))?$/i.exec(text);
  if (offset) return `UTC${offset[1]}${offset[2]}${offset[3] && offset[3] !== "00" ? `:${offset[3]}` : ""}`;
  if (!DateTime.local().setZone(text).isValid) invalid(`unknown time zone ${JSON.stringify(text)} (use an IANA name, GMT+8:00 or UTC)`);
  return text;
}
