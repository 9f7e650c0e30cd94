/**
 * Field-by-field comparison of two answers to the same call: every field of the record is in the
 * other answer with the same JSON type; error codes and messages are equal. Placeholders stand for
 * any value of their type. A live record is exact (a field the emulator adds, the cloud does not
 * send); a seeded one comes from documentation examples, which are older or abridged, so fields
 * they lack are allowed.
 */
import type { RecordedAnswer } from "./recorder";

type Kind = "string" | "number" | "boolean" | "null" | "object" | "array";

function kindOf(value: unknown): Kind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value as Kind;
}

/** Leaf paths and their kinds; array items merge under `[]`. Empty arrays and objects are leaves. */
export function shapeOf(value: unknown, prefix = "", out = new Map<string, Kind>()): Map<string, Kind> {
  const kind = kindOf(value);
  if (kind === "array" && (value as unknown[]).length > 0) {
    for (const item of value as unknown[]) shapeOf(item, `${prefix}[]`, out);
  } else if (kind === "object" && Object.keys(value as object).length > 0) {
    for (const [key, inner] of Object.entries(value as object)) shapeOf(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, kind);
  }
  return out;
}

/** The differences between a record and another answer to its call, one line each (none: they agree). */
export function answerDifferences(record: RecordedAnswer, other: RecordedAnswer): string[] {
  const problems: string[] = [];
  const known = record.knownDifferences ?? {};
  const explained = (path: string) => Object.keys(known).some((k) => path === k || path.startsWith(`${k}.`) || path.startsWith(`${k}[]`));
  if (record.call.action !== other.call.action) problems.push(`action: ${other.call.action}, recorded ${record.call.action}`);
  const queryKeys = (r: RecordedAnswer) => Object.keys(r.call.query).sort().join(",");
  if (queryKeys(record) !== queryKeys(other)) problems.push(`call parameters: ${queryKeys(other)}, recorded ${queryKeys(record)}`);
  if (record.answer.status !== other.answer.status) problems.push(`HTTP status: ${other.answer.status}, recorded ${record.answer.status}`);
  const recorded = record.answer.body as Record<string, unknown>;
  const answered = other.answer.body as Record<string, unknown>;
  if (record.answer.status >= 400) {
    for (const key of ["Code", "Message"]) {
      if (recorded[key] !== answered?.[key]) problems.push(`${key}: ${JSON.stringify(answered?.[key])}, recorded ${JSON.stringify(recorded[key])}`);
    }
  }
  const want = shapeOf(recorded);
  const got = shapeOf(answered);
  for (const [path, kind] of want) {
    if (explained(path)) continue;
    const gotKind = got.get(path);
    // A list recorded empty is a leaf; answered with items, its paths go deeper: same shape.
    const deeper = [...got.keys()].some((p) => p.startsWith(`${path}[]`) || p.startsWith(`${path}.`));
    // …and a list answered empty has no items to compare with the recorded ones.
    const emptyList = path
      .split("[]")
      .slice(0, -1)
      .some((_, i, parts) => got.get(parts.slice(0, i + 1).join("[]")) === "array");
    if (gotKind === undefined && !deeper && !emptyList) problems.push(`${path}: missing (recorded as ${kind})`);
    else if (gotKind !== undefined && gotKind !== kind && !(kind === "array" && gotKind === "array")) problems.push(`${path}: ${gotKind}, recorded ${kind}`);
  }
  if (record.source.startsWith("live:")) {
    for (const [path, kind] of got) {
      const shallower = [...want.keys()].some((p) => path.startsWith(`${p}[]`) || path.startsWith(`${p}.`));
      if (!want.has(path) && !shallower && !explained(path)) problems.push(`${path}: not in the cloud's answer (answered as ${kind})`);
    }
  }
  return problems;
}
