import type * as pulumi from "@pulumi/pulumi";
import * as commandLifecycle from "../lifecycle/command-lifecycle";
import * as fileLifecycle from "../lifecycle/file-lifecycle";
import * as invocationLifecycle from "../lifecycle/invocation-lifecycle";

/*
 * Pulumi serializes these objects into every resource's state as `__provider`. Each method only
 * delegates to a lifecycle module that is resolved from node_modules, so the serialized code is a
 * thin `require("pulumi-ecs-invocation/…")` shim: state stays small, and resources created by an
 * older version run the installed (fixed) code on refresh and destroy. Keep these bodies one line.
 */

export const invocationProvider: pulumi.dynamic.ResourceProvider = {
  configure: (request) => invocationLifecycle.configure(request),
  check: (olds, news) => invocationLifecycle.check(olds, news),
  diff: (id, olds, news) => invocationLifecycle.diff(id, olds, news),
  create: (inputs) => invocationLifecycle.create(inputs),
  read: (id, props) => invocationLifecycle.read(id, props) as Promise<pulumi.dynamic.ReadResult>,
  update: (id, olds, news) => invocationLifecycle.update(id, olds, news),
  delete: (id, props) => invocationLifecycle.remove(id, props),
};

export const commandProvider: pulumi.dynamic.ResourceProvider = {
  configure: (request) => commandLifecycle.configure(request),
  check: (olds, news) => commandLifecycle.check(olds, news),
  diff: (id, olds, news) => commandLifecycle.diff(id, olds, news),
  create: (inputs) => commandLifecycle.create(inputs),
  read: (id, props) => commandLifecycle.read(id, props),
  update: (id, olds, news) => commandLifecycle.update(id, olds, news),
  delete: (id, props) => commandLifecycle.remove(id, props),
};

export const fileProvider: pulumi.dynamic.ResourceProvider = {
  configure: (request) => fileLifecycle.configure(request),
  check: (olds, news) => fileLifecycle.check(olds, news),
  diff: (id, olds, news) => fileLifecycle.diff(id, olds, news),
  create: (inputs) => fileLifecycle.create(inputs),
  read: (id, props) => fileLifecycle.read(id, props),
  update: (id, olds, news) => fileLifecycle.update(id, olds, news),
  delete: (id, props) => fileLifecycle.remove(id, props),
};
