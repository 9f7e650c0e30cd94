/** EcsFile's dynamic provider, as `__provider` requires it (see lazy-provider). */
import { lazyProvider } from "./lazy-provider";

export const {
  configure,
  check,
  diff,
  create,
  read,
  update,
  delete: remove,
} = lazyProvider(() => require("../../lifecycle/file-lifecycle") as typeof import("../../lifecycle/file-lifecycle"));
export { remove as delete };
