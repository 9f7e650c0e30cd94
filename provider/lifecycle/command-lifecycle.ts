/**
 * The EcsCommand contract: CreateCommand / DescribeCommands / DeleteCommand. Every cloud input
 * replaces; delete tolerates a command that is already gone; `adoptCommandId` adopts an existing one.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CommandView } from "../cloud/ecs-api";
import { isNotFound } from "../cloud/errors";
import { useStackConfig } from "../cloud/settings";
import { type CheckFailure, checkWith } from "../schema/check-failures";
import { type CommandInputs, commandSchema } from "../schema/command-schema";
import { timeoutMs } from "../schema/duration";
import { changed } from "./changes";
import { contentBase64, declaredContent } from "./command-content";
import { engineStep } from "./engine-values";
import { runtime } from "./runtime";

/** `__urn` is what the provider plugin hands every step (the dynamic provider does not). */
type Inputs = CommandInputs & { __provider?: string; __urn?: string };

export const COMMAND_CLOUD_INPUTS = [
  "name",
  "commandContent",
  "contentEncoding",
  "type",
  "description",
  "enableParameter",
  "timeout",
  "workingDir",
  "launcher",
  "resourceGroupId",
  "tags",
  "regionId",
] as const;

/** The outputs a command has beyond its inputs (see INVOCATION_OUTPUT_KEYS). */
export const COMMAND_OUTPUT_KEYS = ["commandId", "creationTime", "resolvedRegionId"] as const satisfies readonly (keyof CommandOutputs)[];

/** What an EcsCommand stores: its inputs plus the command's id, region and creation time. */
export interface CommandOutputs extends CommandInputs {
  commandId: string;
  resolvedRegionId: string;
  creationTime: string;
}

const READ_TIMEOUT_MS = 60_000;

export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  useStackConfig(request.config);
}

export async function check(_olds: Inputs, news: Inputs): Promise<{ inputs: Inputs; failures: CheckFailure[] }> {
  const { __provider: _provider, __urn: _urn, ...inputs } = news;
  return { inputs: news, failures: checkWith(commandSchema, inputs) };
}

export async function diff(_id: string, olds: CommandOutputs, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
  const replaces = COMMAND_CLOUD_INPUTS.filter((key) => changed(olds[key], news[key]));
  const metaChanged = changed(olds.timeouts, news.timeouts) || changed(olds.adoptCommandId, news.adoptCommandId);
  return { changes: replaces.length > 0 || metaChanged, replaces, deleteBeforeReplace: false };
}

async function createStep(inputs: Inputs): Promise<{ id: string; outs: CommandOutputs }> {
  const { __provider: _provider, __urn: _urn, ...args } = inputs;
  const rt = runtime();
  const api = rt.api(args.regionId);
  const deadline = rt.timing.now() + timeoutMs(args.timeouts?.create);
  if (args.adoptCommandId) {
    const existing = await api.describeCommand(args.adoptCommandId, deadline);
    if (!existing) {
      throw new Error(`Cannot import command ${args.adoptCommandId}: it does not exist in region ${api.regionId}. Check the id and the region.`);
    }
    const mismatches = commandMismatches(args, existing);
    if (mismatches.length > 0) {
      throw new Error(
        `Cannot import command ${args.adoptCommandId}: the program declares different inputs:\n  ${mismatches.join("\n  ")}\nChange the program to match the existing command.`,
      );
    }
    return { id: existing.commandId, outs: { ...args, commandId: existing.commandId, resolvedRegionId: api.regionId, creationTime: existing.creationTime } };
  }
  const commandId = await api.createCommand(
    {
      name: args.name,
      commandContent: contentBase64(args),
      type: args.type,
      description: args.description,
      enableParameter: args.enableParameter,
      timeout: args.timeout,
      workingDir: args.workingDir,
      launcher: args.launcher,
      resourceGroupId: args.resourceGroupId,
      tags: args.tags,
    },
    deadline,
  );
  const view = await api.describeCommand(commandId, deadline).catch(() => undefined);
  return { id: commandId, outs: { ...args, commandId, resolvedRegionId: api.regionId, creationTime: view?.creationTime ?? "" } };
}

async function readStep(id: string, props: CommandOutputs): Promise<{ id?: string; props?: CommandOutputs; inputs?: CommandInputs }> {
  const rt = runtime();
  const api = rt.api(props.regionId ?? props.resolvedRegionId);
  const view = await api.describeCommand(id, rt.timing.now() + READ_TIMEOUT_MS);
  if (!view) {
    if (props.commandId === undefined)
      throw new Error(`Command ${id} does not exist in region ${api.regionId}: check the id and the region (alicloud:region or regionId).`);
    return { id: "" };
  }
  if (props.commandId === undefined) {
    // Known by its id only (`get`, `pulumi import`): its inputs are what the cloud reports.
    const inputs = reportedCommandInputs(view);
    return { id, props: { ...inputs, ...props, commandId: id, resolvedRegionId: api.regionId, creationTime: view.creationTime }, inputs };
  }
  const drift: Partial<CommandInputs> = {};
  if (props.name !== undefined) drift.name = view.name;
  if (props.description !== undefined) drift.description = view.description;
  if (props.workingDir !== undefined) drift.workingDir = view.workingDir;
  if (props.timeout !== undefined) drift.timeout = view.timeout;
  if (props.launcher !== undefined) drift.launcher = view.launcher;
  return { id, props: { ...props, ...drift, commandId: id, creationTime: view.creationTime || props.creationTime } };
}

async function updateStep(_id: string, olds: CommandOutputs, news: Inputs): Promise<{ outs: CommandOutputs }> {
  return { outs: { ...olds, timeouts: news.timeouts, adoptCommandId: news.adoptCommandId } };
}

export async function remove(id: string, props: CommandOutputs): Promise<void> {
  const rt = runtime();
  const api = rt.api(props.regionId ?? props.resolvedRegionId);
  try {
    await api.deleteCommand(id, rt.timing.now() + timeoutMs(props.timeouts?.delete));
  } catch (error) {
    if (isNotFound(error, "InvalidCmdId.NotFound")) return;
    throw error;
  }
}

/** A command's inputs as DescribeCommands reports them, leaving out what is empty or the default. */
export function reportedCommandInputs(view: CommandView): CommandInputs {
  const inputs: Record<string, unknown> = { name: view.name, type: view.type, ...declaredContent(view.commandContent) };
  if (view.description) inputs["description"] = view.description;
  if (view.enableParameter) inputs["enableParameter"] = true;
  inputs["timeout"] = view.timeout;
  if (view.workingDir) inputs["workingDir"] = view.workingDir;
  if (view.launcher) inputs["launcher"] = view.launcher;
  if (Object.keys(view.tags).length > 0) inputs["tags"] = view.tags;
  return inputs as CommandInputs;
}

function commandMismatches(declared: CommandInputs, actual: CommandView): string[] {
  const out: string[] = [];
  const differ = (field: string, want: unknown, have: unknown): void => {
    if (want !== undefined && JSON.stringify(want) !== JSON.stringify(have))
      out.push(`${field}: declared ${JSON.stringify(want)}, actual ${JSON.stringify(have)}`);
  };
  differ("name", declared.name, actual.name);
  differ("type", declared.type, actual.type);
  if (contentBase64(declared) !== actual.commandContent) out.push("commandContent: the declared script differs from the command's");
  differ("description", declared.description, actual.description);
  differ("enableParameter", declared.enableParameter, actual.enableParameter);
  differ("timeout", declared.timeout, actual.timeout);
  differ("workingDir", declared.workingDir, actual.workingDir);
  differ("launcher", declared.launcher, actual.launcher);
  return out;
}

/** The steps the engine calls that hand it properties: their results are safe for its wire format. */
export const create = engineStep(createStep);
export const read = engineStep(readStep);
export const update = engineStep(updateStep);
