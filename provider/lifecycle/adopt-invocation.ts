import type { InvocationView } from "../cloud/ecs-api";
import type { InvocationInputs } from "../schema/invocation-schema";
import { userTags } from "./run-identity";

/** The user a run gets when none is named: the API may report it as "" or by name. */
const DEFAULT_USERS: Record<string, string> = { RunShellScript: "root", RunBatScript: "System", RunPowerShellScript: "System" };

/**
 * Compares what a program declares with an existing invocation being adopted (`import`). Only the
 * fields the program sets are compared; secret values are never printed.
 */
export function adoptionMismatches(declared: InvocationInputs, actual: InvocationView): string[] {
  const out: string[] = [];
  const differ = (field: string, want: unknown, have: unknown): void => {
    if (want !== undefined && JSON.stringify(want) !== JSON.stringify(have)) {
      out.push(`${field}: declared ${JSON.stringify(want)}, actual ${JSON.stringify(have)}`);
    }
  };
  differ("commandId", declared.commandId, actual.commandId);
  if (declared.instanceIds !== undefined) {
    differ("instanceIds", [...declared.instanceIds].sort(), actual.instances.map((i) => i.instanceId).sort());
  }
  differ("repeatMode", declared.repeatMode, actual.repeatMode);
  differ("frequency", declared.frequency, actual.frequency);
  differ("username", declared.username, actual.username || DEFAULT_USERS[actual.commandType] || "");
  differ("timeout", declared.timeout, actual.timeout);
  differ("workingDir", declared.workingDir, actual.workingDir);
  differ("launcher", declared.launcher, actual.launcher);
  differ("containerId", declared.containerId, actual.containerId);
  differ("containerName", declared.containerName, actual.containerName);
  differ("terminationMode", declared.terminationMode, actual.terminationMode);
  differ("ossOutputDelivery", declared.ossOutputDelivery, actual.ossOutputDelivery);
  if (declared.tags !== undefined) differ("tags", sortKeys(declared.tags), sortKeys(userTags(actual.tags)));
  if (declared.parameters !== undefined && JSON.stringify(sortKeys(declared.parameters)) !== JSON.stringify(sortKeys(actual.parameters))) {
    out.push("parameters: the declared values differ from the invocation's (values are secret and not shown)");
  }
  return out;
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
