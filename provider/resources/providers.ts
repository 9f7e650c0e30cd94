import type * as pulumi from "@pulumi/pulumi";
import * as commandLifecycle from "../lifecycle/command-lifecycle";
import * as fileLifecycle from "../lifecycle/file-lifecycle";
import * as invocationLifecycle from "../lifecycle/invocation-lifecycle";

/*
 * Pulumi serializes a dynamic resource's provider into its state as `__provider` (inputs and
 * outputs both), and the engine writes the whole state after every step: its size is paid per
 * resource, per step. Each provider here is its lifecycle module itself — which exports the
 * provider's methods under their names, `delete` included — so the serialized code is one
 * `require("pulumi-ecs-invocation/dist/provider/lifecycle/…")` of the installed module (about 300
 * bytes, against 2 KB for an object of seven one-line methods). Resources created by an older
 * version keep their shim, which calls the same module: they run the installed (fixed) code on
 * refresh and destroy.
 */

export const invocationProvider: pulumi.dynamic.ResourceProvider = invocationLifecycle satisfies pulumi.dynamic.ResourceProvider;
export const commandProvider: pulumi.dynamic.ResourceProvider = commandLifecycle satisfies pulumi.dynamic.ResourceProvider;
export const fileProvider: pulumi.dynamic.ResourceProvider = fileLifecycle satisfies pulumi.dynamic.ResourceProvider;
