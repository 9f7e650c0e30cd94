/**
 * What the plugin does for each engine step, in terms of the lifecycle the dynamic provider runs:
 * the same functions, so every guarantee (never twice, never lost, checks at preview) holds on
 * both paths. What differs is only what a native plugin is given and owes the engine:
 * - the real URN and the engine's timeout (`customTimeouts`) on every call, in the step context;
 * - secrets as the engine's secret values: the inputs' own, plus what the secrecy rule keeps secret;
 * - at preview, outputs not known yet marked unknown.
 */

import { commandLifecycle } from "../lifecycle/command-lifecycle";
import { COMMAND_OUTPUT_KEYS } from "../lifecycle/command-outputs";
import { fileLifecycle } from "../lifecycle/file-lifecycle";
import { FILE_OUTPUT_KEYS } from "../lifecycle/file-outputs";
import { invocationLifecycle } from "../lifecycle/invocation-lifecycle";
import { INVOCATION_OUTPUT_KEYS } from "../lifecycle/invocation-outputs";
import { secretProperties } from "../lifecycle/secrecy";
import { runLookup } from "../lookups/lookups";
import { TOKENS } from "../package/identity";
import { commandSchema } from "../schema/command-schema";
import { FILE_SECRET_INPUTS, fileSchema } from "../schema/file-schema";
import { invocationSchema } from "../schema/invocation-schema";
import type { ResourceKind, ServedPackage } from "./resource-kind";

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

/** The package the plugin serves: these kinds, and the lookups as its functions. */
export const PACKAGE: ServedPackage = { kinds: KINDS, invoke: runLookup };
