import { containsUnknown } from "../schema/unknowns";

/**
 * Whether an input changed between the stored state and the program: a value still unknown at
 * preview counts as changed; key order and absent-vs-undefined never do, and neither does the
 * order of a list compared `asSet` (the API treats such lists as sets, e.g. instance ids).
 */
export function changed(before: unknown, after: unknown, asSet = false): boolean {
  if (containsUnknown(after)) return true;
  return canonicalJson(before, asSet) !== canonicalJson(after, asSet);
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
