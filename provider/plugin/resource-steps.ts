/**
 * What the plugin does for each engine step, in terms of the lifecycle the dynamic provider runs:
 * the same functions, so every guarantee (never twice, never lost, checks at preview) holds on
 * both paths. What differs is only what a native plugin is given and owes the engine:
 * - the real URN and the engine's timeout (`customTimeouts`) on every call, in the step context;
 * - secrets as the engine's secret values: the inputs' own, plus what the secrecy rule keeps secret;
 * - at preview, outputs not known yet marked unknown.
 */

import { COMMAND_OUTPUT_KEYS } from "../lifecycle/command-outputs";
import { FILE_OUTPUT_KEYS } from "../lifecycle/file-outputs";
import { INVOCATION_OUTPUT_KEYS } from "../lifecycle/invocation-outputs";
import { secretProperties } from "../lifecycle/secrecy";
import { TOKENS } from "../package/identity";
import { INVOCATION_FIELDS } from "../schema/invocation-fields";
import type { ResourceKind, ServedPackage } from "./resource-kind";

/** Loads once, on first use. */
function once<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}

/**
 * Each kind's lifecycle (and the rules and cloud glue behind it) loads when the engine first asks
 * about a resource of that kind: the plugin answers the engine's first calls without them, and a
 * stack of invocations never loads the file or command lifecycles.
 */
export const KINDS: Record<string, () => ResourceKind> = {
  [TOKENS.invocation]: once(() => ({
    lifecycle: (require("../lifecycle/invocation-lifecycle") as typeof import("../lifecycle/invocation-lifecycle")).invocationLifecycle,
    secretOutputs: (outputs) => secretProperties(outputs),
    computed: INVOCATION_OUTPUT_KEYS,
    // The field table, not the zod schema: the inputs are known without loading the rules.
    inputs: Object.keys(INVOCATION_FIELDS),
  })),
  [TOKENS.command]: once(() => ({
    lifecycle: (require("../lifecycle/command-lifecycle") as typeof import("../lifecycle/command-lifecycle")).commandLifecycle,
    secretOutputs: () => [],
    computed: COMMAND_OUTPUT_KEYS,
    inputs: Object.keys((require("../schema/command-schema") as typeof import("../schema/command-schema")).commandSchema.shape),
  })),
  [TOKENS.file]: once(() => {
    const { FILE_SECRET_INPUTS, fileSchema } = require("../schema/file-schema") as typeof import("../schema/file-schema");
    return {
      lifecycle: (require("../lifecycle/file-lifecycle") as typeof import("../lifecycle/file-lifecycle")).fileLifecycle,
      // A file's content is always secret, whatever the program says (as the resource class keeps it).
      secretOutputs: () => [...FILE_SECRET_INPUTS],
      computed: FILE_OUTPUT_KEYS,
      inputs: Object.keys(fileSchema.shape),
    };
  }),
};

/** The package the plugin serves: these kinds, and the lookups as its functions (loaded on the first call). */
export const PACKAGE: ServedPackage = {
  kinds: KINDS,
  invoke: (token, args) => (require("../lookups/lookups") as typeof import("../lookups/lookups")).runLookup(token, args),
};
