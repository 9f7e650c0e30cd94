import type { AgentState, EcsApi, InstanceState } from "../../cloud/ecs-api";
import type { Timing } from "../../cloud/timing";
import { waitFor } from "../../cloud/waiter";
import { tagText } from "../vocabulary";

/** The instances an invocation aims at: ids, or the tags that select them. */
export interface ReadinessTargets {
  instanceIds?: string[];
  resourceTags?: Record<string, string>;
}

/** One target and why it is not ready yet (undefined `problem` = ready). */
export interface TargetState {
  instanceId: string;
  problem?: string;
}

export interface Readiness {
  targets: TargetState[];
  /** For resourceTags: no instance carries them (yet). */
  noneMatched: boolean;
}

/** Thrown when the create timeout passes first; nothing was invoked. */
export class InstancesNotReady extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InstancesNotReady";
  }
}

/**
 * `waitForAgent`: before InvokeCommand, wait — within the create timeout — until every target
 * instance is Running with its Cloud Assistant agent online, as the InvokeCommand page advises for
 * instances that were just created or started. Instances created by the same program are often
 * still Pending or booting when their ids are known; a command sent then ends Invalid on them.
 */
export async function waitForReadyInstances(
  api: EcsApi,
  targets: ReadinessTargets,
  deadline: number,
  timing: Timing,
  progress: (line: string) => void,
): Promise<void> {
  const result = await waitFor({
    poll: () => readiness(api, targets, deadline),
    done: (state) => !state.noneMatched && state.targets.every((t) => t.problem === undefined),
    deadline,
    timing,
    initialIntervalMs: 1_000,
    maxIntervalMs: 5_000,
    onProgress: (state) => progress(progressLine(state, targets)),
  });
  if (result.kind === "done") return;
  throw new InstancesNotReady(notReadyMessage(result.state, targets, api.regionId));
}

export async function readiness(api: EcsApi, targets: ReadinessTargets, deadline: number): Promise<Readiness> {
  const found = await api.describeInstances(targets.instanceIds ? { instanceIds: targets.instanceIds } : { tags: targets.resourceTags ?? {} }, deadline);
  const ids = targets.instanceIds ?? found.map((i) => i.instanceId);
  const running = found.filter((i) => i.status === "Running").map((i) => i.instanceId);
  const agents = running.length > 0 ? await api.describeAgents(running, deadline) : [];
  return {
    targets: ids.map((instanceId) => ({
      instanceId,
      problem: problemOf(
        found.find((i) => i.instanceId === instanceId),
        agents.find((a) => a.instanceId === instanceId),
      ),
    })),
    noneMatched: targets.instanceIds === undefined && ids.length === 0,
  };
}

function problemOf(instance: InstanceState | undefined, agent: AgentState | undefined): string | undefined {
  if (!instance) return "the instance does not exist in this region (yet)";
  if (instance.status !== "Running") return `the instance is ${instance.status}, not Running`;
  if (!agent || (!agent.online && !agent.version)) return "the Cloud Assistant agent is not installed or not running";
  if (!agent.online) return `the Cloud Assistant agent is offline${agent.lastHeartbeatTime ? ` (last heartbeat ${agent.lastHeartbeatTime})` : ""}`;
  return undefined;
}

function progressLine(state: Readiness, targets: ReadinessTargets): string {
  if (state.noneMatched) return `waiting for an instance with tags ${tagText(targets.resourceTags)}`;
  const waiting = state.targets.filter((t) => t.problem !== undefined);
  if (waiting.length === 0) return `${state.targets.length}/${state.targets.length} instances ready`;
  return `waiting for ${waiting.length}/${state.targets.length} instances to be ready: ${waiting.map((t) => t.instanceId).join(", ")}`;
}

function notReadyMessage(state: Readiness, targets: ReadinessTargets, regionId: string): string {
  const advice =
    "Nothing was invoked. Start the instances and make sure the Cloud Assistant agent is installed and running on them, " +
    "or raise timeouts.create to wait longer.";
  if (state.noneMatched) {
    return `No instance in ${regionId} carried the tags ${tagText(targets.resourceTags)} within the create timeout, so the command was not run. ${advice}`;
  }
  const waiting = state.targets.filter((t) => t.problem !== undefined);
  const lines = waiting.map((t) => `  ${t.instanceId}: ${t.problem}`);
  return `${waiting.length} of ${state.targets.length} target instances were not ready within the create timeout (waitForAgent), so the command was not run:\n${lines.join("\n")}\n${advice}`;
}
