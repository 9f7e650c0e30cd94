import { type CheckFailure, checkWith } from "../schema/check-failures";
import { type InvocationInputs, invocationSchemaFor } from "../schema/invocation-schema";

type Inputs = Partial<InvocationInputs> & { __provider?: string; __urn?: string };

/**
 * Check for EcsInvocation. A schedule that is deployed and unchanged is not held to rules tied to
 * the clock: once its `at()` time passes it would otherwise fail every later preview of the stack.
 */
export function checkInvocation(olds: Inputs, news: Inputs, now: () => number = Date.now): CheckFailure[] {
  const { __provider: _provider, __urn: _urn, ...inputs } = news;
  const scheduleDeployed = olds.frequency !== undefined && olds.frequency === news.frequency;
  return checkWith(invocationSchemaFor({ clockChecks: !scheduleDeployed, now }), inputs);
}
