import type { InvocationView } from "../../cloud/ecs-api";
import type { InvocationInputs } from "../../schema/invocation-schema";
import { waitForReadyInstances } from "./instance-readiness";
import type { RunContext } from "./run-context";
import { startRun } from "./start-run";

export interface Launch {
  /** What to run, and where: a whole invocation, one rollout batch, or a cleanup. */
  args: InvocationInputs;
  /** The ClientToken of this run, the same on every retry. */
  clientToken: string;
  /** The tags that name whose run it is (run-identity, or the cleanup's), beside the user's. */
  ownTags?: Record<string, string>;
  deadline: number;
  /** The run an interrupted `up` already started for this (see interrupted-runs): taken over, never started again. */
  resumed?: InvocationView;
}

/**
 * The one way a run starts: an interrupted `up`'s run is taken over as it is; otherwise, with
 * `waitForAgent`, the targets must first be Running with their agent online (within the deadline),
 * then InvokeCommand or RunCommand with the run's ClientToken and tags.
 */
export async function launchRun(run: RunContext, launch: Launch): Promise<string> {
  if (launch.resumed) return launch.resumed.invokeId;
  const { args, deadline } = launch;
  if (args.waitForAgent) await waitForReadyInstances(run.api, args, deadline, run.timing, run.progress);
  return startRun(run.api, args, launch.clientToken, launch.ownTags, deadline);
}
