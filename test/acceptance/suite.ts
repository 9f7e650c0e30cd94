/**
 * The acceptance suite as one list of flows, what it prints before a live run, and the checks a
 * target must pass before any flow runs (its instances can take a command).
 */

import type { CloudView } from "./cloud-view";
import type { Flow } from "./flow-context";
import { CLI_FLOWS } from "./flows-cli";
import { DIRECT_FLOWS } from "./flows-direct";
import { type AcceptanceTarget, suiteTags } from "./target";

export const FLOWS: Flow[] = [...CLI_FLOWS, ...DIRECT_FLOWS];

/** What a live run is about to do, where, and how it cleans up. */
export function planText(target: AcceptanceTarget): string {
  const tags = Object.entries(suiteTags(target))
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  return [
    `Acceptance run ${target.runId} against ${target.connection.endpoint ?? `the public endpoint of ${target.connection.region}`} (region ${target.connection.region})`,
    `  instances: ${target.instanceIds.join(", ") || "(none given)"}${target.instanceTag ? `; by tag: ${target.instanceTag.key}=${target.instanceTag.value}` : ""}`,
    `  everything created is tagged ${tags}; afterwards its commands are deleted and its invocations stopped`,
    "The calls each flow makes:",
    ...FLOWS.flatMap((flow, index) => [`  ${index + 1}. ${flow.title}`, ...flow.calls.map((call) => `       ${call}`)]),
  ].join("\n");
}

/**
 * Fills in the instances from the tag when only a tag was given, and refuses instances that
 * cannot take a command (with what is wrong with each), so no flow fails for a reason of the
 * account's.
 */
export async function preparedTarget(target: AcceptanceTarget, view: CloudView): Promise<AcceptanceTarget> {
  const instanceIds = target.instanceIds.length > 0 ? target.instanceIds : (await view.instanceIdsTagged(target.instanceTag!)).slice(0, 2);
  if (instanceIds.length === 0) throw new Error(`No instance in ${view.region} carries the tag ${target.instanceTag!.key}=${target.instanceTag!.value}.`);
  const problems = await view.notReady(instanceIds);
  if (problems.length > 0) throw new Error(`These instances cannot take a command now:\n  ${problems.join("\n  ")}\nStart them or name others.`);
  return { ...target, instanceIds };
}
