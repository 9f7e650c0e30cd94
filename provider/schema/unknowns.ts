/** The value Pulumi sends in place of anything not yet known during a preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** Dotted paths ("instanceIds.2", "tags.env") of every unknown value inside `value`. */
export function unknownPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (isUnknown(value)) return [prefix];
  if (Array.isArray(value)) return value.flatMap((item, index) => unknownPaths(item, [...prefix, index]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => unknownPaths(item, [...prefix, key]));
  }
  return [];
}

export function containsUnknown(value: unknown): boolean {
  return unknownPaths(value).length > 0;
}
