import { createEcsClient } from "./client-factory";
import type { AgentState, EcsApi, InstanceState, InvocationPage, ListQuery } from "./ecs-api-types";
import type { EcsTransport, WireQuery } from "./ecs-transport";
import { classify, type ErrorContext, retryAfterMs, toCloudError } from "./errors";
import { BudgetExceeded, createRequestBudget, type RequestBudget } from "./request-budget";
import { RetriesExhausted, withRetries } from "./retry";
import type { CloudSettings } from "./settings";
import { realTiming, type Timing } from "./timing";
import { agentState, commandView, decodeOutput, instanceState, invocationView, list, num, record, runRecord, str, tagPairs } from "./wire-views";

export type * from "./ecs-api-types";

const MAX_PAGE = 50;
/** TagResources takes at most 50 resource ids a call. */
const MAX_TAGGED_PER_CALL = 50;
/** Outputs are read as the bytes the command wrote and decoded here (see decodeOutput). */
const OUTPUT_ENCODING = "Base64";

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
      ContentEncoding: OUTPUT_ENCODING,
      MaxResults: MAX_PAGE,
      NextToken: query.nextToken,
      Tag: tagPairs(query.tags),
    });
    return { invocations: list(record(body["Invocations"])["Invocation"]).map(invocationView), nextToken: str(body["NextToken"]) || undefined };
  };
  return {
    regionId,
    request: (action, query, deadline, subject = {}) => call(action, subject, deadline, query),
    gather: () => budget.gather(),
    async invokeCommand(request, deadline) {
      // The same ClientToken goes out on every retry, so a retried call never runs the command twice.
      const body = await call("InvokeCommand", { commandId: str(request["CommandId"]) }, deadline, request);
      return str(body["InvokeId"]);
    },
    async runCommand(request, deadline) {
      const body = await call("RunCommand", {}, deadline, { ContentEncoding: "PlainText", KeepCommand: false, ...request });
      return str(body["InvokeId"]);
    },
    async dryRun(action, request, deadline) {
      await call(action, { commandId: str(request["CommandId"]) || undefined }, deadline, { ...request, RepeatMode: "DryRun", ClientToken: undefined });
    },
    async describeInvocation(invokeId, deadline, includeOutput = true) {
      const body = await call("DescribeInvocations", { invokeId }, deadline, {
        InvokeId: invokeId,
        IncludeOutput: includeOutput,
        ContentEncoding: OUTPUT_ENCODING,
      });
      const found = list(record(body["Invocations"])["Invocation"]).find((i) => record(i)["InvokeId"] === invokeId);
      return found ? invocationView(found) : undefined;
    },
    async findInvocations(tags, deadline) {
      const found = await allPages(async (nextToken) => {
        const page = await listInvocations({ tags, includeOutput: false, nextToken }, deadline);
        return { items: page.invocations, nextToken: page.nextToken };
      });
      return found.sort((a, b) => b.creationTime.localeCompare(a.creationTime));
    },
    listInvocations,
    async listInvocationResults(query, deadline) {
      const body = record(
        (
          await call("DescribeInvocationResults", {}, deadline, {
            ContentEncoding: OUTPUT_ENCODING,
            MaxResults: MAX_PAGE,
            NextToken: query.nextToken,
            Tag: tagPairs(query.tags),
          })
        )["Invocation"],
      );
      return {
        results: list(record(body["InvocationResults"])["InvocationResult"]).map((item) => {
          const r = record(item);
          const { output, partialBytes } = decodeOutput(r["Output"]);
          return { invokeId: str(r["InvokeId"]), instanceId: str(r["InstanceId"]), output, partialBytes, dropped: num(r["Dropped"]) };
        }),
        nextToken: str(body["NextToken"]) || undefined,
      };
    },
    async runHistory(invokeId, deadline) {
      return allPages(async (nextToken) => {
        const page = record(
          (
            await call("DescribeInvocationResults", { invokeId }, deadline, {
              InvokeId: invokeId,
              IncludeHistory: true,
              ContentEncoding: OUTPUT_ENCODING,
              MaxResults: MAX_PAGE,
              NextToken: nextToken,
            })
          )["Invocation"],
        );
        return { items: list(record(page["InvocationResults"])["InvocationResult"]).map(runRecord), nextToken: str(page["NextToken"]) || undefined };
      });
    },
    async stopInvocation(invokeId, deadline) {
      await call("StopInvocation", { invokeId }, deadline, { InvokeId: invokeId });
    },
    async tagInvocations(invokeIds, tags, deadline) {
      // One tag set for up to 50 invocations a call, as TagResources takes them.
      for (const ids of chunks(invokeIds, MAX_TAGGED_PER_CALL)) {
        await call("TagResources", { invokeId: ids.join(", ") }, deadline, { ResourceType: "invocation", ResourceId: ids, Tag: tagPairs(tags) });
      }
    },
    async describeInstances(query, deadline) {
      const found: InstanceState[] = [];
      for (const ids of query.instanceIds ? chunks(query.instanceIds, 100) : [undefined]) {
        const page = (nextToken: string | undefined) =>
          call("DescribeInstances", {}, deadline, {
            InstanceIds: ids && JSON.stringify(ids),
            Tag: query.tags && tagPairs(query.tags),
            MaxResults: 100,
            NextToken: nextToken,
          });
        found.push(
          ...(await allPages(async (nextToken) => {
            const body = await page(nextToken);
            return { items: list(record(body["Instances"])["Instance"]).map(instanceState), nextToken: str(body["NextToken"]) || undefined };
          })),
        );
      }
      return found;
    },
    async describeAgents(instanceIds, deadline) {
      const found: AgentState[] = [];
      for (const ids of chunks(instanceIds, 100)) {
        const body = await call("DescribeCloudAssistantStatus", {}, deadline, { InstanceId: ids });
        found.push(...list(record(body["InstanceCloudAssistantStatusSet"])["InstanceCloudAssistantStatus"]).map(agentState));
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

/** Every item of a listing, page after page, as long as the API hands out a NextToken. */
export async function allPages<T>(page: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken: string | undefined }>): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const result = await page(nextToken);
    items.push(...result.items);
    nextToken = result.nextToken;
  } while (nextToken);
  return items;
}
