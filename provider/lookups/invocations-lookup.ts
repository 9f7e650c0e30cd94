/** `getEcsInvocations`: invocations by id, command, status, tags… (DescribeInvocations, every page). */
import { allPages } from "../cloud/ecs-api";
import type { EcsApi, InvocationView } from "../cloud/ecs-api-types";
import { invocationView, list, record, str, tagPairs } from "../cloud/wire-views";
import { keepOutputTail } from "../lifecycle/invocation-state";
import type { EcsInvocationInfo, GetEcsInvocationsArgs, GetEcsInvocationsResult } from "./lookup-types";

const MAX_PAGE = 50;
/** Output kept per instance unless the caller says otherwise. */
export const DEFAULT_LOOKUP_TAIL_BYTES = 4096;
/** Terraform's `Finished` is the API's older word for a run that ended well. */
const STATUS_ALIASES: Record<string, string> = { Finished: "Success" };

export async function lookupInvocations(api: EcsApi, args: GetEcsInvocationsArgs, deadline: number): Promise<GetEcsInvocationsResult> {
  const query = {
    CommandId: args.commandId,
    CommandName: args.commandName,
    CommandType: args.commandType,
    InvokeStatus: args.status && (STATUS_ALIASES[args.status] ?? args.status),
    RepeatMode: args.repeatMode,
    InstanceId: args.instanceId,
    Tag: args.tags && tagPairs(args.tags),
    MaxResults: MAX_PAGE,
  };
  const ids: (string | undefined)[] = args.ids?.length ? [...new Set(args.ids)] : [undefined];
  const views: InvocationView[] = [];
  for (const invokeId of ids) {
    views.push(
      ...(await allPages(async (nextToken) => {
        const body = await api.request("DescribeInvocations", { ...query, InvokeId: invokeId, NextToken: nextToken }, deadline, { invokeId });
        return { items: list(record(body["Invocations"])["Invocation"]).map(invocationView), nextToken: str(body["NextToken"]) || undefined };
      })),
    );
  }
  const withOutput = args.includeOutput ?? true;
  const tail = args.outputTailBytes ?? DEFAULT_LOOKUP_TAIL_BYTES;
  const invocations: EcsInvocationInfo[] = [];
  for (const listed of views) {
    // The listing leaves output out (IncludeOutput needs an InvokeId): one read per invocation.
    const view = withOutput ? ((await api.describeInvocation(listed.invokeId, deadline, true)) ?? listed) : listed;
    invocations.push(invocationInfo(view, tail === 0 ? undefined : tail));
  }
  return { ids: invocations.map((i) => i.id), invocations };
}

function invocationInfo(view: InvocationView, tailBytes: number | undefined): EcsInvocationInfo {
  return {
    id: view.invokeId,
    invokeId: view.invokeId,
    commandId: view.commandId,
    commandName: view.commandName,
    commandType: view.commandType,
    status: view.status,
    repeatMode: view.repeatMode,
    frequency: view.frequency,
    timeout: view.timeout,
    username: view.username,
    workingDir: view.workingDir,
    creationTime: view.creationTime,
    tags: view.tags,
    hasParameters: Object.keys(view.parameters).length > 0,
    instances: keepOutputTail(view.instances, tailBytes).map((i) => ({
      instanceId: i.instanceId,
      status: i.status,
      exitCode: i.exitCode,
      errorCode: i.errorCode,
      errorInfo: i.errorInfo,
      output: i.output,
      outputOmitted: (i.outputOmitted ?? 0) + i.dropped,
      repeats: i.repeats,
      startTime: i.startTime,
      finishTime: i.finishTime,
    })),
  };
}
