// A program whose resources come from the stack config `spec`, so one program serves every
// end-to-end scenario: each step changes the config and runs the real Pulumi CLI again.
import * as pulumi from "@pulumi/pulumi";
import type { EcsCommandArgs, EcsFileArgs, EcsInvocationArgs, GetEcsCommandsArgs, GetEcsInvocationsArgs } from "pulumi-ecs-invocation";

interface Spec {
  commands?: Record<string, EcsCommandArgs>;
  /** Files; a `content` of "$secret:<key>" comes from secret config. */
  files?: Record<string, { args: EcsFileArgs; customTimeouts?: pulumi.CustomTimeouts }>;
  /** Lookups, each through the Output form (`…Output`) and, with `plain`, the Promise form too. */
  lookups?: { commands?: GetEcsCommandsArgs; invocations?: GetEcsInvocationsArgs; plain?: boolean };
  invocations?: Record<string, { args: EcsInvocationArgs; customTimeouts?: pulumi.CustomTimeouts; import?: string; count?: number }>;
}

const config = new pulumi.Config();
const spec = config.requireObject<Spec>("spec");
// `sdk: package` runs the same scenarios through the provider package's generated SDK and plugin.
const sdk: typeof import("pulumi-ecs-invocation") =
  config.get("sdk") === "package" ? require("@pulumi-ecs-invocation/alicloud-ecs-invocation") : require("pulumi-ecs-invocation");
const { EcsCommand, EcsFile, EcsInvocation } = sdk;
const commands: Record<string, EcsCommand> = {};
for (const [name, args] of Object.entries(spec.commands ?? {})) commands[name] = new EcsCommand(name, args);

/** Parameters whose "$secret:<key>" values come from secret stack config, as a user would pass them. */
function fromConfig(parameters: unknown): Record<string, pulumi.Input<string>> | undefined {
  if (parameters === undefined) return undefined;
  return Object.fromEntries(
    Object.entries(parameters as Record<string, unknown>).map(([key, value]) => [
      key,
      String(value).startsWith("$secret:") ? config.requireSecret(String(value).slice(8)) : String(value),
    ]),
  );
}

const results: Record<string, pulumi.Output<unknown>> = {};
for (const [name, entry] of Object.entries(spec.invocations ?? {})) {
  for (let i = 0; i < (entry.count ?? 1); i++) {
    const resourceName = entry.count ? `${name}-${i}` : name;
    // "$name" refers to a command of the spec; an inline script (commandContent) has no commandId.
    const commandId = entry.args.commandId === undefined ? undefined : String(entry.args.commandId);
    const parameters = fromConfig(entry.args.parameters);
    const cleanup = entry.args.onDelete as { parameters?: unknown } | undefined;
    const onDelete = cleanup?.parameters === undefined ? cleanup : { ...cleanup, parameters: fromConfig(cleanup.parameters) };
    const args = { ...entry.args, parameters, onDelete, commandId: commandId?.startsWith("$") ? commands[commandId.slice(1)]!.id : commandId };
    const invocation = new EcsInvocation(resourceName, args, { customTimeouts: entry.customTimeouts, import: entry.import });
    results[resourceName] = pulumi
      .all([invocation.id, invocation.status, invocation.instances, invocation.parameters])
      .apply(([id, status, instances, parameters]) => ({ id, status, instances, parameters }));
  }
}
export const invocations = results;
// `get` reads existing invocations by id (config `gets`: name → id).
const gets = config.getObject<Record<string, string>>("gets") ?? {};
export const read = Object.fromEntries(Object.entries(gets).map(([name, id]) => [name, EcsInvocation.get(name, id).status]));
export const commandIds = Object.fromEntries(Object.entries(commands).map(([name, command]) => [name, command.id]));

const files: Record<string, pulumi.Output<unknown>> = {};
for (const [name, entry] of Object.entries(spec.files ?? {})) {
  const content = String(entry.args.content);
  const args = { ...entry.args, content: content.startsWith("$secret:") ? config.requireSecret(content.slice(8)) : content };
  const file = new EcsFile(name, args, { customTimeouts: entry.customTimeouts });
  files[name] = pulumi
    .all([file.id, file.status, file.instances, file.contentSha256])
    .apply(([id, status, instances, contentSha256]) => ({ id, status, instances, contentSha256 }));
}
export const sentFiles = files;

const lookups = spec.lookups ?? {};
export const foundCommands = lookups.commands && sdk.getEcsCommandsOutput(lookups.commands);
export const foundInvocations = lookups.invocations && sdk.getEcsInvocationsOutput(lookups.invocations);
export const foundCommandsPlain = lookups.plain && lookups.commands ? sdk.getEcsCommands(lookups.commands).then((r) => r.names) : undefined;
