/**
 * What the plugin does for each engine step, in terms of the lifecycle the dynamic provider runs:
 * the same functions, so every guarantee (never twice, never lost, checks at preview) holds on
 * both paths. What differs is only what a native plugin is given and owes the engine:
 * - the real URN on every call, handed to the lifecycle as `__urn` and never stored;
 * - the engine's own timeouts (`customTimeouts`), used when the `timeouts` input does not set one;
 * - secrets as the engine's secret values: the inputs' own, plus what the provider keeps secret;
 * - at preview, outputs not known yet marked unknown.
 */

import { changed } from "../lifecycle/changes";
import * as commandLifecycle from "../lifecycle/command-lifecycle";
import { COMMAND_OUTPUT_KEYS } from "../lifecycle/command-lifecycle";
import * as invocationLifecycle from "../lifecycle/invocation-lifecycle";
import { INVOCATION_OUTPUT_KEYS } from "../lifecycle/invocation-outputs";
import { PartialFailure } from "../lifecycle/partial-failure";
import { TOKENS } from "../package/identity";
import { commandSchema } from "../schema/command-schema";
import { SECRET_INPUTS } from "../schema/invocation-fields";
import { invocationSchema } from "../schema/invocation-schema";
import { type Properties, UNKNOWN } from "./property-values";

/** The six steps, as both lifecycle modules export them. */
interface Lifecycle {
  check(olds: never, news: never): Promise<{ inputs: unknown; failures: { property: string; reason: string }[] }>;
  diff(id: string, olds: never, news: never): Promise<{ changes?: boolean; replaces?: string[]; deleteBeforeReplace?: boolean }>;
  create(inputs: never): Promise<{ id: string; outs: unknown }>;
  read(id: string, props: never): Promise<{ id?: string; props?: unknown; inputs?: unknown }>;
  update(id: string, olds: never, news: never): Promise<{ outs: unknown }>;
  remove(id: string, props: never): Promise<void>;
}

interface ResourceKind {
  lifecycle: Lifecycle;
  /** Outputs kept secret whatever the inputs: the field table's secret fields, and output under `secretOutput`. */
  secretOutputs(outputs: Properties): string[];
  /** The outputs the resource has beyond its inputs (unknown at preview). */
  computed: readonly string[];
  /** Its inputs, as its zod schema declares them. */
  inputs: readonly string[];
}

export const KINDS: Record<string, ResourceKind> = {
  [TOKENS.invocation]: {
    lifecycle: invocationLifecycle as unknown as Lifecycle,
    secretOutputs: (outputs) => [
      ...SECRET_INPUTS,
      ...(outputs["secretOutput"] === true ? ["instances", "schedule"] : []),
      ...(isRecord(outputs["onDelete"]) && outputs["onDelete"]["parameters"] !== undefined ? ["onDelete"] : []),
    ],
    computed: INVOCATION_OUTPUT_KEYS,
    inputs: Object.keys(invocationSchema.shape),
  },
  [TOKENS.command]: {
    lifecycle: commandLifecycle as unknown as Lifecycle,
    secretOutputs: () => [],
    computed: COMMAND_OUTPUT_KEYS,
    inputs: Object.keys(commandSchema.shape),
  },
};

export function kindOf(urn: string): ResourceKind {
  const type = urn.split("::")[2] ?? "";
  const kind = KINDS[type.split("$").pop() ?? ""];
  if (!kind) throw new Error(`This provider serves ${Object.keys(KINDS).join(" and ")}, not ${type}.`);
  return kind;
}

/** Keys a step hands the lifecycle that must never reach state. */
const PRIVATE_KEYS = ["__urn", "__provider"];

export function withoutPrivate(values: Properties): Properties {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !PRIVATE_KEYS.includes(key)));
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** Every input whose value differs, and whatever else replaces: what the CLI shows as `[diff: ~key]`. */
export function changedKeys(kind: ResourceKind, olds: Properties, news: Properties, replaces: readonly string[]): string[] {
  return [...new Set([...replaces, ...kind.inputs.filter((key) => changed(olds[key], news[key]))])].sort();
}

/**
 * Runs `step` with the engine's timeout for it (seconds; 0 when none) in the `timeouts` input when
 * the program set none there; the stored `timeouts` stay as the program declared them, or the next
 * diff would see a change that nobody made.
 */
export async function withEngineTimeout<T>(
  inputs: Properties,
  which: "create" | "delete",
  seconds: number,
  step: (inputs: Properties) => Promise<T>,
  restore: (result: T, timeouts: unknown) => T,
): Promise<T> {
  const declared = inputs["timeouts"] as Record<string, string> | undefined;
  if (!seconds || declared?.[which] !== undefined) return step(inputs);
  const effective = { ...inputs, timeouts: { ...declared, [which]: `${seconds}s` } };
  try {
    return restore(await step(effective), declared);
  } catch (error) {
    if (error instanceof PartialFailure) throw new PartialFailure(error.message, error.id, keepTimeouts(error.properties, declared));
    throw error;
  }
}

/** `outputs` with `timeouts` as the program declared it. */
export function keepTimeouts(outputs: Properties, declared: unknown): Properties {
  const { timeouts: _effective, ...rest } = outputs;
  return declared === undefined ? rest : { ...rest, timeouts: declared };
}

/** At preview: the inputs, and every output not known until the step runs. */
export function previewOutputs(kind: ResourceKind, inputs: Properties): Properties {
  return { ...Object.fromEntries(kind.computed.map((key) => [key, UNKNOWN])), ...withoutPrivate(inputs) };
}
