import type { CheckFailure } from "../schema/check-failures";
import type { InvocationInputs, invocationSchemaFor } from "../schema/invocation-schema";

type InvocationSchema = ReturnType<typeof invocationSchemaFor>;

/**
 * The rules (zod and the schema built on it) load on the first check: refresh, destroy and every
 * step but check never need them, and loading them took about 80 ms of each plugin start.
 */
interface Rules {
  failures: typeof import("../schema/check-failures");
  schema: typeof import("../schema/invocation-schema");
}
let loaded: Rules | undefined;
const rules = (): Rules => {
  loaded ??= { failures: require("../schema/check-failures"), schema: require("../schema/invocation-schema") };
  return loaded;
};

/**
 * The schema of each clock and clock setting, built once: building one costs far more than a check
 * (zod compiles an object schema on its first parse), and a stack checks every invocation.
 */
const schemas = new WeakMap<() => number, Map<boolean, InvocationSchema>>();

function schemaFor(clockChecks: boolean, now: () => number): InvocationSchema {
  const byClock = schemas.get(now) ?? new Map<boolean, InvocationSchema>();
  schemas.set(now, byClock);
  const schema = byClock.get(clockChecks) ?? rules().schema.invocationSchemaFor({ clockChecks, now });
  byClock.set(clockChecks, schema);
  return schema;
}

/**
 * Check for EcsInvocation. A schedule that is deployed and unchanged is not held to rules tied to
 * the clock: once its `at()` time passes it would otherwise fail every later preview of the stack.
 */
export function checkInvocation(olds: Partial<InvocationInputs>, news: Partial<InvocationInputs>, now: () => number = Date.now): CheckFailure[] {
  const scheduleDeployed = olds.frequency !== undefined && olds.frequency === news.frequency;
  return rules().failures.checkWith(schemaFor(!scheduleDeployed, now), news);
}
