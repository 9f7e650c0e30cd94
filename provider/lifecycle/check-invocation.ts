import { type CheckFailure, checkWith } from "../schema/check-failures";
import { type InvocationInputs, invocationSchemaFor } from "../schema/invocation-schema";

/**
 * Check for EcsInvocation. A schedule that is deployed and unchanged is not held to rules tied to
 * the clock: once its `at()` time passes it would otherwise fail every later preview of the stack.
 */
export function checkInvocation(olds: Partial<InvocationInputs>, news: Partial<InvocationInputs>, now: () => number = Date.now): CheckFailure[] {
  const scheduleDeployed = olds.frequency !== undefined && olds.frequency === news.frequency;
  return checkWith(invocationSchemaFor({ clockChecks: !scheduleDeployed, now }), news);
}
