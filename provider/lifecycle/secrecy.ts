/**
 * The one secrecy rule of an EcsInvocation, used by the resource class, the plugin and the
 * lifecycle alike: which properties are stored as secrets, and whether what the command printed
 * may be shown (live output, failure messages, schedule warnings).
 */
import { SECRET_INPUTS } from "../schema/invocation-fields";

/** The inputs the rule reads; a value may still be an unresolved Output in the resource class. */
export interface SecrecyInputs {
  secretOutput?: unknown;
  parameters?: unknown;
  onDelete?: unknown;
}

/**
 * Whether what the command prints is secret: `secretOutput` when set, else true when `parameters`
 * is set (a command may print what it was given).
 */
export function keepsOutputSecret(inputs: SecrecyInputs): boolean {
  return typeof inputs.secretOutput === "boolean" ? inputs.secretOutput : inputs.parameters !== undefined && inputs.parameters !== null;
}

/** Outputs whose values are the command's output: secret when keepsOutputSecret. */
export const COMMAND_OUTPUT_PROPERTIES = ["instances", "schedule"] as const;

/**
 * Every property stored as a secret: the secret inputs (parameters), the command's output under
 * keepsOutputSecret, and `onDelete` when its cleanup has parameters (or is not known yet, in the
 * resource class, where it might).
 */
export function secretProperties(inputs: SecrecyInputs, onDeleteHoldsSecret = holdsParameters(inputs.onDelete)): string[] {
  return [...SECRET_INPUTS, ...(keepsOutputSecret(inputs) ? COMMAND_OUTPUT_PROPERTIES : []), ...(onDeleteHoldsSecret ? ["onDelete"] : [])];
}

function holdsParameters(value: unknown): boolean {
  return value !== null && typeof value === "object" && (value as Record<string, unknown>)["parameters"] !== undefined;
}

/**
 * The same rule for what getEcsInvocations returns: the invocations (with their output) are secret
 * when any of them ran with parameters.
 */
export function lookupSecretProperties(result: { invocations?: readonly { hasParameters: boolean }[] }): string[] {
  return result.invocations?.some((i) => i.hasParameters) ? ["invocations"] : [];
}
