/**
 * What the plugin's server needs to know of a kind of resource it serves, apart from the kinds
 * themselves (resource-steps): the server is handed its kinds, so the same server can serve
 * another table (the benchmark's no-op floor serves one with no lifecycle behind it).
 */
import { changed } from "../lifecycle/changes";
import type { SecrecyInputs } from "../lifecycle/secrecy";
import type { ResourceLifecycle } from "../lifecycle/step-context";
import { type Properties, UNKNOWN } from "./property-values";

export interface ResourceKind {
  /** Its steps, handed the engine's checked values (see lifecycle/step-context). */
  lifecycle: ResourceLifecycle<object, object>;
  /** Outputs kept secret whatever the inputs said: the one secrecy rule (lifecycle/secrecy). */
  secretOutputs(outputs: SecrecyInputs): string[];
  /** The outputs the resource has beyond its inputs (unknown at preview). */
  computed: readonly string[];
  /** Its inputs, as its zod schema declares them. */
  inputs: readonly string[];
}

/** What one plugin serves: its resources by type token, and its functions (Invoke). */
export interface ServedPackage {
  /** Each kind by its type token, loaded on the first call about a resource of that kind. */
  kinds: Readonly<Record<string, () => ResourceKind>>;
  /** Answers an Invoke of the function `token`: its result, and which top-level keys are secret. */
  invoke(token: string, args: Properties): Promise<{ result: object; secrets: readonly string[] }>;
}

/** The kind a URN's type names (`<package>:index:<Kind>`, a parent's types before a `$`). */
export function kindOf(served: ServedPackage, urn: string): ResourceKind {
  const type = urn.split("::")[2] ?? "";
  const kind = served.kinds[type.split("$").pop() ?? ""]?.();
  if (!kind) throw new Error(`This provider serves ${Object.keys(served.kinds).join(" and ")}, not ${type}.`);
  return kind;
}

/** Every input whose value differs, and whatever else replaces: what the CLI shows as `[diff: ~key]`. */
export function changedKeys(kind: ResourceKind, olds: Properties, news: Properties, replaces: readonly string[]): string[] {
  return [...new Set([...replaces, ...kind.inputs.filter((key) => changed(olds[key], news[key]))])].sort();
}

/** At preview: the inputs, and every output not known until the step runs. */
export function previewOutputs(kind: ResourceKind, inputs: Properties): Properties {
  return { ...Object.fromEntries(kind.computed.map((key) => [key, UNKNOWN])), ...inputs };
}
