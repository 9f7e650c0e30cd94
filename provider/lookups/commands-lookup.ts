/** `getEcsCommands`: commands by name, type, provider, tags… (DescribeCommands, every page). */
import { allPages } from "../cloud/ecs-api";
import type { EcsApi } from "../cloud/ecs-api-types";
import { bool, list, num, record, str, tagMap, tagPairs } from "../cloud/wire-views";
import type { EcsCommandInfo, EcsCommandParameterDefinition, GetEcsCommandsArgs, GetEcsCommandsResult } from "./lookup-types";

/** The largest page DescribeCommands serves. */
const MAX_PAGE = 50;

export async function lookupCommands(api: EcsApi, args: GetEcsCommandsArgs, deadline: number): Promise<GetEcsCommandsResult> {
  const query = {
    Name: args.name,
    Type: args.type,
    Provider: args.commandProvider,
    Latest: args.latest,
    Description: args.description,
    ContentEncoding: args.contentEncoding ?? "Base64",
    ResourceGroupId: args.resourceGroupId,
    Tag: args.tags && tagPairs(args.tags),
    MaxResults: MAX_PAGE,
  };
  // DescribeCommands takes one CommandId: one listing per id asked for, else one for all.
  const ids: (string | undefined)[] = args.ids?.length ? [...new Set(args.ids)] : [undefined];
  const found: EcsCommandInfo[] = [];
  for (const commandId of ids) {
    found.push(
      ...(await allPages(async (nextToken) => {
        const body = await api.request("DescribeCommands", { ...query, CommandId: commandId, NextToken: nextToken }, deadline, { commandId });
        return { items: list(record(body["Commands"])["Command"]).map(commandInfo), nextToken: str(body["NextToken"]) || undefined };
      })),
    );
  }
  const pattern = args.nameRegex === undefined ? undefined : new RegExp(args.nameRegex);
  const commands = found.filter((c) => !pattern || pattern.test(c.name));
  return { ids: commands.map((c) => c.id), names: commands.map((c) => c.name), commands };
}

function commandInfo(item: unknown): EcsCommandInfo {
  const c = record(item);
  const commandId = str(c["CommandId"]);
  return {
    id: commandId,
    commandId,
    name: str(c["Name"]),
    type: str(c["Type"]),
    description: str(c["Description"]),
    commandContent: str(c["CommandContent"]),
    enableParameter: bool(c["EnableParameter"]),
    parameterNames: list(record(c["ParameterNames"])["ParameterName"]).map(str),
    parameterDefinitions: list(record(c["ParameterDefinitions"])["ParameterDefinition"]).map(parameterDefinition),
    timeout: num(c["Timeout"], 60),
    workingDir: str(c["WorkingDir"]),
    launcher: str(c["Launcher"]),
    provider: str(c["Provider"]),
    category: str(c["Category"]),
    version: num(c["Version"]),
    latest: bool(c["Latest"]),
    invokeTimes: num(c["InvokeTimes"]),
    creationTime: str(c["CreationTime"]),
    tags: tagMap(c["Tags"]),
    resourceGroupId: str(c["ResourceGroupId"]),
  };
}

function parameterDefinition(item: unknown): EcsCommandParameterDefinition {
  const p = record(item);
  return {
    parameterName: str(p["ParameterName"]),
    description: str(p["Description"]),
    defaultValue: str(p["DefaultValue"]),
    required: bool(p["Required"]),
    possibleValues: list(record(p["PossibleValues"])["PossibleValue"]).map(str),
    patternRegex: str(p["PatternRegex"]),
  };
}
