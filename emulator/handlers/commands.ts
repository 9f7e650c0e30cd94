// LIMITATIONS: public (AlibabaCloud-provided) commands are not modelled: DescribeCommands with a
// Provider returns an empty list. Command versions and `Latest` are not tracked. A RunCommand
// without a Name (it is optional there) names its command "run-command"; the real default is not
// documented.
import { isoMinutes } from "../clock";
import { apiError } from "../errors";
import type { Command, CommandType } from "../model/types";
import type { Params } from "../wire/params";
import type { ResponseBody } from "../wire/serialize";
import { type Handler, type HandlerContext, listResponse, matchesTags, newId, regionOf, tagsBody, tagsParam } from "./context";

export const COMMAND_TYPES: readonly CommandType[] = ["RunShellScript", "RunBatScript", "RunPowerShellScript"];
export const CONTENT_LIMIT_BYTES = 18 * 1024;
/** RunCommand without KeepCommand may send more: 24 KB of Base64. */
const RUN_ONLY_CONTENT_LIMIT_BYTES = 24 * 1024;

/** The documented Base64 size limit of a command's content (with its parameters, when invoked). */
export function contentLimit(command: Pick<Command, "hidden">): number {
  return command.hidden ? RUN_ONLY_CONTENT_LIMIT_BYTES : CONTENT_LIMIT_BYTES;
}

export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

/** The command's content as Base64, from either encoding the request may use. */
export function contentAsBase64(params: Params, defaultEncoding: "Base64" | "PlainText"): string {
  const content = params.required("CommandContent");
  // An unknown encoding falls back to the action's default, as the API documents.
  const requested = params.string("ContentEncoding").toLowerCase();
  const encoding = requested === "plaintext" ? "PlainText" : requested === "base64" ? "Base64" : defaultEncoding;
  if (encoding === "PlainText") return Buffer.from(content, "utf8").toString("base64");
  if (!isBase64(content)) throw apiError("CmdContent.DecodeError");
  return content;
}

/** Custom `{{name}}` parameters of a command body (built-in `ACS::` names excluded). */
export function parameterNamesOf(contentBase64: string): string[] {
  const text = Buffer.from(contentBase64, "base64").toString("utf8");
  const names = new Map<string, string>();
  for (const match of text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
    const name = match[1] ?? "";
    if (/^ACS::/i.test(name)) continue;
    if (name === "") throw apiError("CmdParam.EmptyKey");
    if (!/^[A-Za-z0-9_-]+$/.test(name)) throw apiError("CmdParam.InvalidParamName");
    if (Buffer.byteLength(name) > 64) throw apiError("CmdParamName.ExceedLimit");
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  if (names.size > 20) throw apiError("CmdParamCount.ExceedLimit");
  return [...names.values()];
}

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

function commandBody(command: Command, encoding: string): ResponseBody {
  return {
    CommandId: command.commandId,
    Name: command.name,
    Description: command.description,
    Type: command.type,
    CommandContent: encoding.toLowerCase() === "plaintext" ? Buffer.from(command.content, "base64").toString("utf8") : command.content,
    WorkingDir: command.workingDir,
    Timeout: command.timeout,
    EnableParameter: command.enableParameter,
    ParameterNames: { ParameterName: command.parameterNames },
    ParameterDefinitions: { ParameterDefinition: [] },
    Launcher: command.launcher,
    ResourceGroupId: command.resourceGroupId,
    Category: "",
    Provider: "",
    InvokeTimes: command.invokeTimes,
    CreationTime: isoMinutes(command.creationTime),
    Tags: tagsBody(command.tags),
  };
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
    const all = params.has("Provider") ? [] : Object.values(ctx.store.region(regionId).commands)
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
