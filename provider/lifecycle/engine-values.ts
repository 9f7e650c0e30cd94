import { type StepArguments, withLogsDelivered } from "./engine-progress";
import { PartialFailure } from "./partial-failure";
import type { ResourceLifecycle } from "./step-context";

/**
 * The engine's wire format (protobuf Struct) has no `undefined`: a result holding one fails the
 * step with "Unexpected struct type", on every path the provider is served by. Every value a
 * lifecycle step hands the engine goes through here: an `undefined` property is left out (absent
 * is what it means), an `undefined` list item becomes `null` (a list keeps its positions).
 */
export function engineValue<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : clean(item)));
  if (value === null || typeof value !== "object" || !isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) out[key] = clean(item);
  }
  return out;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A lifecycle step whose results (and a partial failure's recorded properties) are safe for the
 * engine, and whose messages have reached it when it returns. Wrap every step that returns
 * properties: create, read, update.
 */
export function engineStep<A extends StepArguments, R>(step: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return withLogsDelivered(async (...args: A): Promise<R> => {
    try {
      return engineValue(await step(...args));
    } catch (error) {
      if (error instanceof PartialFailure) throw new PartialFailure(error.message, error.id, engineValue(error.properties));
      throw error;
    }
  });
}

/**
 * A resource's steps as the engine gets them: those that hand it properties (create, read,
 * update) return values safe for its wire format, and every step returns only once the messages
 * it sent have reached the engine.
 */
export function engineLifecycle<I extends object, O extends object>(steps: ResourceLifecycle<I, O>): ResourceLifecycle<I, O> {
  return {
    check: withLogsDelivered(steps.check),
    diff: withLogsDelivered(steps.diff),
    create: engineStep(steps.create),
    read: engineStep(steps.read),
    update: engineStep(steps.update),
    remove: withLogsDelivered(steps.remove),
  };
}
