import { containsUnknown } from "../schema/unknowns";

/**
 * Whether an input changed between the stored state and the program: a value still unknown at
 * preview counts as changed; key order never does, and neither does the order of a list compared
 * `asSet` (the API treats such lists as sets, e.g. instance ids). An empty list or map is the same
 * as none (`triggers: []` is no trigger, `tags: {}` no tag): adding or removing one changes nothing.
 */
export function changed(before: unknown, after: unknown, asSet = false): boolean {
  if (containsUnknown(after)) return true;
  if (isEmpty(before) && isEmpty(after)) return false;
  return canonicalJson(before, asSet) !== canonicalJson(after, asSet);
}

/** Absent, or a list or map with nothing in it. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.values(value as object).every((v) => v === undefined);
}

/** One text per value: object keys sorted, undefined dropped, a set-like list sorted and deduplicated. */
export function canonicalJson(value: unknown, asSet = false): string {
  const normal = normalize(value);
  if (asSet && Array.isArray(normal)) {
    return JSON.stringify([...new Set(normal.map((item) => JSON.stringify(item)))].sort());
  }
  return JSON.stringify(normal);
}

function normalize(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, normalize(v)]),
    );
  }
  return value;
}
