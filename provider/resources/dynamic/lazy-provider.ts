import type * as pulumi from "@pulumi/pulumi";
import { flushedAfter, loadWithCompileCache } from "./compile-cache";

type Provider = Required<Pick<pulumi.dynamic.ResourceProvider, "configure" | "check" | "diff" | "create" | "read" | "update" | "delete">>;

/**
 * A dynamic provider whose lifecycle module is loaded on its first call. The modules of this folder
 * are what `__provider` requires (see ../providers): the program that declares resources loads
 * only them, never the lifecycle (its rules, zod, the cloud glue), which only the provider host runs
 * — compiled once per project, not per command (see compile-cache).
 */
export function lazyProvider(load: () => Provider): Provider {
  let loaded: Provider | undefined;
  const lifecycle = (): Provider => (loaded ??= loadWithCompileCache(load));
  return {
    configure: (request) => flushedAfter(lifecycle().configure(request)),
    check: (olds, news) => flushedAfter(lifecycle().check(olds, news)),
    diff: (id, olds, news) => flushedAfter(lifecycle().diff(id, olds, news)),
    create: (inputs) => flushedAfter(lifecycle().create(inputs)),
    read: (id, props) => flushedAfter(lifecycle().read(id, props)),
    update: (id, olds, news) => flushedAfter(lifecycle().update(id, olds, news)),
    delete: (id, props) => flushedAfter(lifecycle().delete(id, props)),
  };
}
