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
 * Validates `inputs` with `schema` and turns each zod issue into one Pulumi CheckFailure naming the
 * field (a property path as the engine reads it: `instanceIds[0]`, `tags["a/b"]`), the rule and the
 * offending value. Issues on values that are still unknown
 * during a preview are dropped: they will be checked again once known.
 *
 * The engine prints a failure as "property <p> value <inputs[p]> has a problem: <reason>", echoing
 * the input itself. A failure on a secret field therefore names no property (the engine then
 * prints only the reason, which names the field), so no rule ever puts a secret into a log.
 */
export function checkWith(schema: z.ZodType, inputs: Record<string, unknown>): CheckFailure[] {
  const result = schema.safeParse(inputs);
  if (result.success) return [];
  const unknown = unknownPaths(inputs).map((p) => p.join("."));
  const failures: CheckFailure[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    const dotted = path.join(".");
    if (unknown.some((u) => dotted === u || dotted.startsWith(`${u}.`) || u.startsWith(`${dotted}.`))) continue;
    // A nested value that is missing has nothing to show: the failure goes on the nearest value
    // there is (the engine would print `{<nil>}` beside a missing one), and says it is required.
    const present = presentPrefix(inputs, path);
    const missing = path.length > 1 && present.length < path.length && (issue.code === "invalid_type" || issue.code === "invalid_union");
    const property = propertyPath(issue.path.slice(0, Math.max(present.length, 1)));
    const secret = path[0] !== undefined && (SECRET_FIELDS.has(path[0]) || holdsSecret(inputs[path[0]]));
    // A bad record key: zod nests the key's own issues; report those, and the key, not its value.
    const badKey = issue.code === "invalid_key";
    const message = badKey && "issues" in issue ? issue.issues.map((i) => i.message).join("; ") : missing ? "is required" : issue.message;
    const shown = badKey ? `got key ${JSON.stringify(path[path.length - 1])}` : secret ? "(secret value not shown)" : `got ${describe(valueAt(inputs, path))}`;
    const reason = missing ? `${propertyPath(issue.path) || "inputs"}: ${message}` : `${property || "inputs"}: ${message}; ${shown}`;
    const reported = secret ? "" : property;
    if (!failures.some((f) => f.property === reported && f.reason === reason)) failures.push({ property: reported, reason });
  }
  return failures;
}

/** `["instanceIds", 0]` → `instanceIds[0]`: the engine's property path syntax, so it can show the value. */
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

/** The longest start of `path` that leads to a value in `root`. */
function presentPrefix(root: unknown, path: string[]): string[] {
  let current = root;
  for (const [i, key] of path.entries()) {
    if (current === null || typeof current !== "object" || (current as Record<string, unknown>)[key] === undefined) return path.slice(0, i);
    current = (current as Record<string, unknown>)[key];
  }
  return path;
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
