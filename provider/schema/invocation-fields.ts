import type { InvocationInputs } from "./invocation-schema";

/**
 * What each EcsInvocation input is to the lifecycle, declared once:
 * - `replace`: sent to InvokeCommand; a change runs the command again (a new invocation);
 * - `update`: steers only this provider; a change updates state without calling the cloud;
 * - `set: true`: a list whose order carries no meaning to the API (reordering is no change);
 * - `wire`: the InvokeCommand parameter it is sent as, and `shape` how: `tags` for a map sent as
 *   `Name.N.Key/Value`, `json` for a map sent as JSON text (lists go as `Name.N`).
 * The `satisfies` clause makes a schema field missing here a type error.
 */
export const INVOCATION_FIELDS = {
  commandId: { kind: "replace", wire: "CommandId" },
  instanceIds: { kind: "replace", set: true, wire: "InstanceId" },
  resourceTags: { kind: "replace", wire: "ResourceTag", shape: "tags" },
  repeatMode: { kind: "replace", wire: "RepeatMode" },
  timed: { kind: "replace", wire: "Timed" },
  frequency: { kind: "replace", wire: "Frequency" },
  parameters: { kind: "replace", wire: "Parameters", shape: "json" },
  username: { kind: "replace", wire: "Username" },
  windowsPasswordName: { kind: "replace", wire: "WindowsPasswordName" },
  resourceGroupId: { kind: "replace", wire: "ResourceGroupId" },
  containerId: { kind: "replace", wire: "ContainerId" },
  containerName: { kind: "replace", wire: "ContainerName" },
  timeout: { kind: "replace", wire: "Timeout" },
  tags: { kind: "replace", wire: "Tag", shape: "tags" },
  terminationMode: { kind: "replace", wire: "TerminationMode" },
  launcher: { kind: "replace", wire: "Launcher" },
  workingDir: { kind: "replace", wire: "WorkingDir" },
  ossOutputDelivery: { kind: "replace", wire: "OssOutputDelivery" },
  clientToken: { kind: "replace", wire: "ClientToken" },
  // Every call carries the region (see cloud/ecs-api): no parameter of its own here.
  regionId: { kind: "replace" },
  // Never sent: a change to any of its values runs the command again, and that is all it is for.
  triggers: { kind: "replace" },
  timeouts: { kind: "update" },
  waitForCompletion: { kind: "update" },
  waitForAgent: { kind: "update" },
  previewDryRun: { kind: "update" },
  outputTailBytes: { kind: "update" },
  // What destroy runs afterwards: changing it changes only that.
  onDelete: { kind: "update" },
  secretOutput: { kind: "update" },
  adoptInvokeId: { kind: "update" },
} as const satisfies Record<keyof InvocationInputs, FieldSpec>;

interface FieldSpec {
  kind: "replace" | "update";
  set?: true;
  wire?: string;
  shape?: "tags" | "json";
}

type Field = keyof typeof INVOCATION_FIELDS;

const fieldsOf = (kind: "replace" | "update"): Field[] => (Object.keys(INVOCATION_FIELDS) as Field[]).filter((key) => INVOCATION_FIELDS[key].kind === kind);

/** Inputs that change what runs in the cloud: changing any of them replaces the invocation. */
export const CLOUD_INPUTS: readonly Field[] = fieldsOf("replace");

/** Inputs that only steer this provider: changing them updates state without calling the cloud. */
export const META_INPUTS: readonly Field[] = fieldsOf("update");

/** Whether `key` is a list compared as a set. */
export function isSetLike(key: string): boolean {
  return (INVOCATION_FIELDS as Record<string, { set?: true }>)[key]?.set === true;
}

/**
 * The InvokeCommand parameters for `inputs`, named and shaped as the API takes them (the region
 * and ClientToken are added by the caller).
 */
export function invokeCommandQuery(inputs: Partial<InvocationInputs>): Record<string, string | number | boolean | string[] | { Key: string; Value: string }[]> {
  const query: Record<string, string | number | boolean | string[] | { Key: string; Value: string }[]> = {};
  for (const [key, spec] of Object.entries(INVOCATION_FIELDS) as [Field, FieldSpec][]) {
    const value = inputs[key];
    if (!spec.wire || spec.wire === "ClientToken" || value === undefined) continue;
    if (spec.shape === "tags") query[spec.wire] = Object.entries(value as Record<string, string>).map(([Key, Value]) => ({ Key, Value }));
    else if (spec.shape === "json") query[spec.wire] = JSON.stringify(value);
    else query[spec.wire] = value as string | number | boolean | string[];
  }
  return query;
}
