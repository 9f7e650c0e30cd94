import { commandHandlers } from "./commands";
import type { Handler } from "./context";
import { instanceHandlers } from "./instances";
import { invocationHandlers } from "./invocations";
import { modifyInvocationHandlers } from "./modify-invocation";
import { tagHandlers } from "./tags";

/** Every action the emulator serves; anything else is `InvalidAction.NotFound`. */
export const handlers: Readonly<Record<string, Handler>> = {
  ...commandHandlers,
  ...invocationHandlers,
  ...modifyInvocationHandlers,
  ...instanceHandlers,
  ...tagHandlers,
};
