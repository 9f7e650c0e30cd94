import type { InvocationView } from "../../cloud/ecs-api";
import { progressLine } from "../invocation-state";
import type { RunContext } from "./run-context";
import { runFinderFor } from "./run-finder";
import { INPUTS_TAG, type RunIdentity } from "./run-identity";
import { settleAndRelease } from "./settle-invocation";

/**
 * The runs of this resource that an interrupted `up` started and never handed back (see
 * run-identity): `resumable` picks those a create takes over (it records them instead of running
 * the command again, and says so); every other one is stopped, settled and released first, so nothing new ever
 * runs beside it. A plain create takes over the newest run with its inputs; a rollout, each batch
 * of its plan.
 */
export async function takeOverInterruptedRuns(
  run: RunContext,
  identity: RunIdentity,
  deadline: number,
  resumable: (live: InvocationView[]) => InvocationView[],
): Promise<InvocationView[]> {
  const live = await runFinderFor(run.api).find(identity, deadline);
  const kept = resumable(live);
  for (const stale of live.filter((view) => !kept.includes(view))) {
    run.warn(
      `${stale.invokeId} was started by an earlier \`pulumi up\` that was interrupted, with other inputs; it is ${stale.status}: stopping it before this run.`,
    );
    const result = await settleAndRelease(run.api, stale, deadline, run.timing, (current) => run.progress(`stopping ${progressLine(current)}`));
    if (!result.settled) {
      throw new Error(
        `Invocation ${stale.invokeId}, started by an earlier interrupted \`pulumi up\` of this resource, is still ${result.status} after ` +
          "the create timeout, so the command was not run again beside it. Run `pulumi up` again once it has stopped, or raise timeouts.create.",
      );
    }
  }
  return kept;
}

/** The inputs tag a run carries (the inputs digest, and for a rollout batch its place in the plan). */
export function inputsTagOf(view: InvocationView): string {
  return view.tags[INPUTS_TAG] ?? "";
}
