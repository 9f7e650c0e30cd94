/** What the provider asks of the ECS API and what it reads back: the views the lifecycle works with. */
import type { WireBody, WireQuery } from "./ecs-transport";

/** One instance's result inside an invocation, with Output already decoded to text. */
export interface InstanceResult {
  instanceId: string;
  /** Per-instance InvocationStatus: Pending, Scheduled, Running, Stopping, Success, Failed, Invalid, Aborted, Error, Timeout, Cancelled, Terminated. */
  status: string;
  exitCode: number;
  errorCode: string;
  errorInfo: string;
  /** stdout and stderr of the last run, decoded (at most 24 KB: see `dropped`). */
  output: string;
  /** Bytes of output the cloud discarded beyond its 24 KB limit. */
  dropped: number;
  repeats: number;
  startTime: string;
  finishTime: string;
  /** With `ossOutputDelivery`: where the full output was delivered (`oss://…`). */
  ossOutputUri?: string;
  /** With `ossOutputDelivery`: InProgress, Finished or Failed. */
  ossOutputStatus?: string;
  /** With `outputTailBytes`: bytes of the output left out of state (the cloud still has them). */
  outputOmitted?: number;
}

/** What DescribeInvocations says about one invocation. */
export interface InvocationView {
  invokeId: string;
  commandId: string;
  /** The content that ran (Base64): the command's, or the inline script's for RunCommand. */
  commandContent: string;
  commandName: string;
  commandType: string;
  status: string;
  repeatMode: string;
  frequency: string;
  parameters: Record<string, string>;
  username: string;
  timeout: number;
  workingDir: string;
  launcher: string;
  containerId: string;
  containerName: string;
  terminationMode: string;
  ossOutputDelivery: string;
  creationTime: string;
  tags: Record<string, string>;
  instances: InstanceResult[];
}

/**
 * An InvokeCommand request as the API names its parameters (`CommandId`, `InstanceId`,
 * `ResourceTag`, `Parameters` as JSON text, …; see schema/invocation-fields), with the
 * `ClientToken` every retry sends.
 */
export type InvokeRequest = WireQuery & { CommandId: string; ClientToken: string };
export type RunCommandRequest = WireQuery & { Type: string; CommandContent: string; ClientToken: string };

export interface CommandRequest {
  name: string;
  /** Base64. */
  commandContent: string;
  type: string;
  description?: string;
  enableParameter?: boolean;
  timeout?: number;
  workingDir?: string;
  launcher?: string;
  resourceGroupId?: string;
  tags?: Record<string, string>;
}

export interface CommandView extends Required<Omit<CommandRequest, "tags">> {
  commandId: string;
  tags: Record<string, string>;
  creationTime: string;
}

/** The cloud operations the resources need; `deadline` (epoch ms) bounds each call with its retries. */
export interface EcsApi {
  readonly regionId: string;
  /**
   * Any other action, with the same budget, retries and error mapping: what the lookups and file
   * sending (cloud/lookups-api, cloud/file-api) are built on. `subject` names the resource in errors.
   */
  request(action: string, query: WireQuery, deadline: number, subject?: { invokeId?: string; commandId?: string }): Promise<WireBody>;
  /** When a shared read may gather its batch (see RequestBudget.gather). */
  gather(): Promise<void>;
  invokeCommand(request: InvokeRequest, deadline: number): Promise<string>;
  /** RunCommand (inline content, no command kept): the same ClientToken goes out on every retry. */
  runCommand(request: RunCommandRequest, deadline: number): Promise<string>;
  /** InvokeCommand with RepeatMode=DryRun and no ClientToken: the API checks the request, runs nothing. */
  /** InvokeCommand or RunCommand with RepeatMode=DryRun: the cloud's checks, nothing run. */
  dryRun(action: "InvokeCommand" | "RunCommand", request: WireQuery, deadline: number): Promise<void>;
  /**
   * undefined when the invocation does not exist (or its record expired). Without output, each
   * instance's `output` is empty: polls leave it out (up to 24 KB per instance), results fetch it.
   */
  describeInvocation(invokeId: string, deadline: number, includeOutput?: boolean): Promise<InvocationView | undefined>;
  /**
   * Every invocation carrying all of `tags` (DescribeInvocations with Tag.N, every page), newest
   * first, without output.
   */
  findInvocations(tags: Record<string, string>, deadline: number): Promise<InvocationView[]>;
  /** One page (the largest the API serves) of the invocations carrying all of `tags`. */
  listInvocations(query: ListQuery, deadline: number): Promise<InvocationPage>;
  /**
   * One page of per-instance results, with output, of the invocations carrying all of `tags`
   * (DescribeInvocationResults: the one listing that returns output for many invocations).
   */
  listInvocationResults(query: Omit<ListQuery, "includeOutput">, deadline: number): Promise<ResultPage>;
  /** Every recorded run of an invocation, history included (DescribeInvocationResults, all pages). */
  runHistory(invokeId: string, deadline: number): Promise<RunRecord[]>;
  stopInvocation(invokeId: string, deadline: number): Promise<void>;
  /** Adds tags to an invocation (TagResources); a key it already has gets the new value. */
  /** The same tags on each of these invocations (TagResources, 50 a call). */
  tagInvocations(invokeIds: readonly string[], tags: Record<string, string>, deadline: number): Promise<void>;
  /** Instances by id or by tags (DescribeInstances, every page); ids that do not exist are simply absent. */
  describeInstances(query: { instanceIds?: string[]; tags?: Record<string, string> }, deadline: number): Promise<InstanceState[]>;
  /** Whether each instance's Cloud Assistant agent is online (DescribeCloudAssistantStatus, 100 ids a call). */
  describeAgents(instanceIds: string[], deadline: number): Promise<AgentState[]>;
  createCommand(request: CommandRequest, deadline: number): Promise<string>;
  describeCommand(commandId: string, deadline: number): Promise<CommandView | undefined>;
  deleteCommand(commandId: string, deadline: number): Promise<void>;
}

export interface InstanceState {
  instanceId: string;
  /** Pending, Starting, Running, Stopping or Stopped. */
  status: string;
}

export interface AgentState {
  instanceId: string;
  /** A heartbeat within the last two minutes (the API's `CloudAssistantStatus`). */
  online: boolean;
  /** Empty when the agent is not installed (or not running). */
  version: string;
  lastHeartbeatTime: string;
}

/** One run of an invocation on one instance, as DescribeInvocationResults reports it. */
export interface RunRecord {
  instanceId: string;
  /** Per-instance InvocationStatus of that run: Success, Failed, Timeout, … (Running for the current one). */
  status: string;
  exitCode: number;
  errorCode: string;
  output: string;
  startTime: string;
  finishedTime: string;
}

export interface ListQuery {
  tags: Record<string, string>;
  includeOutput: boolean;
  /** The page after the one that answered with this token; the first page without it. */
  nextToken?: string;
}

export interface InvocationPage {
  invocations: InvocationView[];
  /** Absent on the last page. */
  nextToken?: string;
}

/** The output of one instance's run, as DescribeInvocationResults lists it. */
export interface InstanceOutput {
  invokeId: string;
  instanceId: string;
  output: string;
  /** Bytes of a character cut in two at the 24 KB limit, left out of `output`. */
  partialBytes: number;
  dropped: number;
}

export interface ResultPage {
  results: InstanceOutput[];
  nextToken?: string;
}

/** The largest page DescribeInvocations serves. */
