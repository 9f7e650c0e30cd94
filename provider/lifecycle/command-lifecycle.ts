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
import { engineStep } from "./engine-values";
import { runtime } from "./runtime";

type Inputs = CommandInputs & { __provider?: string };

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
  const { __provider: _provider, ...inputs } = news;
  return { inputs: news, failures: checkWith(commandSchema, inputs) };
}

export async function diff(_id: string, olds: CommandOutputs, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
  const replaces = COMMAND_CLOUD_INPUTS.filter((key) => changed(olds[key], news[key]));
  const metaChanged = changed(olds.timeouts, news.timeouts) || changed(olds.adoptCommandId, news.adoptCommandId);
  return { changes: replaces.length > 0 || metaChanged, replaces, deleteBeforeReplace: false };
}

/** The content as the API stores it (Base64), whichever encoding the program used. */
export function contentBase64(inputs: CommandInputs): string {
  return inputs.contentEncoding === "Base64" ? inputs.commandContent : Buffer.from(inputs.commandContent, "utf8").toString("base64");
}

async function createStep(inputs: Inputs): Promise<{ id: string; outs: CommandOutputs }> {
  const { __provider: _provider, ...args } = inputs;
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

async function readStep(id: string, props: CommandOutputs): Promise<{ id?: string; props?: CommandOutputs }> {
  const rt = runtime();
  const view = await rt.api(props.regionId ?? props.resolvedRegionId).describeCommand(id, rt.timing.now() + READ_TIMEOUT_MS);
  if (!view) return { id: "" };
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
