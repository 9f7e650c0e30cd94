/**
 * What the lookups take and answer, as users see them on hover in every language: the schema's
 * functions are generated from these interfaces (tools/package), the TypeScript module exports them.
 */

/** Filters of `getEcsCommands` (DescribeCommands, every page); all are optional and combine. */
export interface GetEcsCommandsArgs {
  /** Command ids (`c-…`): only these. Terraform's `ids`. */
  ids?: string[];
  /** A command name: exact, or a prefix ending in `*` (`deploy-*`). For public commands (with `commandProvider`), a part of the name. */
  name?: string;
  /** A regular expression the name must match (JavaScript syntax), applied after the cloud's filters. Terraform's `name_regex`. */
  nameRegex?: string;
  /** RunShellScript, RunBatScript or RunPowerShellScript. */
  type?: string;
  /**
   * Public commands of this provider instead of your own: `AlibabaCloud` (the `ACS-ECS-…` commands),
   * `AlibabaCloud.ECS.GuestOS`, … Terraform's `command_provider`.
   */
  commandProvider?: string;
  /** With `commandProvider`: only the latest version of each public command. Default false. */
  latest?: boolean;
  /** A description: exact, or a prefix ending in `*`. */
  description?: string;
  /** How `commandContent` is returned: `Base64` (as stored, the default) or `PlainText` (decoded as UTF-8). */
  contentEncoding?: string;
  /** Tags every command must carry (a tag with an empty value matches any value). */
  tags?: Record<string, string>;
  /** The resource group the commands belong to. */
  resourceGroupId?: string;
  /** The region to look in; default the provider's `region`. */
  regionId?: string;
}

/** One of a command's parameters as its author declared it (public commands declare them). */
export interface EcsCommandParameterDefinition {
  parameterName: string;
  description: string;
  defaultValue: string;
  required: boolean;
  /** The values it may take; empty when any value goes. */
  possibleValues: string[];
  /** A regular expression a value must match; empty when none. */
  patternRegex: string;
}

/** A command as DescribeCommands reports it. */
export interface EcsCommandInfo {
  /** The command id (`c-…`), as Terraform's data source names it. */
  id: string;
  commandId: string;
  name: string;
  type: string;
  description: string;
  /** The script, in the encoding `contentEncoding` asked for (Base64 by default). */
  commandContent: string;
  enableParameter: boolean;
  /** The `{{name}}` parameters the content uses. */
  parameterNames: string[];
  parameterDefinitions: EcsCommandParameterDefinition[];
  /** Seconds a run may take. */
  timeout: number;
  workingDir: string;
  launcher: string;
  /** Who publishes a public command (`AlibabaCloud`, …); empty for your own. */
  provider: string;
  category: string;
  /** A public command's version; 0 for your own (they have no versions). */
  version: number;
  /** Whether this is a public command's latest version; false for your own. */
  latest: boolean;
  invokeTimes: number;
  creationTime: string;
  tags: Record<string, string>;
  resourceGroupId: string;
}

export interface GetEcsCommandsResult {
  /** The ids of the commands found, newest first. */
  ids: string[];
  /** Their names, in the same order. */
  names: string[];
  commands: EcsCommandInfo[];
}

/** Filters of `getEcsInvocations` (DescribeInvocations, every page); all are optional and combine. */
export interface GetEcsInvocationsArgs {
  /** Invocation ids (`t-…`): only these. Terraform's `ids`. */
  ids?: string[];
  /** Only runs of this command. */
  commandId?: string;
  /** Only runs of a command of this name. */
  commandName?: string;
  /** RunShellScript, RunBatScript or RunPowerShellScript. */
  commandType?: string;
  /**
   * The overall status: Pending, Scheduled, Running, Success, Failed, PartialFailed, Stopping,
   * Stopped (and Terraform's Finished). Terraform's `status`.
   */
  status?: string;
  /** Once, Period, NextRebootOnly or EveryReboot. */
  repeatMode?: string;
  /** Only invocations that ran on this instance. */
  instanceId?: string;
  /** Tags every invocation must carry (a tag with an empty value matches any value). */
  tags?: Record<string, string>;
  /** Read each instance's output (one more call per invocation). Default true. */
  includeOutput?: boolean;
  /**
   * Keep at most this many bytes of each instance's output: its end, cut at a whole character.
   * Default 4096, so a large fleet's outputs do not flood a program; 0 keeps all (≤ 24 KB each).
   */
  outputTailBytes?: number;
  /** The region to look in; default the provider's `region`. */
  regionId?: string;
}

/** One instance of an invocation. */
export interface EcsInvocationInstanceInfo {
  instanceId: string;
  /** Pending, Running, Success, Failed, Invalid, Aborted, Error, Timeout, Cancelled, Terminated, … */
  status: string;
  exitCode: number;
  errorCode: string;
  errorInfo: string;
  /** What the command printed, decoded (the tail, per `outputTailBytes`). Empty without `includeOutput`. */
  output: string;
  /** Bytes of output left out: the cloud's beyond 24 KB plus what `outputTailBytes` cut. */
  outputOmitted: number;
  repeats: number;
  startTime: string;
  finishTime: string;
}

/** An invocation as DescribeInvocations reports it. */
export interface EcsInvocationInfo {
  /** The invocation id (`t-…`), as Terraform's data source names it. */
  id: string;
  invokeId: string;
  commandId: string;
  commandName: string;
  commandType: string;
  status: string;
  repeatMode: string;
  frequency: string;
  timeout: number;
  username: string;
  workingDir: string;
  creationTime: string;
  tags: Record<string, string>;
  /** Whether it ran with parameters: its output is then a secret in the result (their values are never returned). */
  hasParameters: boolean;
  instances: EcsInvocationInstanceInfo[];
}

export interface GetEcsInvocationsResult {
  /** The ids of the invocations found, newest first. */
  ids: string[];
  /** Secret when any of them ran with parameters (a command may print what it was given). */
  invocations: EcsInvocationInfo[];
}
