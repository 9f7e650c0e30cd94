/** Response side: one command as DescribeCommands answers it. */
import { isoMinutes } from "../clock";
import { isPublicCommand } from "../model/public-commands";
import type { Command } from "../model/types";
import type { ResponseBody } from "../wire/serialize";
import { tagsBody } from "./tags";

export function commandBody(command: Command, encoding: string): ResponseBody {
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
    ParameterDefinitions: {
      ParameterDefinition: isPublicCommand(command)
        ? command.parameterDefinitions.map(({ PossibleValues, ...definition }) => ({ ...definition, PossibleValues: { PossibleValue: PossibleValues } }))
        : [],
    },
    Launcher: command.launcher,
    ResourceGroupId: command.resourceGroupId,
    Category: isPublicCommand(command) ? command.category : "",
    Provider: isPublicCommand(command) ? command.provider : "",
    // Only public commands have versions (§3.2: omitted for a user's commands).
    ...(isPublicCommand(command) ? { Version: command.version, Latest: command.latest } : {}),
    InvokeTimes: command.invokeTimes,
    CreationTime: isoMinutes(command.creationTime),
    Tags: tagsBody(command.tags),
  };
}
