import type * as pulumi from "@pulumi/pulumi";

type Provider = Required<Pick<pulumi.dynamic.ResourceProvider, "configure" | "check" | "diff" | "create" | "read" | "update" | "delete">>;

/**
 * A dynamic provider whose lifecycle module is loaded on its first call. The modules of this folder
 * are what `__provider` requires (see ../providers): the program that declares resources loads
 * only them, never the lifecycle (its rules, zod, the cloud glue), which only the provider host runs.
 */
export function lazyProvider(load: () => Provider): Provider {
  return {
    configure: (request) => load().configure(request),
    check: (olds, news) => load().check(olds, news),
    diff: (id, olds, news) => load().diff(id, olds, news),
    create: (inputs) => load().create(inputs),
    read: (id, props) => load().read(id, props),
    update: (id, olds, news) => load().update(id, olds, news),
    delete: (id, props) => load().delete(id, props),
  };
}
