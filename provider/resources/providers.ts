import type * as pulumi from "@pulumi/pulumi";
import { commandHost, invocationHost } from "./dynamic-host";

/*
 * Pulumi serializes these objects into every resource's state as `__provider`. Each method only
 * delegates to the dynamic host (dynamic-host), a module resolved from node_modules, so the
 * serialized code is a thin `require("pulumi-ecs-invocation/…")` shim: state stays small, and
 * resources created by an older version run the installed (fixed) code on refresh and destroy.
 * Keep these bodies one line.
 */

export const invocationProvider: pulumi.dynamic.ResourceProvider = {
  configure: (request) => invocationHost.configure(request),
  check: (olds, news) => invocationHost.check(olds, news),
  diff: (id, olds, news) => invocationHost.diff(id, olds, news),
  create: (inputs) => invocationHost.create(inputs),
  read: (id, props) => invocationHost.read(id, props),
  update: (id, olds, news) => invocationHost.update(id, olds, news),
  delete: (id, props) => invocationHost.delete(id, props),
};

export const commandProvider: pulumi.dynamic.ResourceProvider = {
  configure: (request) => commandHost.configure(request),
  check: (olds, news) => commandHost.check(olds, news),
  diff: (id, olds, news) => commandHost.diff(id, olds, news),
  create: (inputs) => commandHost.create(inputs),
  read: (id, props) => commandHost.read(id, props),
  update: (id, olds, news) => commandHost.update(id, olds, news),
  delete: (id, props) => commandHost.delete(id, props),
};
