import type { EcsApi, InvocationView } from "../../cloud/ecs-api";
import { isNotFound } from "../../cloud/errors";
import { readerFor } from "../../cloud/invocation-reader";
import type { Timing } from "../../cloud/timing";
import { waitFor } from "../../cloud/waiter";
import { TERMINAL_STATUSES } from "../vocabulary";
import { runFinderFor } from "./run-finder";
import { holdsIdentity, liveStackTag } from "./run-identity";
import { releaseRun } from "./run-releaser";

export type SettleResult = { settled: true } | { settled: false; status: string };

/**
 * Ends the provider's hold on an invocation: StopInvocation while it can still run, wait until it
 * has settled in a final state, then release it (see run-identity) so no later create resumes it.
 * Delete does this, and so does create for a run an interrupted create left behind with other
 * inputs: a command never runs concurrently with an older run of itself.
 */
export async function settleAndRelease(
  api: EcsApi,
  view: InvocationView,
  deadline: number,
  timing: Timing,
  onProgress: (current: InvocationView) => void,
): Promise<SettleResult> {
  let current = view;
  if (!TERMINAL_STATUSES.has(current.status)) {
    if (current.status !== "Stopping") {
      try {
        await api.stopInvocation(current.invokeId, deadline);
      } catch (error) {
        if (isNotFound(error, "InvalidInvokeId.NotFound")) return { settled: true };
        throw error;
      }
    }
    const result = await waitFor({
      poll: () => readerFor(api).read(current.invokeId, deadline, { sharedTag: liveStackTag(current) }),
      done: (state) => !state || TERMINAL_STATUSES.has(state.status),
      deadline,
      timing,
      onProgress: (state) => state && onProgress(state),
    });
    if (!result.state) return { settled: true };
    if (result.kind === "timeout") return { settled: false, status: result.state.status };
    current = result.state;
  }
  runFinderFor(api).released(current.invokeId);
  if (holdsIdentity(current)) await releaseRun(api, current.invokeId, deadline);
  return { settled: true };
}

/** What the state keeps of a run, enough to tell whether it can still change. */
interface StoredRun {
  status?: string;
  repeatMode?: string;
  usedClientToken?: string;
  createOutcome?: string;
}

/**
 * A run this provider started (it carries the resource's identity) that the state already saw in a
 * final state, once: nothing can run or change any more, so a delete needs no read before the
 * release. A scheduled run, one never waited for, or one adopted or imported is read first.
 */
export function overForGood(props: StoredRun): boolean {
  const once = (props.repeatMode ?? "Once") === "Once";
  const started = Boolean(props.usedClientToken) && props.createOutcome !== "adopted";
  return once && started && props.status !== undefined && TERMINAL_STATUSES.has(props.status);
}

/** Releases a run known to be over (see overForGood): one TagResources, shared with the releases in flight; no read. */
export async function releaseOver(api: EcsApi, invokeId: string, deadline: number): Promise<void> {
  runFinderFor(api).released(invokeId);
  await releaseRun(api, invokeId, deadline);
}
