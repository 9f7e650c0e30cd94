/**
 * The EcsInvocation contract, one function per step the engine calls:
 * - check: every documented InvokeCommand rule, at preview time, one failure per field;
 * - diff: any cloud input change replaces; timeouts and wait options update in place; a failed or
 *   timed-out run is replaced on the next `up` (it runs again, as a tainted Terraform resource does);
 * - create: InvokeCommand with one ClientToken for all retries, then adaptive waiting; a failed or
 *   timed-out run is recorded in state (partial failure), never orphaned; `adoptInvokeId` adopts;
 * - read: refresh from DescribeInvocations; a finished invocation whose record expired is kept;
 * - delete: StopInvocation only while it can still run, then wait for it to settle.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { EcsApi, InvocationView } from "../cloud/ecs-api";
import { CloudError, isNotFound } from "../cloud/errors";
import { useStackConfig } from "../cloud/settings";
import { waitFor } from "../cloud/waiter";
import { checkWith, type CheckFailure } from "../schema/check-failures";
import { timeoutMs } from "../schema/duration";
import { invocationSchema, type InvocationInputs } from "../schema/invocation-schema";
import { adoptionMismatches } from "./adopt-invocation";
import { changed } from "./changes";
import {
  type CreateOutcome, failureReport, instanceOutputs, type InvocationOutputs, isFailure, progressLine,
  reachedTarget, TERMINAL_STATUSES,
} from "./invocation-state";
import { PartialFailure } from "./partial-failure";
import { runtime } from "./runtime";

/** `__urn` is set by the resource class so progress messages land beside the resource. */
type Inputs = InvocationInputs & { __provider?: string; __urn?: string };

/** Inputs that change what runs in the cloud: changing any of them replaces the invocation. */
export const CLOUD_INPUTS = [
  "commandId", "instanceIds", "resourceTags", "repeatMode", "timed", "frequency", "parameters", "username",
  "windowsPasswordName", "resourceGroupId", "containerId", "containerName", "timeout", "tags", "terminationMode",
  "launcher", "workingDir", "ossOutputDelivery", "clientToken", "regionId",
] as const;

/** Inputs that only steer this provider: changing them updates state without calling the cloud. */
export const META_INPUTS = ["timeouts", "waitForCompletion", "adoptInvokeId"] as const;

const DRYRUN_PREFIX = "dryrun-";
const READ_TIMEOUT_MS = 60_000;

export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  useStackConfig(request.config);
}

export async function check(_olds: Inputs, news: Inputs): Promise<{ inputs: Inputs; failures: CheckFailure[] }> {
  const { __provider: _provider, __urn: _urn, ...inputs } = news;
  return { inputs: news, failures: checkWith(invocationSchema, inputs) };
}

export async function diff(_id: string, olds: InvocationOutputs, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
  const replaces: string[] = CLOUD_INPUTS.filter((key) => changed(olds[key], news[key]));
  if (olds.createOutcome === "failed" || olds.createOutcome === "timedOut") replaces.push("status");
  const metaChanged = META_INPUTS.some((key) => changed(olds[key], news[key]));
  return { changes: replaces.length > 0 || metaChanged, replaces, deleteBeforeReplace: false };
}

export async function create(inputs: Inputs): Promise<{ id: string; outs: InvocationOutputs }> {
  const { __provider, __urn: urn, ...args } = inputs;
  const rt = runtime();
  const api = rt.api(args.regionId);
  const deadline = rt.timing.now() + timeoutMs(args.timeouts?.create);
  if (args.adoptInvokeId) return adopt(api, args, deadline);

  const repeatMode = args.repeatMode ?? (args.frequency ? "Period" : "Once");
  const clientToken = args.clientToken ?? rt.newClientToken();
  const invokeId = await api.invokeCommand(
    {
      commandId: args.commandId, instanceIds: args.instanceIds, resourceTags: args.resourceTags, repeatMode: args.repeatMode,
      timed: args.timed, frequency: args.frequency, parameters: args.parameters, username: args.username,
      windowsPasswordName: args.windowsPasswordName, resourceGroupId: args.resourceGroupId, containerId: args.containerId,
      containerName: args.containerName, timeout: args.timeout, tags: args.tags, terminationMode: args.terminationMode,
      launcher: args.launcher, workingDir: args.workingDir, ossOutputDelivery: args.ossOutputDelivery, clientToken,
    },
    deadline,
  ).catch((error: unknown) => {
    throw lostInvokeError(error, args.commandId, api.regionId, clientToken);
  });
  if (repeatMode === "DryRun") {
    const id = invokeId || `${DRYRUN_PREFIX}${clientToken}`;
    return { id, outs: compact(baseOutputs(args, api.regionId, id, clientToken, "dryRun", { status: "DryRunPassed" })) };
  }

  const outputsOf = (view: InvocationView | undefined, outcome: CreateOutcome): InvocationOutputs =>
    compact(baseOutputs(args, api.regionId, invokeId, clientToken, outcome, view ? fromView(view) : { status: "Pending" }));
  let last: InvocationView | undefined;
  try {
    if (args.waitForCompletion === false) {
      last = await api.describeInvocation(invokeId, deadline);
      return { id: invokeId, outs: outputsOf(last, "notWaited") };
    }
    let lastLine = "";
    const result = await waitFor({
      poll: () => api.describeInvocation(invokeId, deadline, false),
      done: (view) => view !== undefined && reachedTarget(view, repeatMode),
      deadline,
      timing: rt.timing,
      onProgress: (view) => {
        last = view;
        const line = view ? progressLine(view) : `${invokeId}: waiting for the invocation record`;
        if (line !== lastLine) rt.progress(line, urn);
        lastLine = line;
      },
    });
    // Polls leave the output out; read it once, for the outputs and the failure report.
    last = (await api.describeInvocation(invokeId, deadline)) ?? result.state;
    if (result.kind === "timeout") {
      const seconds = Math.round(timeoutMs(args.timeouts?.create) / 1000);
      throw new PartialFailure(
        `Invocation ${invokeId} did not reach ${repeatMode === "Once" ? "a final state" : "Scheduled"} within the create timeout of ${seconds}s ` +
          `(it is ${last?.status ?? "unknown"}). It is recorded in state: \`pulumi refresh\` picks up its result, the next \`pulumi up\` ` +
          `replaces it (stopping it if still active), \`pulumi destroy\` stops it. Raise timeouts.create or the customTimeouts option to wait longer.`,
        invokeId,
        { ...outputsOf(last, "timedOut"), __provider },
      );
    }
  } catch (error) {
    if (error instanceof PartialFailure) throw error;
    // InvokeCommand succeeded, so the invocation exists: record it rather than lose it.
    throw new PartialFailure(
      `Invocation ${invokeId} was started, but its status could not be read: ${error instanceof Error ? error.message : String(error)}. ` +
        "It is recorded in state; run `pulumi refresh` to see its result.",
      invokeId,
      { ...outputsOf(last, "timedOut"), __provider },
    );
  }
  if (last && isFailure(last)) {
    throw new PartialFailure(
      `${failureReport(last)}\nThe invocation is recorded in state; the next \`pulumi up\` runs the command again.`,
      invokeId,
      { ...outputsOf(last, "failed"), __provider },
    );
  }
  return { id: invokeId, outs: outputsOf(last, "completed") };
}

/** What refresh returns: current outputs, and inputs as the cloud reports them (so drift shows). */
export interface InvocationReadResult {
  id?: string;
  props?: InvocationOutputs;
  inputs?: Partial<InvocationInputs>;
}

export async function read(id: string, props: InvocationOutputs): Promise<InvocationReadResult> {
  if (id.startsWith(DRYRUN_PREFIX)) return { id, props, inputs: inputsOf(props) };
  const rt = runtime();
  const api = rt.api(props.regionId ?? props.resolvedRegionId);
  const view = await api.describeInvocation(id, rt.timing.now() + READ_TIMEOUT_MS);
  if (!view) {
    if (TERMINAL_STATUSES.has(props.status) || props.recordExpired) {
      // A finished command must never run again just because the cloud forgot it.
      const kept = { ...props, recordExpired: true };
      return { id, props: kept, inputs: inputsOf(kept) };
    }
    return { id: "" };
  }
  const drifted = driftedInputs(props, view);
  let outcome = props.createOutcome;
  if ((outcome === "timedOut" || outcome === "notWaited") && TERMINAL_STATUSES.has(view.status)) {
    outcome = isFailure(view) ? "failed" : "completed";
  }
  const outs = compact({ ...props, ...drifted, ...fromView(view), createOutcome: outcome, recordExpired: false });
  return { id, props: outs, inputs: inputsOf(outs) };
}

export async function update(_id: string, olds: InvocationOutputs, news: Inputs): Promise<{ outs: InvocationOutputs }> {
  const outs: InvocationOutputs = { ...olds };
  for (const key of META_INPUTS) {
    if (news[key] === undefined) delete outs[key];
    else (outs as unknown as Record<string, unknown>)[key] = news[key];
  }
  return { outs };
}

export async function remove(id: string, props: InvocationOutputs & { __urn?: string }): Promise<void> {
  if (id.startsWith(DRYRUN_PREFIX) || props.recordExpired) return;
  const rt = runtime();
  const api = rt.api(props.regionId ?? props.resolvedRegionId);
  const deadline = rt.timing.now() + timeoutMs(props.timeouts?.delete);
  const view = await api.describeInvocation(id, deadline, false);
  if (!view || TERMINAL_STATUSES.has(view.status)) return;
  if (view.status !== "Stopping") {
    try {
      await api.stopInvocation(id, deadline);
    } catch (error) {
      if (isNotFound(error, "InvalidInvokeId.NotFound")) return;
      throw error;
    }
  }
  const result = await waitFor({
    poll: () => api.describeInvocation(id, deadline, false),
    done: (current) => !current || TERMINAL_STATUSES.has(current.status),
    deadline,
    timing: rt.timing,
    onProgress: (current) => current && rt.progress(`stopping ${progressLine(current)}`, props.__urn),
  });
  if (result.kind === "timeout") {
    throw new Error(
      `Invocation ${id} was asked to stop but is still ${result.state?.status ?? "unknown"} after the delete timeout ` +
        `(${Math.round(timeoutMs(props.timeouts?.delete) / 1000)}s). Run \`pulumi destroy\` again, or raise timeouts.delete.`,
    );
  }
}

async function adopt(api: EcsApi, args: InvocationInputs, deadline: number): Promise<{ id: string; outs: InvocationOutputs }> {
  const invokeId = args.adoptInvokeId ?? "";
  const view = await api.describeInvocation(invokeId, deadline);
  if (!view) {
    throw new Error(`Cannot import invocation ${invokeId}: it does not exist in region ${api.regionId} (records are kept about 30 days). Check the id and the region.`);
  }
  const mismatches = adoptionMismatches(args, view);
  if (mismatches.length > 0) {
    throw new Error(
      `Cannot import invocation ${invokeId}: the program declares different inputs:\n  ${mismatches.join("\n  ")}\n` +
        "Change the program to match the existing invocation, or remove the import option to run a new one.",
    );
  }
  return { id: invokeId, outs: compact(baseOutputs(args, api.regionId, invokeId, "", "adopted", fromView(view))) };
}

type CloudOutputs = Partial<Pick<InvocationOutputs, "status" | "instances" | "creationTime" | "commandName" | "commandType">>;

function fromView(view: InvocationView): CloudOutputs {
  return {
    status: view.status,
    instances: instanceOutputs(view.instances),
    creationTime: view.creationTime,
    commandName: view.commandName,
    commandType: view.commandType,
  };
}

function baseOutputs(args: InvocationInputs, regionId: string, invokeId: string, clientToken: string, outcome: CreateOutcome, cloud: CloudOutputs): InvocationOutputs {
  return {
    ...args,
    invokeId,
    resolvedRegionId: regionId,
    status: cloud.status ?? "Pending",
    instances: cloud.instances ?? [],
    creationTime: cloud.creationTime ?? "",
    commandName: cloud.commandName ?? "",
    commandType: cloud.commandType ?? "",
    usedClientToken: clientToken,
    createOutcome: outcome,
    recordExpired: false,
  };
}

/** The declared cloud inputs as the cloud now reports them, so `refresh` shows drift. */
function driftedInputs(props: InvocationOutputs, view: InvocationView): Partial<InvocationInputs> {
  const out: Partial<InvocationInputs> = {};
  if (props.commandId !== undefined) out.commandId = view.commandId;
  if (props.instanceIds !== undefined) {
    const actual = view.instances.map((i) => i.instanceId);
    const same = actual.length === props.instanceIds.length && actual.every((id) => props.instanceIds?.includes(id));
    out.instanceIds = same ? props.instanceIds : actual;
  }
  if (props.repeatMode !== undefined && view.repeatMode) out.repeatMode = view.repeatMode as InvocationInputs["repeatMode"];
  if (props.frequency !== undefined) out.frequency = view.frequency;
  if (props.username !== undefined && view.username) out.username = view.username;
  if (props.timeout !== undefined && view.timeout) out.timeout = view.timeout;
  return out;
}

function inputsOf(outputs: InvocationOutputs): Partial<InvocationInputs> {
  const inputs: Record<string, unknown> = {};
  for (const key of [...CLOUD_INPUTS, ...META_INPUTS]) {
    if (outputs[key] !== undefined) inputs[key] = outputs[key];
  }
  return inputs as Partial<InvocationInputs>;
}

/**
 * When every InvokeCommand attempt ended without any HTTP response, the request may still have
 * reached the cloud: say so, and how to find and adopt the invocation instead of running it twice.
 */
function lostInvokeError(error: unknown, commandId: string, regionId: string, clientToken: string): unknown {
  if (!(error instanceof CloudError) || error.statusCode !== undefined) return error;
  return new CloudError(
    error.action, error.code, error.cloudMessage, error.requestId, error.statusCode,
    `${error.hint ? `${error.hint}\n` : ""}The request may have reached the cloud before the connection failed, so the command may be running: ` +
      `look for a new invocation of ${commandId} in region ${regionId} (sent with ClientToken ${clientToken}) and adopt it with the import option rather than running the command again.`,
  );
}

/** The engine cannot store `undefined` (e.g. a resource read with `get` has no createOutcome). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
