// The dynamic path's floor for P1: N no-op dynamic resources registered as the package's
// EcsInvocation registers them — the same inputs (commandId, instanceIds, timeout, secretOutput and
// the `__urn` it passes), the same outputs declared (`declared`, from the package's class), no
// promise stacks — each storing what an invocation of the benchmark's instant command stores:
// outputs built by bench/noop-plugin/stored (the lifecycle's own functions), with no rule, no
// call and no wait. The engine writes the whole state after every step and the dynamic provider
// host decodes every property of every message, so what each resource stores is the engine's and
// the host's work; what an invocation takes beyond this floor is the provider's own.
import { dirname, join } from "node:path";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const count = config.requireNumber("count");
const commandId = config.require("commandId");
// Changing it replaces every resource, as it replaces every invocation.
const timeout = config.requireNumber("timeout");
/** The outputs the package's class declares (registered as undefined, so Pulumi resolves them). */
const declared = config.requireObject<string[]>("declared");

// Its provider module (./provider.ts), bundled where the examples' modules are installed: Pulumi
// serializes a module of node_modules as one `require` of it, as it does the package's providers.
const installed = join(dirname(require.resolve("pulumi-ecs-invocation/package.json")), "..");
const noop = require(join(installed, ".cache", "pulumi-ecs-invocation-bench", "noop-stored-provider.js")) as pulumi.dynamic.ResourceProvider;

const MODULE = "bench";
const TYPE = "InvocationNoop";

class InvocationNoop extends pulumi.dynamic.Resource {
  constructor(name: string, args: Record<string, unknown>) {
    // The URN as the package's resource class passes it (provider/resources/engine-urn).
    const __urn = `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::pulumi-nodejs:dynamic/${MODULE}:${TYPE}::${name}`;
    // Registered without the SDK's promise stacks, as the package's class (provider/resources/registration-stacks).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(noop, name, { ...Object.fromEntries(declared.map((key) => [key, undefined])), ...args, __urn }, {}, MODULE, TYPE);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}

export const ids = Array.from(
  { length: count },
  (_, index) => new InvocationNoop(`run-${index}`, { commandId, instanceIds: ["i-linux0000000000001"], secretOutput: false, timeout }).id,
);
