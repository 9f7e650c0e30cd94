/** EcsCommand's dynamic provider, as `__provider` requires it (see lazy-provider). */
import { lazyProvider } from "./lazy-provider";

export const {
  configure,
  check,
  diff,
  create,
  read,
  update,
  delete: remove,
} = lazyProvider(() => require("../../lifecycle/command-lifecycle") as typeof import("../../lifecycle/command-lifecycle"));
export { remove as delete };
