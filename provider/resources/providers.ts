import type * as pulumi from "@pulumi/pulumi";
import * as commandModule from "./dynamic/command";
import * as fileModule from "./dynamic/file";
import * as invocationModule from "./dynamic/invocation";

/*
 * Pulumi serializes a dynamic resource's provider into its state as `__provider` (inputs and
 * outputs both), and the engine writes the whole state after every step: its size is paid per
 * resource, per step. Each provider here is a module of ./dynamic itself — exporting the provider's
 * methods under their names, `delete` included — so the serialized code is one
 * `require("pulumi-ecs-invocation/dist/provider/resources/dynamic/…")` of the installed module
 * (about 300 bytes, against 2 KB for an object of seven one-line methods), and the program loads
 * no lifecycle. Resources created by an older version keep their shim, which calls the lifecycle
 * module directly: they run the installed (fixed) code on refresh and destroy.
 */

export const invocationProvider = invocationModule satisfies pulumi.dynamic.ResourceProvider;
export const commandProvider = commandModule satisfies pulumi.dynamic.ResourceProvider;
export const fileProvider = fileModule satisfies pulumi.dynamic.ResourceProvider;
