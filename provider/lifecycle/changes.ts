import { containsUnknown } from "../schema/unknowns";

/**
 * Whether an input changed between the stored state and the program: a value still unknown at
 * preview counts as changed; key order and absent-vs-undefined never do.
 */
export function changed(before: unknown, after: unknown): boolean {
  if (containsUnknown(after)) return true;
  return JSON.stringify(normalize(before)) !== JSON.stringify(normalize(after));
}

function normalize(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalize(v)]),
    );
  }
  return value;
}
