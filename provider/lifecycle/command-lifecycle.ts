/**
 * The EcsCommand contract: CreateCommand / DescribeCommands / DeleteCommand. Every cloud input
 * replaces; delete tolerates a command that is already gone; `adoptCommandId` adopts an existing one.
 */
import type { CommandView } from "../cloud/ecs-api";
import { isNotFound } from "../cloud/errors";
import { dynamicHost } from "../resources/dynamic-host";
import { type CheckFailure, checkWith } from "../schema/check-failures";
import { type CommandInputs, commandSchema } from "../schema/command-schema";
import { changed } from "./changes";
import { contentBase64, declaredContent } from "./command-content";
import type { CommandOutputs } from "./command-outputs";
import { engineLifecycle } from "./engine-values";
import type { DiffResult, StepContext } from "./step-context";

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

const READ_TIMEOUT_MS = 60_000;

async function checkStep(_ctx: StepContext, _olds: Partial<CommandInputs>, news: CommandInputs): Promise<{ inputs: CommandInputs; failures: CheckFailure[] }> {
  return { inputs: news, failures: checkWith(commandSchema, news) };
}

async function diffStep(_ctx: StepContext, _id: string, olds: CommandOutputs, news: CommandInputs): Promise<DiffResult> {
  const replaces = COMMAND_CLOUD_INPUTS.filter((key) => changed(olds[key], news[key]));
  const metaChanged = changed(olds.timeouts, news.timeouts) || changed(olds.adoptCommandId, news.adoptCommandId);
  return { changes: replaces.length > 0 || metaChanged, replaces, deleteBeforeReplace: false };
}

async function createStep(ctx: StepContext, args: CommandInputs): Promise<{ id: string; outs: CommandOutputs }> {
  const api = ctx.api(args.regionId);
  const deadline = ctx.deadline(args.timeouts?.create);
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

async function readStep(ctx: StepContext, id: string, props: CommandOutputs): Promise<{ id?: string; props?: CommandOutputs; inputs?: CommandInputs }> {
  const api = ctx.api(props.regionId ?? props.resolvedRegionId);
  const view = await api.describeCommand(id, ctx.timing.now() + READ_TIMEOUT_MS);
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

async function updateStep(_ctx: StepContext, _id: string, olds: CommandOutputs, news: CommandInputs): Promise<{ outs: CommandOutputs }> {
  return { outs: { ...olds, timeouts: news.timeouts, adoptCommandId: news.adoptCommandId } };
}

async function removeStep(ctx: StepContext, id: string, props: CommandOutputs): Promise<void> {
  const api = ctx.api(props.regionId ?? props.resolvedRegionId);
  try {
    await api.deleteCommand(id, ctx.deadline(props.timeouts?.delete));
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

/** The EcsCommand lifecycle both hosts serve (see step-context), as the engine gets it (engine-values). */
export const commandLifecycle = engineLifecycle<CommandInputs, CommandOutputs>({
  check: checkStep,
  diff: diffStep,
  create: createStep,
  read: readStep,
  update: updateStep,
  remove: removeStep,
});

/**
 * The same steps as the dynamic provider calls them (resources/dynamic-host). The serialized
 * provider of every dynamic resource requires this module and calls these names — also in stacks
 * written by earlier versions, whose refresh and destroy run them: keep them.
 */
const dynamic = dynamicHost(commandLifecycle);
export const { configure, check, diff, create, read, update } = dynamic;
export const remove = dynamic.delete;
// Under the dynamic provider's own name too, as resources/dynamic calls it.
export { remove as delete };
