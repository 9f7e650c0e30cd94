/**
 * Writes the TypeScript program that declares existing commands and invocations exactly as the
 * cloud reports them, each with the `import` option: `pulumi up` adopts them (nothing runs), and
 * nothing differs afterwards. Parameter values are secrets: the program reads them from secret
 * stack config, whose keys the header lists, instead of holding them in plain text.
 */
import type { CommandView, InvocationView } from "../cloud/ecs-api";
import { userTags } from "../lifecycle/run-identity";
import { identifiersFor } from "./identifiers";

export interface Generated {
  command: CommandView;
  /** The resource name in the program. */
  name: string;
}

export interface GeneratedInvocation {
  invocation: InvocationView;
  name: string;
}

const literal = (value: unknown): string => JSON.stringify(value);

/** The command's content as the program writes it: text when it is text, Base64 otherwise. */
function content(base64: string): { commandContent: string; contentEncoding?: "Base64" } {
  const bytes = Buffer.from(base64, "base64");
  const text = bytes.toString("utf8");
  return Buffer.from(text, "utf8").equals(bytes) ? { commandContent: text } : { commandContent: base64, contentEncoding: "Base64" };
}

/** TypeScript source written as is (a reference to another resource, a config read), not as a literal. */
class Code {
  constructor(readonly source: string) {}
}

const code = (source: string): Code => new Code(source);

/** `key: value,` lines for the fields that carry a value (empty strings, lists and maps are left out). */
function fields(entries: [string, unknown][]): string {
  const empty = (value: unknown) =>
    value === undefined || value === "" || (typeof value === "object" && !(value instanceof Code) && Object.keys(value as object).length === 0);
  return entries
    .filter(([, value]) => !empty(value))
    .map(([key, value]) => `  ${key}: ${value instanceof Code ? value.source : literal(value)},`)
    .join("\n");
}

export function writeProgram(commands: Generated[], invocations: GeneratedInvocation[], origin: string): { program: string; secretKeys: string[] } {
  // An invocation's variable also names its status export (`<variable>Status`).
  const variables = identifiersFor(
    [...commands.map(({ name }) => ({ name, kind: "Command" })), ...invocations.map(({ name }) => ({ name, kind: "Invocation" }))],
    (id, resource) => (resource.kind === "Invocation" ? [`${id}Status`] : []),
  );
  const commandVars = new Map<string, string>();
  const blocks: string[] = [];
  const secretKeys: string[] = [];
  for (const [index, { command, name }] of commands.entries()) {
    const variable = variables[index]!;
    commandVars.set(command.commandId, variable);
    const body = content(command.commandContent);
    blocks.push(
      `const ${variable} = new EcsCommand(${literal(name)}, {\n${fields([
        ["name", command.name],
        ["type", command.type],
        ["commandContent", body.commandContent],
        ["contentEncoding", body.contentEncoding],
        ["description", command.description],
        ["enableParameter", command.enableParameter || undefined],
        ["timeout", command.timeout],
        ["workingDir", command.workingDir],
        ["launcher", command.launcher],
      ])}\n}, { import: ${literal(command.commandId)} });`,
    );
  }
  for (const [index, { invocation, name }] of invocations.entries()) {
    const variable = variables[commands.length + index]!;
    const commandVar = commandVars.get(invocation.commandId);
    const parameterKeys = Object.keys(invocation.parameters).sort();
    const parameters =
      parameterKeys.length === 0
        ? undefined
        : code(
            `{ ${parameterKeys
              .map((key) => {
                secretKeys.push(`${name}.${key}`);
                return `${literal(key)}: config.requireSecret(${literal(`${name}.${key}`)})`;
              })
              .join(", ")} }`,
          );
    blocks.push(
      `const ${variable} = new EcsInvocation(${literal(name)}, {\n${fields([
        ["commandId", commandVar ? code(`${commandVar}.id`) : invocation.commandId],
        ["instanceIds", invocation.instances.map((i) => i.instanceId)],
        ["repeatMode", invocation.repeatMode],
        ["frequency", invocation.frequency],
        ["parameters", parameters],
        ["username", invocation.username],
        ["timeout", invocation.timeout],
        ["workingDir", invocation.workingDir],
        ["launcher", invocation.launcher],
        ["containerId", invocation.containerId],
        ["containerName", invocation.containerName],
        ["terminationMode", invocation.terminationMode],
        ["ossOutputDelivery", invocation.ossOutputDelivery],
        ["tags", userTags(invocation.tags)],
      ])}\n}, { import: ${literal(invocation.invokeId)} });\nexport const ${variable}Status = ${variable}.status;`,
    );
  }
  const imports = [commands.length > 0 ? "EcsCommand" : "", invocations.length > 0 ? "EcsInvocation" : ""].filter(Boolean).join(", ");
  const header = [
    `// Generated by ecs-import from ${origin}. \`pulumi up\` adopts each resource (nothing runs again);`,
    "// afterwards the program is yours: a change to an invocation's inputs runs its command again.",
    ...(secretKeys.length > 0
      ? ["// Parameter values are secret; set each before `pulumi up`:", ...secretKeys.map((key) => `//   pulumi config set --secret ${literal(key)} <value>`)]
      : []),
    ...(secretKeys.length > 0 ? ['import * as pulumi from "@pulumi/pulumi";'] : []),
    `import { ${imports} } from "pulumi-ecs-invocation";`,
    ...(secretKeys.length > 0 ? ["", "const config = new pulumi.Config();"] : []),
  ];
  return { program: `${header.join("\n")}\n\n${blocks.join("\n\n")}\n`, secretKeys };
}
