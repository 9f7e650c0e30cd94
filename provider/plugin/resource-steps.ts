/**
 * What the plugin does for each engine step, in terms of the lifecycle the dynamic provider runs:
 * the same functions, so every guarantee (never twice, never lost, checks at preview) holds on
 * both paths. What differs is only what a native plugin is given and owes the engine:
 * - the real URN and the engine's timeout (`customTimeouts`) on every call, in the step context;
 * - secrets as the engine's secret values: the inputs' own, plus what the secrecy rule keeps secret;
 * - at preview, outputs not known yet marked unknown.
 */

import { changed } from "../lifecycle/changes";
import { COMMAND_OUTPUT_KEYS, commandLifecycle } from "../lifecycle/command-lifecycle";
import { FILE_OUTPUT_KEYS, fileLifecycle } from "../lifecycle/file-lifecycle";
import { invocationLifecycle } from "../lifecycle/invocation-lifecycle";
import { INVOCATION_OUTPUT_KEYS } from "../lifecycle/invocation-outputs";
import { type SecrecyInputs, secretProperties } from "../lifecycle/secrecy";
import type { ResourceLifecycle } from "../lifecycle/step-context";
import { TOKENS } from "../package/identity";
import { commandSchema } from "../schema/command-schema";
import { FILE_SECRET_INPUTS, fileSchema } from "../schema/file-schema";
import { invocationSchema } from "../schema/invocation-schema";
import { type Properties, UNKNOWN } from "./property-values";

interface ResourceKind {
  /** Its steps, handed the engine's checked values (see lifecycle/step-context). */
  lifecycle: ResourceLifecycle<object, object>;
  /** Outputs kept secret whatever the inputs said: the one secrecy rule (lifecycle/secrecy). */
  secretOutputs(outputs: SecrecyInputs): string[];
  /** The outputs the resource has beyond its inputs (unknown at preview). */
  computed: readonly string[];
  /** Its inputs, as its zod schema declares them. */
  inputs: readonly string[];
}

export const KINDS: Record<string, ResourceKind> = {
  [TOKENS.invocation]: {
    lifecycle: invocationLifecycle,
    secretOutputs: (outputs) => secretProperties(outputs),
    computed: INVOCATION_OUTPUT_KEYS,
    inputs: Object.keys(invocationSchema.shape),
  },
  [TOKENS.command]: {
    lifecycle: commandLifecycle,
    secretOutputs: () => [],
    computed: COMMAND_OUTPUT_KEYS,
    inputs: Object.keys(commandSchema.shape),
  },
  [TOKENS.file]: {
    lifecycle: fileLifecycle,
    // A file's content is always secret, whatever the program says (as the resource class keeps it).
    secretOutputs: () => [...FILE_SECRET_INPUTS],
    computed: FILE_OUTPUT_KEYS,
    inputs: Object.keys(fileSchema.shape),
  },
};

export function kindOf(urn: string): ResourceKind {
  const type = urn.split("::")[2] ?? "";
  const kind = KINDS[type.split("$").pop() ?? ""];
  if (!kind) throw new Error(`This provider serves ${Object.keys(KINDS).join(" and ")}, not ${type}.`);
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
