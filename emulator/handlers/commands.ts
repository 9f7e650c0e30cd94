// LIMITATIONS: public (AlibabaCloud-provided) commands are one stand-in command in two versions
// (model/public-commands.ts), not Alibaba's catalogue; a user's commands have no versions. A
// RunCommand without a Name (it is optional there) names its command "run-command"; the real default
// is not documented. Which characters are "illegal" in a Name, Description or WorkingDir
// (InvalidParameterCharacter.*) is not documented: the emulator refuses control characters.
// What the real cloud is assumed to do here, and the live check of it: docs/cloud-assumptions.md (A9, A10, A14, A15).
import { apiError } from "../errors";
import { isPublicCommand, publicCommand, publicCommandsOf } from "../model/public-commands";
import type { Command, CommandType } from "../model/types";
import { contentAsBase64, contentLimit, parameterNamesOf } from "../requests/command-content";
import { tagsParam } from "../requests/tags";
import { commandBody } from "../responses/command-body";
import type { Params } from "../wire/params";
import { type Handler, type HandlerContext, listResponse, matchesTags, newId, regionOf } from "./context";

export const COMMAND_TYPES: readonly CommandType[] = ["RunShellScript", "RunBatScript", "RunPowerShellScript"];

/** Control characters (C0, DEL, C1): the characters the emulator takes as "illegal" in names and paths. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this matches.
const ILLEGAL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

export function checkCommonCommandFields(ctx: HandlerContext, params: Params): void {
  if (ILLEGAL_CHARACTER.test(params.string("Name"))) throw apiError("InvalidParameterCharacter.CommandName");
  if (ILLEGAL_CHARACTER.test(params.string("Description"))) throw apiError("InvalidParameterCharacter.CommandDescription");
  if (ILLEGAL_CHARACTER.test(params.string("WorkingDir"))) throw apiError("InvalidParameterCharacter.CommandWorkingDir");
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

/** A command of the region's, or a public command (a copy: public commands are shared by every region). */
export function findCommand(ctx: HandlerContext, regionId: string, commandId: string): Command {
  const shared = publicCommand(commandId);
  const command = ctx.store.region(regionId).commands[commandId] ?? (shared && { ...shared });
  if (!command) throw apiError("InvalidCmdId.NotFound");
  return command;
}

/** The user's own commands DescribeCommands filters, or with a Provider the public ones. */
function listedCommands(ctx: HandlerContext, regionId: string, params: Params): Command[] {
  if (!params.has("Provider")) return Object.values(ctx.store.region(regionId).commands).filter((c) => !c.hidden);
  const latestOnly = params.bool("Latest");
  return publicCommandsOf(params.string("Provider")).filter((c) => !latestOnly || c.latest);
}

/** Name and Description filters: a prefix with `*` for one's own commands, anywhere in public ones (§3.2). */
function matchesText(text: string, wanted: string, fuzzy: boolean): boolean {
  if (fuzzy) return text.toLowerCase().includes(wanted.replace(/\*/g, "").toLowerCase());
  return wanted.endsWith("*") ? text.startsWith(wanted.slice(0, -1)) : text === wanted;
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
    const description = params.string("Description");
    if (name.length > 128) throw apiError("InvalidName.LengthLimitExceeded");
    if (description.length > 512) throw apiError("InvalidDescription.LengthLimitExceeded");
    const fuzzy = params.has("Provider");
    const tags = tagsParam(params);
    const all = listedCommands(ctx, regionId, params)
      .filter((c) => !params.has("CommandId") || c.commandId === params.string("CommandId"))
      .filter((c) => !type || c.type === type)
      .filter((c) => !name || matchesText(c.name, name, fuzzy))
      .filter((c) => !description || matchesText(c.description, description, fuzzy))
      .filter((c) => !params.has("ResourceGroupId") || c.resourceGroupId === params.string("ResourceGroupId"))
      .filter((c) => matchesTags(c.tags, tags))
      .sort((a, b) => b.creationTime - a.creationTime || (isPublicCommand(b) && isPublicCommand(a) ? b.version - a.version : 0));
    const encoding = params.string("ContentEncoding", "Base64");
    return listResponse(all, params, "Commands", "Command", (c) => commandBody(c, encoding));
  },

  ModifyCommand(ctx, params) {
    const regionId = regionOf(ctx, params);
    const command = findCommand(ctx, regionId, params.required("CommandId"));
    if (isPublicCommand(command) && params.has("Name")) throw apiError("CmdName.Readonly");
    if (isPublicCommand(command)) throw apiError("Operation.Forbidden");
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
    if (isPublicCommand(command)) throw apiError("Operation.Forbidden");
    delete ctx.store.region(regionId).commands[command.commandId];
    ctx.store.changed();
    return {};
  },
};
