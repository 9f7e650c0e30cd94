/**
 * The provider of the dynamic floor storing invocations (index.ts): a module, as the package's
 * dynamic providers are (provider/resources/providers), so that what Pulumi serializes into each
 * resource's state is one `require` of it (bench/engine-overhead bundles it into the examples'
 * node_modules/.cache). It builds an invocation's outputs with bench/noop-plugin/stored; without
 * `read` the host hands back what is stored, without `delete` it does nothing.
 */
import { likeAnInvocation, type Values } from "../../noop-plugin/stored";

export async function create(inputs: Values): Promise<{ id: string; outs: Values }> {
  return likeAnInvocation(inputs);
}

/** Every input but `timeout` is the same for the whole run: a new timeout replaces, as it replaces an invocation. */
export async function diff(_id: string, olds: Values, news: Values) {
  const replace = olds["timeout"] !== news["timeout"];
  return { changes: replace, replaces: replace ? ["timeout"] : [], deleteBeforeReplace: true };
}
