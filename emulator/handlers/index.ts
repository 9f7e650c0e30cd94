import { BILLING_API_VERSION, billingHandlers } from "./billing";
import { commandHandlers } from "./commands";
import type { Handler } from "./context";
import { fileHandlers } from "./files";
import { instanceHandlers } from "./instances";
import { invocationHandlers } from "./invocations";
import { modifyInvocationHandlers } from "./modify-invocation";
import { tagHandlers } from "./tags";

/** Every action the emulator serves; anything else is `InvalidAction.NotFound`. */
export const handlers: Readonly<Record<string, Handler>> = {
  ...commandHandlers,
  ...invocationHandlers,
  ...fileHandlers,
  ...modifyInvocationHandlers,
  ...instanceHandlers,
  ...tagHandlers,
  ...billingHandlers,
};

/** Actions of another product's API, which carry that product's version. */
const OTHER_VERSIONS: Readonly<Record<string, string>> = Object.fromEntries(Object.keys(billingHandlers).map((action) => [action, BILLING_API_VERSION]));

/** The API version a request for `action` must carry: ECS's, or its own product's. */
export function apiVersionOf(action: string, ecsVersion: string): string {
  return OTHER_VERSIONS[action] ?? ecsVersion;
}

/** The actions of the ECS API (2014-05-26), which the SDK's request and response models describe. */
export const ecsActions: readonly string[] = Object.keys(handlers).filter((action) => !(action in OTHER_VERSIONS));
