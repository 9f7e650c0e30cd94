import { createEcsClient } from "./client-factory";
import type { EcsTransport, WireQuery } from "./ecs-transport";
import { classify, type ErrorContext, retryAfterMs, toCloudError } from "./errors";
import { BudgetExceeded, createRequestBudget, type RequestBudget } from "./request-budget";
import { RetriesExhausted, withRetries } from "./retry";
import type { CloudSettings } from "./settings";
import { realTiming, type Timing } from "./timing";
import { bool, commandView, invocationView, list, num, record, str, tagPairs } from "./wire-views";

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
  /** When a shared read may gather its batch (see RequestBudget.gather). */
  gather(): Promise<void>;
  invokeCommand(request: InvokeRequest, deadline: number): Promise<string>;
  /** InvokeCommand with RepeatMode=DryRun and no ClientToken: the API checks the request, runs nothing. */
  dryRunInvoke(request: WireQuery & { CommandId: string }, deadline: number): Promise<void>;
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
  tagInvocation(invokeId: string, tags: Record<string, string>, deadline: number): Promise<void>;
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
  dropped: number;
}

export interface ResultPage {
  results: InstanceOutput[];
  nextToken?: string;
}

/** The largest page DescribeInvocations serves. */
const MAX_PAGE = 50;

/**
 * The real API over the official SDK's transport, with retries and error mapping. Every attempt
 * first takes a slot of `budget`, which the APIs of one account share (see session).
 */
export function createEcsApi(
  settings: CloudSettings,
  timing: Timing = realTiming,
  transport: EcsTransport = createEcsClient(settings),
  budget: RequestBudget = createRequestBudget(timing, { maxPerSecond: settings.maxRequestsPerSecond }),
): EcsApi {
  const regionId = settings.regionId;
  const attempt = async <T>(deadline: number, run: () => Promise<T>): Promise<T> => {
    await budget.take(deadline);
    try {
      const result = await run();
      budget.accepted();
      return result;
    } catch (error) {
      if (classify(error) === "throttling") budget.throttled(retryAfterMs(error));
      else if ((error as { statusCode?: number }).statusCode !== undefined) budget.accepted();
      throw error;
    }
  };
  /** One action, retried within `deadline`, its errors mapped; every call names the region. */
  const call = async (action: string, context: Omit<ErrorContext, "regionId" | "action">, deadline: number, query: WireQuery) => {
    try {
      return await withRetries(() => attempt(deadline, () => transport.call(action, { RegionId: regionId, ...query })), deadline, timing);
    } catch (error) {
      const ctx = { ...context, action, regionId };
      if (error instanceof RetriesExhausted && error.lastError instanceof BudgetExceeded) throw error.lastError;
      if (error instanceof RetriesExhausted) throw toCloudError(error.lastError, ctx, error.attempts, error.waitedMs);
      throw toCloudError(error, ctx);
    }
  };
  const listInvocations = async (query: ListQuery, deadline: number): Promise<InvocationPage> => {
    const body = await call("DescribeInvocations", {}, deadline, {
      IncludeOutput: query.includeOutput,
      ContentEncoding: "PlainText",
      MaxResults: MAX_PAGE,
      NextToken: query.nextToken,
      Tag: tagPairs(query.tags),
    });
    return { invocations: list(record(body["Invocations"])["Invocation"]).map(invocationView), nextToken: str(body["NextToken"]) || undefined };
  };
  return {
    regionId,
    gather: () => budget.gather(),
    async invokeCommand(request, deadline) {
      // The same ClientToken goes out on every retry, so a retried call never runs the command twice.
      const body = await call("InvokeCommand", { commandId: str(request["CommandId"]) }, deadline, request);
      return str(body["InvokeId"]);
    },
    async dryRunInvoke(request, deadline) {
      await call("InvokeCommand", { commandId: str(request["CommandId"]) }, deadline, { ...request, RepeatMode: "DryRun", ClientToken: undefined });
    },
    async describeInvocation(invokeId, deadline, includeOutput = true) {
      const body = await call("DescribeInvocations", { invokeId }, deadline, {
        InvokeId: invokeId,
        IncludeOutput: includeOutput,
        ContentEncoding: "PlainText",
      });
      const found = list(record(body["Invocations"])["Invocation"]).find((i) => record(i)["InvokeId"] === invokeId);
      return found ? invocationView(found) : undefined;
    },
    async findInvocations(tags, deadline) {
      const found: InvocationView[] = [];
      let nextToken: string | undefined;
      do {
        const page = await listInvocations({ tags, includeOutput: false, nextToken }, deadline);
        found.push(...page.invocations);
        nextToken = page.nextToken;
      } while (nextToken);
      return found.sort((a, b) => b.creationTime.localeCompare(a.creationTime));
    },
    listInvocations,
    async listInvocationResults(query, deadline) {
      const body = record(
        (
          await call("DescribeInvocationResults", {}, deadline, {
            ContentEncoding: "PlainText",
            MaxResults: MAX_PAGE,
            NextToken: query.nextToken,
            Tag: tagPairs(query.tags),
          })
        )["Invocation"],
      );
      return {
        results: list(record(body["InvocationResults"])["InvocationResult"]).map((item) => {
          const r = record(item);
          return { invokeId: str(r["InvokeId"]), instanceId: str(r["InstanceId"]), output: str(r["Output"]), dropped: num(r["Dropped"]) };
        }),
        nextToken: str(body["NextToken"]) || undefined,
      };
    },
    async runHistory(invokeId, deadline) {
      const runs: RunRecord[] = [];
      let nextToken: string | undefined;
      do {
        const page = record(
          (
            await call("DescribeInvocationResults", { invokeId }, deadline, {
              InvokeId: invokeId,
              IncludeHistory: true,
              ContentEncoding: "PlainText",
              MaxResults: MAX_PAGE,
              NextToken: nextToken,
            })
          )["Invocation"],
        );
        for (const item of list(record(page["InvocationResults"])["InvocationResult"])) {
          const r = record(item);
          runs.push({
            instanceId: str(r["InstanceId"]),
            status: str(r["InvocationStatus"]),
            exitCode: num(r["ExitCode"]),
            errorCode: str(r["ErrorCode"]),
            output: str(r["Output"]),
            startTime: str(r["StartTime"]),
            finishedTime: str(r["FinishedTime"]),
          });
        }
        nextToken = str(page["NextToken"]) || undefined;
      } while (nextToken);
      return runs;
    },
    async stopInvocation(invokeId, deadline) {
      await call("StopInvocation", { invokeId }, deadline, { InvokeId: invokeId });
    },
    async tagInvocation(invokeId, tags, deadline) {
      await call("TagResources", { invokeId }, deadline, { ResourceType: "invocation", ResourceId: [invokeId], Tag: tagPairs(tags) });
    },
    async describeInstances(query, deadline) {
      const found: InstanceState[] = [];
      for (const ids of query.instanceIds ? chunks(query.instanceIds, 100) : [undefined]) {
        let nextToken: string | undefined;
        do {
          const body = await call("DescribeInstances", {}, deadline, {
            InstanceIds: ids && JSON.stringify(ids),
            Tag: query.tags && tagPairs(query.tags),
            MaxResults: 100,
            NextToken: nextToken,
          });
          for (const item of list(record(body["Instances"])["Instance"]))
            found.push({ instanceId: str(record(item)["InstanceId"]), status: str(record(item)["Status"]) });
          nextToken = str(body["NextToken"]) || undefined;
        } while (nextToken);
      }
      return found;
    },
    async describeAgents(instanceIds, deadline) {
      const found: AgentState[] = [];
      for (const ids of chunks(instanceIds, 100)) {
        const body = await call("DescribeCloudAssistantStatus", {}, deadline, { InstanceId: ids });
        for (const item of list(record(body["InstanceCloudAssistantStatusSet"])["InstanceCloudAssistantStatus"])) {
          const r = record(item);
          found.push({
            instanceId: str(r["InstanceId"]),
            online: bool(r["CloudAssistantStatus"]),
            version: str(r["CloudAssistantVersion"]),
            lastHeartbeatTime: str(r["LastHeartbeatTime"]),
          });
        }
      }
      return found;
    },
    async createCommand(request, deadline) {
      const body = await call("CreateCommand", {}, deadline, {
        Name: request.name,
        CommandContent: request.commandContent,
        Type: request.type,
        Description: request.description,
        EnableParameter: request.enableParameter,
        Timeout: request.timeout,
        WorkingDir: request.workingDir,
        Launcher: request.launcher,
        ResourceGroupId: request.resourceGroupId,
        ContentEncoding: "Base64",
        Tag: request.tags && tagPairs(request.tags),
      });
      return str(body["CommandId"]);
    },
    async describeCommand(commandId, deadline) {
      const body = await call("DescribeCommands", { commandId }, deadline, { CommandId: commandId, ContentEncoding: "Base64" });
      const found = list(record(body["Commands"])["Command"]).find((c) => record(c)["CommandId"] === commandId);
      return found ? commandView(found) : undefined;
    },
    async deleteCommand(commandId, deadline) {
      await call("DeleteCommand", { commandId }, deadline, { CommandId: commandId });
    },
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
