#!/usr/bin/env node
/**
 * `ecs-import`: writes a Pulumi program that adopts existing ECS Cloud Assistant commands and
 * invocations — named by id, or every `alicloud_ecs_command` / `alicloud_ecs_invocation` in a
 * Terraform state — with their actual inputs and the `import` option. (`pulumi import` cannot do
 * this for dynamic resources: the engine's import step has no provider to read with.)
 *
 *   ecs-import --region cn-hangzhou t-hz0jdfwd9f**** c-hz0jdfwcsr**** > index.ts
 *   ecs-import --terraform-state terraform.tfstate > index.ts
 *
 * Credentials and region come from the same places as the provider's (ALICLOUD_* variables, a
 * profile, the default chain); `--endpoint` points it elsewhere (e.g. the emulator).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createEcsApi } from "../cloud/ecs-api";
import { resolveSettings } from "../cloud/settings";
import { type Generated, type GeneratedInvocation, writeProgram } from "./program-writer";
import { resourcesInTerraformState, type TerraformResource, TerraformStateError } from "./terraform-state";

const USAGE = `usage: ecs-import [--region REGION] [--endpoint URL] [--terraform-state FILE] [ID ...]

Prints a TypeScript Pulumi program declaring each command (c-…) and invocation (t-…) with its
actual inputs and the import option: \`pulumi up\` adopts them, nothing runs again.

  --region REGION           region of the ids (default: ALICLOUD_REGION)
  --endpoint URL            ECS API endpoint (default: the region's public one; ALICLOUD_ECS_ENDPOINT)
  --terraform-state FILE    every alicloud_ecs_command / alicloud_ecs_invocation in a Terraform state
  --help                    this text`;

class UsageError extends Error {}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { region: { type: "string" }, endpoint: { type: "string" }, "terraform-state": { type: "string" }, help: { type: "boolean" } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseFlags(argv);
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const requested: TerraformResource[] = [];
  const stateFile = parsed.values["terraform-state"];
  for (const id of parsed.positionals) {
    if (!/^[ct]-[A-Za-z0-9*]+$/.test(id)) throw new UsageError(`${JSON.stringify(id)} is neither a command id (c-…) nor an invocation id (t-…)`);
  }
  if (stateFile) requested.push(...resourcesInTerraformState(readState(stateFile), stateFile));
  for (const id of parsed.positionals) requested.push({ kind: id.startsWith("c-") ? "command" : "invocation", id, name: "" });
  if (requested.length === 0) throw new UsageError("name at least one id, or --terraform-state FILE");
  // One resource per id: an id named twice (on the command line and in the state) is adopted once,
  // under its Terraform name when it has one (the state's entries come first).
  const wanted = requested.filter((entry, index) => requested.findIndex((other) => other.id === entry.id) === index);

  const env = parsed.values.endpoint ? { ...process.env, ALICLOUD_ECS_ENDPOINT: parsed.values.endpoint } : process.env;
  const api = createEcsApi(resolveSettings(parsed.values.region, env));
  const deadline = Date.now() + 60_000;
  // Pulumi names are unique per type: a command and an invocation may share one (Terraform's
  // `default`), and Terraform's names are kept; only names made up from the cloud get a number.
  const namesOf = (kind: TerraformResource["kind"]) => new Set(wanted.filter((w) => w.kind === kind && w.name).map((w) => w.name));
  const taken = { command: namesOf("command"), invocation: namesOf("invocation") };
  const madeUp = (kind: TerraformResource["kind"], name: string): string => {
    let candidate = name;
    for (let n = 2; taken[kind].has(candidate); n++) candidate = `${name}-${n}`;
    taken[kind].add(candidate);
    return candidate;
  };
  // Many invocations of one command ask about it once.
  const lookups = new Map<string, Promise<boolean>>();
  const commandExists = (commandId: string): Promise<boolean> => {
    if (!lookups.has(commandId))
      lookups.set(
        commandId,
        api.describeCommand(commandId, deadline).then((found) => found !== undefined),
      );
    return lookups.get(commandId)!;
  };
  const commands: Generated[] = [];
  const invocations: GeneratedInvocation[] = [];
  const missing: string[] = [];
  for (const entry of wanted) {
    if (entry.kind === "command") {
      const command = await api.describeCommand(entry.id, deadline);
      if (command) commands.push({ command, name: entry.name || madeUp("command", command.name || entry.id) });
      else missing.push(entry.id);
    } else {
      const invocation = await api.describeInvocation(entry.id, deadline, false);
      if (!invocation) {
        missing.push(entry.id);
        continue;
      }
      // RunCommand's command is not listed (unless kept): such an invocation ran an inline script.
      const known = wanted.some((w) => w.kind === "command" && w.id === invocation.commandId);
      const inline = !known && !(await commandExists(invocation.commandId));
      invocations.push({ invocation, name: entry.name || madeUp("invocation", `${invocation.commandName || "invocation"}-run`), inline });
    }
  }
  if (missing.length > 0) {
    process.stderr.write(
      `ecs-import: not found in region ${api.regionId}: ${missing.join(", ")} (check the ids and --region; invocation records are kept about 30 days)\n`,
    );
    return 1;
  }
  const { program, secretKeys } = writeProgram(commands, invocations, `region ${api.regionId}`);
  process.stdout.write(program);
  process.stderr.write(
    `ecs-import: ${commands.length} command(s), ${invocations.length} invocation(s) from region ${api.regionId}.` +
      (secretKeys.length > 0
        ? ` Set ${secretKeys.length} secret parameter value(s) first: pulumi config set --secret <key> <value> for ${secretKeys.join(", ")}.`
        : "") +
      "\n",
  );
  return 0;
}

function readState(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new TerraformStateError(
      `cannot read the Terraform state ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error)}`,
    );
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(error instanceof UsageError ? `ecs-import: ${message}\n\n${USAGE}\n` : `ecs-import: ${message}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
