import type Ecs from "@alicloud/ecs20140526";
import type * as $Ecs from "@alicloud/ecs20140526";
import { createEcsClient } from "./client-factory";
import { ecsSdk } from "./sdk-modules";
import { classify, type ErrorContext, retryAfterMs, toCloudError } from "./errors";
import { BudgetExceeded, createRequestBudget, type RequestBudget } from "./request-budget";
import { RetriesExhausted, withRetries } from "./retry";
import type { CloudSettings } from "./settings";
import { realTiming, type Timing } from "./timing";

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

export interface InvokeRequest {
  commandId: string;
  instanceIds?: string[];
  resourceTags?: Record<string, string>;
  repeatMode?: string;
  timed?: boolean;
  frequency?: string;
  parameters?: Record<string, string>;
  username?: string;
  windowsPasswordName?: string;
  resourceGroupId?: string;
  containerId?: string;
  containerName?: string;
  timeout?: number;
  tags?: Record<string, string>;
  terminationMode?: string;
  launcher?: string;
  workingDir?: string;
  ossOutputDelivery?: string;
  clientToken: string;
}

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
  stopInvocation(invokeId: string, deadline: number): Promise<void>;
  /** Adds tags to an invocation (TagResources); a key it already has gets the new value. */
  tagInvocation(invokeId: string, tags: Record<string, string>, deadline: number): Promise<void>;
  createCommand(request: CommandRequest, deadline: number): Promise<string>;
  describeCommand(commandId: string, deadline: number): Promise<CommandView | undefined>;
  deleteCommand(commandId: string, deadline: number): Promise<void>;
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
 * The real API over the official SDK, with retries and error mapping. Every attempt first takes a
 * slot of `budget`, which the APIs of one account share (see session).
 */
export function createEcsApi(
  settings: CloudSettings,
  timing: Timing = realTiming,
  client: Ecs = createEcsClient(settings),
  budget: RequestBudget = createRequestBudget(timing, { maxPerSecond: settings.maxRequestsPerSecond }),
): EcsApi {
  const regionId = settings.regionId;
  // The request models; the module is loaded by the first API built (see sdk-modules).
  const $Ecs = ecsSdk();
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
  const call = async <T>(context: Omit<ErrorContext, "regionId">, deadline: number, run: () => Promise<T>): Promise<T> => {
    try {
      return await withRetries(() => attempt(deadline, run), deadline, timing);
    } catch (error) {
      const ctx = { ...context, regionId };
      if (error instanceof RetriesExhausted && error.lastError instanceof BudgetExceeded) throw error.lastError;
      if (error instanceof RetriesExhausted) throw toCloudError(error.lastError, ctx, error.attempts, error.waitedMs);
      throw toCloudError(error, ctx);
    }
  };
  const listInvocations = async (query: ListQuery, deadline: number): Promise<InvocationPage> => {
    const request = new $Ecs.DescribeInvocationsRequest({
      regionId, includeOutput: query.includeOutput, contentEncoding: "PlainText", maxResults: MAX_PAGE, nextToken: query.nextToken,
      tag: keyValues(query.tags).map((pair) => new $Ecs.DescribeInvocationsRequestTag(pair)),
    });
    const response = await call({ action: "DescribeInvocations" }, deadline, () => client.describeInvocations(request));
    return { invocations: (response.body?.invocations?.invocation ?? []).map(toInvocationView), nextToken: response.body?.nextToken || undefined };
  };
  return {
    regionId,
    gather: () => budget.gather(),
    async invokeCommand(request, deadline) {
      const sdkRequest = new $Ecs.InvokeCommandRequest({
        ...request,
        regionId,
        instanceId: request.instanceIds,
        instanceIds: undefined,
        resourceTag: request.resourceTags && keyValues(request.resourceTags).map((pair) => new $Ecs.InvokeCommandRequestResourceTag(pair)),
        resourceTags: undefined,
        tag: request.tags && keyValues(request.tags).map((pair) => new $Ecs.InvokeCommandRequestTag(pair)),
        tags: undefined,
      });
      // The same ClientToken goes out on every retry, so a retried call never runs the command twice.
      const response = await call({ action: "InvokeCommand", commandId: request.commandId }, deadline, () => client.invokeCommand(sdkRequest));
      return response.body?.invokeId ?? "";
    },
    async describeInvocation(invokeId, deadline, includeOutput = true) {
      const response = await call({ action: "DescribeInvocations", invokeId }, deadline, () =>
        client.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId, invokeId, includeOutput, contentEncoding: "PlainText" })));
      const found = response.body?.invocations?.invocation?.find((i) => i.invokeId === invokeId);
      return found ? toInvocationView(found) : undefined;
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
      const request = new $Ecs.DescribeInvocationResultsRequest({
        regionId, contentEncoding: "PlainText", maxResults: MAX_PAGE, nextToken: query.nextToken,
        tag: keyValues(query.tags).map((pair) => new $Ecs.DescribeInvocationResultsRequestTag(pair)),
      });
      const response = await call({ action: "DescribeInvocationResults" }, deadline, () => client.describeInvocationResults(request));
      const body = response.body?.invocation;
      return {
        results: (body?.invocationResults?.invocationResult ?? []).map((r) => ({
          invokeId: r.invokeId ?? "", instanceId: r.instanceId ?? "", output: r.output ?? "", dropped: r.dropped ?? 0,
        })),
        nextToken: body?.nextToken || undefined,
      };
    },
    async stopInvocation(invokeId, deadline) {
      await call({ action: "StopInvocation", invokeId }, deadline, () => client.stopInvocation(new $Ecs.StopInvocationRequest({ regionId, invokeId })));
    },
    async tagInvocation(invokeId, tags, deadline) {
      const request = new $Ecs.TagResourcesRequest({
        regionId, resourceType: "invocation", resourceId: [invokeId],
        tag: keyValues(tags).map((pair) => new $Ecs.TagResourcesRequestTag(pair)),
      });
      await call({ action: "TagResources", invokeId }, deadline, () => client.tagResources(request));
    },
    async createCommand(request, deadline) {
      const response = await call({ action: "CreateCommand" }, deadline, () => client.createCommand(new $Ecs.CreateCommandRequest({
        ...request,
        regionId,
        contentEncoding: "Base64",
        tag: request.tags && keyValues(request.tags).map((pair) => new $Ecs.CreateCommandRequestTag(pair)),
        tags: undefined,
      })));
      return response.body?.commandId ?? "";
    },
    async describeCommand(commandId, deadline) {
      const response = await call({ action: "DescribeCommands", commandId }, deadline, () =>
        client.describeCommands(new $Ecs.DescribeCommandsRequest({ regionId, commandId, contentEncoding: "Base64" })));
      const found = response.body?.commands?.command?.find((c) => c.commandId === commandId);
      if (!found) return undefined;
      return {
        commandId,
        name: found.name ?? "",
        commandContent: found.commandContent ?? "",
        type: found.type ?? "",
        description: found.description ?? "",
        enableParameter: found.enableParameter ?? false,
        timeout: found.timeout ?? 60,
        workingDir: found.workingDir ?? "",
        launcher: found.launcher ?? "",
        resourceGroupId: found.resourceGroupId ?? "",
        tags: tagRecord(found.tags?.tag),
        creationTime: found.creationTime ?? "",
      };
    },
    async deleteCommand(commandId, deadline) {
      await call({ action: "DeleteCommand", commandId }, deadline, () => client.deleteCommand(new $Ecs.DeleteCommandRequest({ regionId, commandId })));
    },
  };
}

function toInvocationView(found: $Ecs.DescribeInvocationsResponseBodyInvocationsInvocation): InvocationView {
  return {
    invokeId: found.invokeId ?? "",
    commandId: found.commandId ?? "",
    commandName: found.commandName ?? "",
    commandType: found.commandType ?? "",
    status: found.invocationStatus ?? "",
    repeatMode: found.repeatMode ?? "",
    frequency: found.frequency ?? "",
    parameters: parseParameters(found.parameters),
    username: found.username ?? "",
    timeout: found.timeout ?? 0,
    workingDir: found.workingDir ?? "",
    launcher: found.launcher ?? "",
    containerId: found.containerId ?? "",
    containerName: found.containerName ?? "",
    terminationMode: found.terminationMode ?? "",
    ossOutputDelivery: found.ossOutputDelivery ?? "",
    creationTime: found.creationTime ?? "",
    tags: tagRecord(found.tags?.tag),
    instances: (found.invokeInstances?.invokeInstance ?? []).map((i) => ({
      instanceId: i.instanceId ?? "",
      status: i.invocationStatus ?? "",
      exitCode: i.exitCode ?? 0,
      errorCode: i.errorCode ?? "",
      errorInfo: i.errorInfo ?? "",
      output: i.output ?? "",
      dropped: i.dropped ?? 0,
      repeats: i.repeats ?? 0,
      startTime: i.startTime ?? "",
      finishTime: i.finishTime ?? "",
    })),
  };
}

/** The SDK's repeat-list form of a tag map. */
function keyValues(record: Record<string, string>): { key: string; value: string }[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}

function tagRecord(tags: { tagKey?: string; tagValue?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.tagKey ?? "", t.tagValue ?? ""]));
}

/** Parameters come back as a JSON string (older responses) or an object (newer examples). */
function parseParameters(raw: unknown): Record<string, string> {
  if (raw && typeof raw === "object") return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  if (typeof raw !== "string" || raw === "") return {};
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  } catch {
    return {};
  }
}
