/**
 * Public commands: the ones Alibaba Cloud publishes for every account (DescribeCommands with a
 * `Provider`), versioned, with parameter definitions. The real catalogue is large and changes; the
 * emulator serves one stand-in command in two versions, shaped like the documentation's example
 * (§3.2: provider `AlibabaCloud.ECS.GuestOS`, a `DownloadUrl` parameter), so clients that read
 * versions, `Latest` and parameter definitions have something to read. Its script only echoes.
 */
import type { Command } from "./types";

export interface ParameterDefinition {
  ParameterName: string;
  Description: string;
  DefaultValue: string;
  Required: boolean;
  PatternRegex: string;
  PossibleValues: string[];
}

/** What a public command has beyond a user's command. */
export interface PublicCommand extends Command {
  provider: string;
  category: string;
  version: number;
  latest: boolean;
  parameterDefinitions: ParameterDefinition[];
}

const NAME = "ACS-ECS-UpdateAgent-Linux";
const DOWNLOAD_URL: ParameterDefinition = {
  ParameterName: "DownloadUrl",
  Description: "Download path of the Cloud Assistant Agent installation package.",
  DefaultValue: "https://aliyun-client-assist.oss-accelerate.aliyuncs.com/linux/aliyun_assist_latest.rpm",
  Required: false,
  PatternRegex: "^https://.+$",
  PossibleValues: [],
};

const RESTART: ParameterDefinition = {
  ParameterName: "Restart",
  Description: "Whether to restart the agent after the update.",
  DefaultValue: "true",
  Required: false,
  PatternRegex: "",
  PossibleValues: ["true", "false"],
};

function version(commandId: string, version: number, latest: boolean, script: string, parameterDefinitions: ParameterDefinition[]): PublicCommand {
  return {
    commandId,
    name: NAME,
    description: `Updates the Cloud Assistant agent (emulator stand-in, version ${version}).`,
    type: "RunShellScript",
    content: Buffer.from(script).toString("base64"),
    workingDir: "/root",
    timeout: 300,
    enableParameter: true,
    parameterNames: parameterDefinitions.map((p) => p.ParameterName),
    launcher: "",
    resourceGroupId: "",
    tags: {},
    creationTime: Date.UTC(2024, 0, 15, 8, 0),
    invokeTimes: 0,
    hidden: false,
    provider: "AlibabaCloud.ECS.GuestOS",
    category: "AlibabaCloud.ECS.GuestOS",
    version,
    latest,
    parameterDefinitions,
  };
}

/** The public commands, oldest version first; the same in every region. */
export const PUBLIC_COMMANDS: readonly PublicCommand[] = [
  version("c-acs0publiccommand00000001", 1, false, "echo would update the agent from {{DownloadUrl}}", [DOWNLOAD_URL]),
  version("c-acs0publiccommand00000002", 2, true, "echo would update the agent from {{DownloadUrl}}, restart: {{Restart}}", [DOWNLOAD_URL, RESTART]),
];

export function isPublicCommand(command: Command): command is PublicCommand {
  return "provider" in command;
}

export function publicCommand(commandId: string): PublicCommand | undefined {
  return PUBLIC_COMMANDS.find((c) => c.commandId === commandId);
}

/**
 * DescribeCommands' Provider filter: `AlibabaCloud` selects every public command, a longer
 * provider (`AlibabaCloud.ECS.GuestOS`) those it names.
 */
export function publicCommandsOf(provider: string): PublicCommand[] {
  return PUBLIC_COMMANDS.filter((c) => c.provider === provider || c.provider.startsWith(`${provider}.`));
}
