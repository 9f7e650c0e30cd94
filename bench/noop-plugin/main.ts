/**
 * The plugin path's floor for P1: the provider plugin's own server (provider/plugin/provider-server)
 * serving `EcsInvocation` with the same inputs and outputs — read from the package's schema, so
 * the program, its SDK and every message between the engine and the plugin are the same as the
 * real plugin's — but no lifecycle behind it: no rule checked, no cloud call, no wait. Every input
 * replaces, delete before replace, as the no-op dynamic resource (bench/programs/noop). What the
 * real plugin takes beyond this floor is ours; the floor itself is the engine's, the SDK's and the
 * server's. Built as the released plugin is — one executable, the version and schema its assets
 * (bench/engine-overhead) — and started by the engine as the real plugin is.
 *
 * With BENCH_NOOP_PLUGIN_STORES=invocation in its environment, each resource stores what an
 * invocation of the benchmark's instant command stores — its outputs built by the lifecycle's own
 * functions from a finished run, an id of an invokeId's length — still with no call and no wait:
 * the engine's cost of an invocation's state (it writes the whole state after every step), measured
 * apart from the plugin's own.
 */
import { changed } from "../../provider/lifecycle/changes";
import type { ResourceLifecycle } from "../../provider/lifecycle/step-context";
import { TOKENS } from "../../provider/package/identity";
import { exitWithEngine } from "../../provider/plugin/engine-watch";
import { packageFiles } from "../../provider/plugin/package-files";
import { serve } from "../../provider/plugin/provider-server";
import type { ResourceKind } from "../../provider/plugin/resource-kind";
import { inputsOnly, likeAnInvocation, type Stored, type Values } from "./stored";

interface SchemaResource {
  inputProperties?: Record<string, unknown>;
  properties?: Record<string, unknown>;
}

function noopKind(resource: SchemaResource, stored: Stored): ResourceKind {
  const inputs = Object.keys(resource.inputProperties ?? {});
  const computed = Object.keys(resource.properties ?? {}).filter((key) => !inputs.includes(key));
  const lifecycle: ResourceLifecycle<Values, Values> = {
    check: async (_ctx, _olds, news) => ({ inputs: news, failures: [] }),
    diff: async (_ctx, _id, olds, news) => {
      const replaces = inputs.filter((key) => changed(olds[key], news[key]));
      return { changes: replaces.length > 0, replaces, deleteBeforeReplace: true };
    },
    create: async (_ctx, values) => stored(values),
    read: async (_ctx, id, props) => ({ id, props }),
    update: async (_ctx, _id, _olds, news) => ({ outs: news }),
    remove: async () => {},
  };
  return { lifecycle: lifecycle as ResourceLifecycle<object, object>, secretOutputs: () => [], computed, inputs };
}

async function main(): Promise<void> {
  const { version, schema } = packageFiles();
  const resources = (JSON.parse(schema) as { resources: Record<string, SchemaResource> }).resources;
  const stores = process.env["BENCH_NOOP_PLUGIN_STORES"];
  if (stores !== undefined && stores !== "invocation") throw new Error(`BENCH_NOOP_PLUGIN_STORES is "invocation" or unset, not ${JSON.stringify(stores)}`);
  const invocation = noopKind(resources[TOKENS.invocation]!, stores === "invocation" ? likeAnInvocation : inputsOnly);
  const kinds = { [TOKENS.invocation]: () => invocation };
  const port = await serve(version, schema, {
    kinds,
    invoke: async (token) => {
      throw new Error(`the no-op floor serves no functions (${token})`);
    },
  });
  process.stdout.write(`${port}\n`);
  exitWithEngine();
}

main().catch((error: unknown) => {
  process.stderr.write(`no-op plugin: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
