/**
 * The lookups both paths serve: the TypeScript module's `getEcs…` functions (resources/lookups)
 * and the plugin's Invoke call the same `runLookup`, so filters, paging and secrecy are one thing.
 */

import { runtime } from "../lifecycle/runtime";
import { lookupSecretProperties } from "../lifecycle/secrecy";
import { FUNCTION_TOKENS } from "../package/identity";
import { lookupCommands } from "./commands-lookup";
import { lookupInvocations } from "./invocations-lookup";
import { checkCommandsArgs, checkInvocationsArgs } from "./lookup-schema";
import type { GetEcsCommandsResult, GetEcsInvocationsResult } from "./lookup-types";

/** How long one lookup may take, every page and retry included. */
const LOOKUP_TIMEOUT_MS = 2 * 60_000;

interface Lookup<R> {
  run(args: unknown): Promise<R>;
  /** Top-level result properties kept secret (the one secrecy rule, lifecycle/secrecy). */
  secrets(result: R): string[];
}

const deadline = (): number => runtime().timing.now() + LOOKUP_TIMEOUT_MS;
const regionOf = (args: { regionId?: string }): string | undefined => args.regionId;

export const LOOKUPS: Record<string, Lookup<GetEcsCommandsResult> | Lookup<GetEcsInvocationsResult>> = {
  [FUNCTION_TOKENS.commands]: {
    async run(raw) {
      const args = checkCommandsArgs(raw);
      return lookupCommands(runtime().api(regionOf(args)), args, deadline());
    },
    secrets: () => [],
  } satisfies Lookup<GetEcsCommandsResult>,
  [FUNCTION_TOKENS.invocations]: {
    async run(raw) {
      const args = checkInvocationsArgs(raw);
      return lookupInvocations(runtime().api(regionOf(args)), args, deadline());
    },
    secrets: lookupSecretProperties,
  } satisfies Lookup<GetEcsInvocationsResult>,
};

/** Runs the lookup `token` names; its result and which of its properties are secret. */
export async function runLookup(token: string, args: unknown): Promise<{ result: object; secrets: string[] }> {
  const lookup = LOOKUPS[token] as Lookup<object> | undefined;
  if (!lookup) throw new Error(`This provider serves the functions ${Object.keys(LOOKUPS).join(" and ")}, not ${token}.`);
  const result = await lookup.run(args);
  return { result, secrets: lookup.secrets(result) };
}
