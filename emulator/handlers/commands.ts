// LIMITATIONS: public (AlibabaCloud-provided) commands are not modelled: DescribeCommands with a
// Provider returns an empty list. Command versions and `Latest` are not tracked. A RunCommand
// without a Name (it is optional there) names its command "run-command"; the real default is not
// documented.
// What the real cloud is assumed to do here, and the live check of it: docs/cloud-assumptions.md (A9, A10, A14, A15).
import { apiError } from "../errors";
import type { Command, CommandType } from "../model/types";
import { contentAsBase64, contentLimit, parameterNamesOf } from "../requests/command-content";
import { tagsParam } from "../requests/tags";
import { commandBody } from "../responses/command-body";
import type { Params } from "../wire/params";
import { type Handler, type HandlerContext, listResponse, matchesTags, newId, regionOf } from "./context";

export const COMMAND_TYPES: readonly CommandType[] = ["RunShellScript", "RunBatScript", "RunPowerShellScript"];

export function checkCommonCommandFields(ctx: HandlerContext, params: Params): void {
  if (params.string("Name").length > 128) throw apiError("CmdName.ExceedLimit");
  if (params.string("Description").length > 512) throw apiError("CmdDesc.ExceedLimit");
  if (params.string("WorkingDir").length > 200) throw apiError("InvalidParameter.WorkingDir");
  if (params.string("Launcher").length > 1024) throw apiError("InvalidLauncher.LengthLimitExceeded");
  if (params.has("Timeout")) {
    const timeout = params.int("Timeout", 60);
    if (ctx.quotas.maxTimeoutSeconds !== undefined && timeout > ctx.quotas.maxTimeoutSeconds) throw apiError("InvalidTimeout.ExceedLimit");
    if (timeout < 1) throw apiError("InvalidParameter", "Timeout");
  }
}

/** Creates and stores a command from CreateCommand (or RunCommand) parameters. */
/**
 * The command a CreateCommand call (Name required, Base64 by default) or a RunCommand call (Name
 * optional, PlainText by default, hidden unless KeepCommand) describes.
 */
export function createCommand(ctx: HandlerContext, regionId: string, params: Params, via: "CreateCommand" | "RunCommand", hidden: boolean): Command {
  const defaultEncoding = via === "CreateCommand" ? "Base64" : "PlainText";
  const type = params.required("Type") as CommandType;
  if (!COMMAND_TYPES.includes(type)) throw apiError("InvalidCmdType.NotFound");
  checkCommonCommandFields(ctx, params);
  const content = contentAsBase64(params, defaultEncoding);
  if (content.length > contentLimit({ hidden })) throw apiError("CmdContent.ExceedLimit");
  const enableParameter = params.bool("EnableParameter");
  const region = ctx.store.region(regionId);
  const kept = Object.values(region.commands).filter((c) => !c.hidden).length;
  if (!hidden && kept >= ctx.quotas.commands) throw apiError("CmdCount.ExceedQuota");
  const command: Command = {
    commandId: newId(ctx, "c"),
    name: via === "RunCommand" ? params.string("Name") || "run-command" : params.required("Name"),
    description: params.string("Description"),
    type,
    content,
    workingDir: params.string("WorkingDir"),
    timeout: params.int("Timeout", 60),
    enableParameter,
    parameterNames: enableParameter ? parameterNamesOf(content) : [],
    launcher: params.string("Launcher"),
    resourceGroupId: params.string("ResourceGroupId"),
    tags: tagsParam(params),
    creationTime: ctx.clock.now(),
    invokeTimes: 0,
    hidden,
  };
  region.commands[command.commandId] = command;
  ctx.store.changed();
  return command;
}

export function findCommand(ctx: HandlerContext, regionId: string, commandId: string): Command {
  const command = ctx.store.region(regionId).commands[commandId];
  if (!command) throw apiError("InvalidCmdId.NotFound");
  return command;
}

export const commandHandlers: Record<string, Handler> = {
  CreateCommand(ctx, params) {
    const regionId = regionOf(ctx, params);
    return { CommandId: createCommand(ctx, regionId, params, "CreateCommand", false).commandId };
  },

  DescribeCommands(ctx, params) {
    const regionId = regionOf(ctx, params);
    const type = params.string("Type");
    if (type && !COMMAND_TYPES.includes(type as CommandType)) throw apiError("InvalidCommandType.NotFound");
    const name = params.string("Name");
    const tags = tagsParam(params);
    const all = params.has("Provider")
      ? []
      : Object.values(ctx.store.region(regionId).commands)
          .filter((c) => !c.hidden)
          .filter((c) => !params.has("CommandId") || c.commandId === params.string("CommandId"))
          .filter((c) => !type || c.type === type)
          .filter((c) => !name || (name.endsWith("*") ? c.name.startsWith(name.slice(0, -1)) : c.name === name))
          .filter((c) => !params.has("Description") || c.description === params.string("Description"))
          .filter((c) => !params.has("ResourceGroupId") || c.resourceGroupId === params.string("ResourceGroupId"))
          .filter((c) => matchesTags(c.tags, tags))
          .sort((a, b) => b.creationTime - a.creationTime);
    const encoding = params.string("ContentEncoding", "Base64");
    return listResponse(all, params, "Commands", "Command", (c) => commandBody(c, encoding));
  },

  ModifyCommand(ctx, params) {
    const regionId = regionOf(ctx, params);
    const command = findCommand(ctx, regionId, params.required("CommandId"));
    checkCommonCommandFields(ctx, params);
    if (params.has("Name")) command.name = params.string("Name");
    if (params.has("Description")) command.description = params.string("Description");
    if (params.has("WorkingDir")) command.workingDir = params.string("WorkingDir");
    if (params.has("Timeout")) command.timeout = params.int("Timeout", command.timeout);
    if (params.has("Launcher")) command.launcher = params.string("Launcher");
    ctx.store.changed();
    return {};
  },

  DeleteCommand(ctx, params) {
    const regionId = regionOf(ctx, params);
    const command = findCommand(ctx, regionId, params.required("CommandId"));
    delete ctx.store.region(regionId).commands[command.commandId];
    ctx.store.changed();
    return {};
  },
};
