import type { z } from "zod";
import { SECRET_INPUTS } from "./invocation-fields";
import { unknownPaths } from "./unknowns";

export interface CheckFailure {
  property: string;
  reason: string;
}

/** Fields whose values are secret (the field table says which): their failures name the rule but never echo the value. */
const SECRET_FIELDS: ReadonlySet<string> = new Set(SECRET_INPUTS);

/**
 * Validates `inputs` with `schema` and turns each zod issue into one Pulumi CheckFailure whose
 * reason names the place (a property path as the engine writes it: `instanceIds[0]`, `tags["a/b"]`),
 * the rule and the offending value (see shownProperty for the property it names). Issues on values that are still unknown
 * during a preview are dropped: they will be checked again once known.
 *
 * The engine prints a failure as "property <p> value <inputs[p]> has a problem: <reason>", echoing
 * the input itself. A failure on a secret field therefore names no property (the engine then
 * prints only the reason, which names the field), so no rule ever puts a secret into a log.
 */
export function checkWith(schema: z.ZodType, inputs: Record<string, unknown>, secretFields: ReadonlySet<string> = SECRET_FIELDS): CheckFailure[] {
  const result = schema.safeParse(inputs);
  if (result.success) return [];
  const unknown = unknownPaths(inputs).map((p) => p.join("."));
  const failures: CheckFailure[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    const dotted = path.join(".");
    if (unknown.some((u) => dotted === u || dotted.startsWith(`${u}.`) || u.startsWith(`${dotted}.`))) continue;
    // A nested value that is missing: zod's complaint about its type becomes "is required".
    const missing = path.length > 1 && valueAt(inputs, path) === undefined && (issue.code === "invalid_type" || issue.code === "invalid_union");
    const where = propertyPath(issue.path) || "inputs";
    const secret = path[0] !== undefined && (secretFields.has(path[0]) || holdsSecret(inputs[path[0]]));
    // A bad record key: zod nests the key's own issues; report those, and the key, not its value.
    const badKey = issue.code === "invalid_key";
    const message = badKey && "issues" in issue ? issue.issues.map((i) => i.message).join("; ") : missing ? "is required" : issue.message;
    const shown = badKey ? `got key ${JSON.stringify(path[path.length - 1])}` : secret ? "(secret value not shown)" : `got ${describe(valueAt(inputs, path))}`;
    const reason = missing ? `${where}: ${message}` : `${where}: ${message}; ${shown}`;
    const reported = secret ? "" : shownProperty(inputs, path[0], path.length > 1);
    if (!failures.some((f) => f.property === reported && f.reason === reason)) failures.push({ property: reported, reason });
  }
  return failures;
}

/** A value longer than this is not printed beside its failure. */
const SHOWN_VALUE_CHARS = 120;

/**
 * The property a failure names, which the engine prints with its value (`property x value {…} has a
 * problem: <reason>`). The engine looks the name up among the top-level inputs only: a nested path
 * would print `{<nil>}`, and so would a missing value. So a failure names its top-level input when
 * that has a value — for a failure inside it (`instanceIds[100]`, `rollout.maxConcurrency`), only
 * when the whole is short enough to read — and no property otherwise: the engine then prints the
 * reason alone, which names the exact place.
 */
export function shownProperty(inputs: Record<string, unknown>, key: string | undefined, inside: boolean): string {
  if (key === undefined || inputs[key] === undefined) return "";
  return !inside || JSON.stringify(inputs[key]).length <= SHOWN_VALUE_CHARS ? key : "";
}

/** `["instanceIds", 0]` → `instanceIds[0]`: the engine's property path syntax, as a reason names a place. */
function propertyPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => {
      if (typeof part === "number") return `[${part}]`;
      const key = String(part);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join("");
}

/** An object input that carries parameters (e.g. `onDelete`): the engine would echo them beside the field. */
function holdsSecret(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && (value as Record<string, unknown>)["parameters"] !== undefined;
}

function valueAt(root: unknown, path: string[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
