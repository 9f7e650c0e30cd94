/** EcsInvocation's dynamic provider, as `__provider` requires it (see lazy-provider). */
import { lazyProvider } from "./lazy-provider";

export const {
  configure,
  check,
  diff,
  create,
  read,
  update,
  delete: remove,
} = lazyProvider(() => require("../../lifecycle/invocation-lifecycle") as typeof import("../../lifecycle/invocation-lifecycle"));
export { remove as delete };
