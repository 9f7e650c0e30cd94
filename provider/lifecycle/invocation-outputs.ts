import type { InvocationView } from "../cloud/ecs-api";
import { CLOUD_INPUTS, META_INPUTS } from "../schema/invocation-fields";
import type { InvocationInputs } from "../schema/invocation-schema";
import { type CreateOutcome, type InvocationOutputs, instanceOutputs, isFailure, keepOutputTail } from "./invocation-state";
import { TERMINAL_STATUSES } from "./vocabulary";

/**
 * The outputs an invocation has beyond its inputs: the resource class lists them so Pulumi
 * resolves them (also for `get`), and the plugin reports them unknown at preview.
 */
export const INVOCATION_OUTPUT_KEYS = [
  "invokeId",
  "status",
  "instances",
  "creationTime",
  "commandName",
  "commandType",
  "resolvedRegionId",
  "recordExpired",
  "schedule",
  "targetDrift",
  "rolloutResult",
  "usedClientToken",
  "createOutcome",
] as const satisfies readonly (keyof InvocationOutputs)[];

/**
 * Outputs the provider keeps in state for itself and for support cases — how the create ended (a
 * failed or timed-out run is replaced by the next `up`) and the idempotency token every retry sent
 * — which programs do not read: the dynamic resource class does not register them, as every
 * property a resource registers costs the program's SDK four promises for each resource.
 */
export const PROVIDER_ONLY_OUTPUT_KEYS = ["usedClientToken", "createOutcome"] as const satisfies readonly (typeof INVOCATION_OUTPUT_KEYS)[number][];

/** The id of an invocation created with `repeatMode: DryRun` starts so: nothing exists in the cloud. */
export const DRYRUN_PREFIX = "dryrun-";

/** What the cloud reports about an invocation, as outputs. */
export type CloudOutputs = Partial<
  Pick<InvocationOutputs, "status" | "instances" | "creationTime" | "commandName" | "commandType" | "schedule" | "targetDrift">
>;

export function fromView(view: InvocationView, outputTailBytes?: number): CloudOutputs {
  return {
    status: view.status,
    instances: keepOutputTail(instanceOutputs(view.instances), outputTailBytes),
    creationTime: view.creationTime,
    commandName: view.commandName,
    commandType: view.commandType,
  };
}

/** Every output of an invocation: its inputs, where it lives, and what the cloud reported. */
export function invocationOutputs(
  args: InvocationInputs,
  regionId: string,
  invokeId: string,
  clientToken: string,
  outcome: CreateOutcome,
  cloud: CloudOutputs,
): InvocationOutputs {
  return compact({
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
    schedule: cloud.schedule,
    targetDrift: cloud.targetDrift,
  });
}

/** How an invocation whose create did not wait for it ended, once it is seen in a final state. */
export function settledOutcome(outcome: CreateOutcome, view: InvocationView): CreateOutcome {
  if ((outcome === "timedOut" || outcome === "notWaited") && TERMINAL_STATUSES.has(view.status)) {
    return isFailure(view) ? "failed" : "completed";
  }
  return outcome;
}

/** The inputs part of stored outputs (what `read` hands back as the resource's inputs). */
export function inputsOf(outputs: InvocationOutputs): Partial<InvocationInputs> {
  const inputs: Record<string, unknown> = {};
  for (const key of [...CLOUD_INPUTS, ...META_INPUTS]) {
    if (outputs[key] !== undefined) inputs[key] = outputs[key];
  }
  return inputs as Partial<InvocationInputs>;
}

/** The engine cannot store `undefined` (e.g. a resource read with `get` has no createOutcome). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
