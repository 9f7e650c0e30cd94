/**
 * The data sources of the TypeScript module, shaped as every Pulumi SDK shapes functions: a plain
 * form that answers a Promise, and an `…Output` form that takes Inputs and answers an Output (secret
 * when the result holds a secret). They run in the program's own process, with the stack's
 * `alicloud:*` configuration, and call the same lookups the plugin's Invoke does (lookups/lookups).
 */
import * as pulumi from "@pulumi/pulumi";
import { useStackConfig } from "../cloud/settings";
import type { GetEcsCommandsArgs, GetEcsCommandsResult, GetEcsInvocationsArgs, GetEcsInvocationsResult } from "../lookups/lookup-types";
import { FUNCTION_TOKENS } from "../package/identity";

export type * from "../lookups/lookup-types";

/** A value a program may pass later: lists and maps of Inputs too. */
type InputOf<V> = V extends (infer E)[]
  ? pulumi.Input<pulumi.Input<E>[]>
  : V extends Record<string, string>
    ? pulumi.Input<Record<string, pulumi.Input<string>>>
    : pulumi.Input<V>;

/** Every field of `T` may be an Input, as generated SDKs type their functions' `…OutputArgs`. */
export type Inputs<T> = { [K in keyof T]?: InputOf<NonNullable<T[K]>> };

async function lookup<R extends object>(token: string, args: object): Promise<{ result: R; secret: boolean }> {
  // The program's configuration (`pulumi config set alicloud:region …`), read as the provider reads it.
  useStackConfig({ get: (key) => pulumi.runtime.getConfig(key) });
  // Loaded on the first lookup: a program that makes none never loads the lookups (their rules, zod).
  const { runLookup } = require("../lookups/lookups") as typeof import("../lookups/lookups");
  const { result, secrets } = await runLookup(token, args);
  return { result: result as R, secret: secrets.length > 0 };
}

/**
 * Commands by name, type, tags or provider, as Terraform's `alicloud_ecs_commands` data source and
 * @pulumi/alicloud's `getEcsCommands` find them, e.g. a public command by name instead of its id:
 *
 * ```ts
 * const update = await getEcsCommands({ commandProvider: "AlibabaCloud", name: "ACS-ECS-UpdateAgent", latest: true });
 * ```
 * Nothing found is an empty list, never an error.
 */
export async function getEcsCommands(args: GetEcsCommandsArgs = {}): Promise<GetEcsCommandsResult> {
  return (await lookup<GetEcsCommandsResult>(FUNCTION_TOKENS.commands, args)).result;
}

/** `getEcsCommands` taking Inputs (an id another resource creates) and answering an Output. */
export function getEcsCommandsOutput(args: Inputs<GetEcsCommandsArgs> = {}): pulumi.Output<GetEcsCommandsResult> {
  return pulumi.output(args).apply(async (plain) => (await getEcsCommands(plain as GetEcsCommandsArgs)) as pulumi.Unwrap<GetEcsCommandsResult>);
}

/**
 * Invocations by id, command, status, tags or instance, with each instance's status, exit code and
 * output (its tail: `outputTailBytes`), as Terraform's `alicloud_ecs_invocations` finds them. The
 * plain form hands the values over; `getEcsInvocationsOutput` keeps them secret when any invocation
 * ran with parameters. Nothing found is an empty list, never an error.
 */
export async function getEcsInvocations(args: GetEcsInvocationsArgs = {}): Promise<GetEcsInvocationsResult> {
  return (await lookup<GetEcsInvocationsResult>(FUNCTION_TOKENS.invocations, args)).result;
}

/** `getEcsInvocations` taking Inputs and answering an Output: secret when any invocation ran with parameters. */
export function getEcsInvocationsOutput(args: Inputs<GetEcsInvocationsArgs> = {}): pulumi.Output<GetEcsInvocationsResult> {
  return pulumi.output(args).apply(async (plain) => {
    const { result, secret } = await lookup<GetEcsInvocationsResult>(FUNCTION_TOKENS.invocations, plain);
    return (secret ? pulumi.secret(result) : result) as pulumi.Output<GetEcsInvocationsResult>;
  }) as unknown as pulumi.Output<GetEcsInvocationsResult>;
}
