// The breakdown's measure of the SDK's cost per declared property: N no-op dynamic resources like
// bench/programs/noop, but with EcsInvocation's shape — the same inputs given (commandId,
// instanceIds, timeout) and every one of its properties declared as an output, the names read
// from the package's schema (not from the package: its code is not loaded). What this costs beyond
// the narrow no-op is the @pulumi/pulumi SDK's, per property of a resource; what the provider
// costs beyond this is its own.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as pulumi from "@pulumi/pulumi";

const schemaFile = join(dirname(require.resolve("pulumi-ecs-invocation/package.json")), "package", "schema.json");
const schema = JSON.parse(readFileSync(schemaFile, "utf8")) as { resources: Record<string, { properties: Record<string, unknown> }> };
const resource = Object.entries(schema.resources).find(([token]) => token.endsWith(":EcsInvocation"))![1];
const declared = Object.keys(resource.properties);

const noop: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `noop-${inputs.index}-${inputs.timeout}`, outs: inputs };
  },
  async diff(_id, olds, news) {
    const replace = olds.timeout !== news.timeout;
    return { changes: replace, replaces: replace ? ["timeout"] : [], deleteBeforeReplace: true };
  },
  async read(id, props) {
    return { id, props };
  },
  async delete() {},
};

class WideNoop extends pulumi.dynamic.Resource {
  constructor(name: string, args: Record<string, unknown>) {
    super(noop, name, { ...Object.fromEntries(declared.map((key) => [key, undefined])), ...args }, {}, "bench:WideNoop");
  }
}

const config = new pulumi.Config();
const count = config.requireNumber("count");
const commandId = config.require("commandId");
const timeout = config.requireNumber("timeout");
export const ids = Array.from(
  { length: count },
  (_, index) => new WideNoop(`run-${index}`, { index, commandId, instanceIds: ["i-linux0000000000001"], timeout }).id,
);
