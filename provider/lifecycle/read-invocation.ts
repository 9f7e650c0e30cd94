/**
 * Refresh and `get` of an EcsInvocation: the invocation as DescribeInvocations reports it, with its
 * schedule's runs and its targets' drift; a finished invocation whose record the cloud expired is
 * kept, never run again; one known by its id only gets its inputs from what the cloud reports.
 */
import type { EcsApi, InvocationView } from "../cloud/ecs-api";
import { readerFor } from "../cloud/invocation-reader";
import type { InvocationInputs } from "../schema/invocation-schema";
import { compact, DRYRUN_PREFIX, fromView, inputsOf, invocationOutputs, settledOutcome } from "./invocation-outputs";
import type { InvocationOutputs } from "./invocation-state";
import { driftedInputs, reportedInputs, scriptInputs } from "./read-back";
import { refreshRollout } from "./rollout-steps";
import { stackTagOf } from "./run/run-identity";
import { overForGood } from "./run/settle-invocation";
import { type ScheduleSummary, summarizeRuns } from "./schedule-summary";
import type { StepContext } from "./step-context";
import { readTargetDrift } from "./target-drift";
import { TERMINAL_STATUSES } from "./vocabulary";

/** How long a refresh may take for one invocation. */
export const READ_TIMEOUT_MS = 60_000;

/** What refresh returns: current outputs, and inputs as the cloud reports them (so drift shows). */
export interface InvocationReadResult {
  id?: string;
  props?: InvocationOutputs;
  inputs?: Partial<InvocationInputs>;
}

export async function readInvocation(ctx: StepContext, id: string, props: InvocationOutputs): Promise<InvocationReadResult> {
  if (id.startsWith(DRYRUN_PREFIX)) return { id, props, inputs: inputsOf(props) };
  const api = ctx.api(props.regionId ?? props.resolvedRegionId);
  const deadline = ctx.timing.now() + READ_TIMEOUT_MS;
  // A run over for good cannot change: its status comes from the stack's shared listing, and its
  // results stay as the state has them — unless the state left some output out (outputTailBytes,
  // since raised), which the cloud still has.
  const settled = overForGood(props) && !props.rolloutResult && (props.instances ?? []).every((instance) => !instance.outputOmitted);
  const reader = readerFor(api);
  const sharedTag = stackTagOf(ctx.urn);
  const view = settled ? await reader.readSettled(id, deadline, { sharedTag }) : await reader.read(id, deadline, { sharedTag, includeOutput: true });
  // Without stored outputs this is a `get` (or an engine import of a pending create): it names an
  // invocation that must exist, and its outputs are built from scratch.
  const firstRead = props.invokeId === undefined;
  if (!view) {
    if (firstRead) {
      throw new Error(
        `Invocation ${id} does not exist in region ${api.regionId}: check the id and the region (alicloud:region or regionId). ` +
          "The cloud keeps invocation records for about 30 days.",
      );
    }
    if (TERMINAL_STATUSES.has(props.status) || props.recordExpired) {
      // A finished command must never run again just because the cloud forgot it.
      const kept = { ...props, recordExpired: true };
      return { id, props: kept, inputs: inputsOf(kept) };
    }
    return { id: "" };
  }
  // Two independent reads, for scheduled and tag-targeted invocations only.
  const [schedule, targetDrift] = await Promise.all([
    scheduleOf(api, view, deadline, ctx.timing.now()),
    props.resourceTags
      ? readTargetDrift(
          api,
          props.resourceTags,
          view.instances.map((i) => i.instanceId),
          deadline,
        )
      : undefined,
  ]);
  if (firstRead) {
    // Known by its id only: its inputs are what the cloud reports; secret ones (parameters) stay
    // in the outputs but never come back as inputs, which `pulumi import` would print as code.
    const script = await inlineScriptOf(api, view, deadline);
    const inputs = (withSecrets: boolean): Partial<InvocationInputs> => {
      const { commandId, ...rest } = reportedInputs(view, withSecrets);
      return script ? { ...rest, ...script } : { commandId, ...rest };
    };
    const outs = invocationOutputs({ ...inputs(true), ...props }, api.regionId, id, "", settledOutcome("notWaited", view), {
      ...fromView(view, props.outputTailBytes),
      schedule,
      targetDrift,
    });
    return { id, props: outs, inputs: { ...inputs(false), ...inputsOf(props) } };
  }
  if (props.rolloutResult) return { id, props: await refreshRollout(ctx, props, deadline), inputs: inputsOf(props) };
  const outcome = settledOutcome(props.createOutcome, view);
  const outs = compact({
    ...props,
    ...driftedInputs(props, view),
    ...fromView(view, props.outputTailBytes),
    ...(settled ? { instances: props.instances } : {}),
    schedule,
    targetDrift,
    createOutcome: outcome,
    recordExpired: false,
  });
  return { id, props: outs, inputs: inputsOf(outs) };
}

/**
 * The inline script of an invocation that RunCommand started, or undefined when it ran a command
 * that exists. RunCommand's command is hidden from DescribeCommands unless it was kept; a kept
 * one is read as a command, as the cloud lists it.
 */
async function inlineScriptOf(api: EcsApi, view: InvocationView, deadline: number): Promise<Partial<InvocationInputs> | undefined> {
  if (!view.commandId || (await api.describeCommand(view.commandId, deadline))) return undefined;
  return scriptInputs(view);
}

/** For a scheduled invocation, what its runs since creation came to (refresh and `get` only). */
async function scheduleOf(api: EcsApi, view: InvocationView, deadline: number, now: number): Promise<ScheduleSummary | undefined> {
  if (view.repeatMode === "Once" || view.repeatMode === "" || view.repeatMode === "DryRun") return undefined;
  const runs = await api.runHistory(view.invokeId, deadline);
  return summarizeRuns(runs, { frequency: view.frequency, creationTime: view.creationTime, active: !TERMINAL_STATUSES.has(view.status) }, now);
}
