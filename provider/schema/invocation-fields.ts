import type { InvocationInputs } from "./invocation-schema";

/**
 * What each EcsInvocation input is to the lifecycle, declared once:
 * - `replace`: sent to InvokeCommand; a change runs the command again (a new invocation);
 * - `update`: steers only this provider; a change updates state without calling the cloud;
 * - `set: true`: a list whose order carries no meaning to the API (reordering is no change).
 * The `satisfies` clause makes a schema field missing here a type error.
 */
export const INVOCATION_FIELDS = {
  commandId: { kind: "replace" },
  instanceIds: { kind: "replace", set: true },
  resourceTags: { kind: "replace" },
  repeatMode: { kind: "replace" },
  timed: { kind: "replace" },
  frequency: { kind: "replace" },
  parameters: { kind: "replace" },
  username: { kind: "replace" },
  windowsPasswordName: { kind: "replace" },
  resourceGroupId: { kind: "replace" },
  containerId: { kind: "replace" },
  containerName: { kind: "replace" },
  timeout: { kind: "replace" },
  tags: { kind: "replace" },
  terminationMode: { kind: "replace" },
  launcher: { kind: "replace" },
  workingDir: { kind: "replace" },
  ossOutputDelivery: { kind: "replace" },
  clientToken: { kind: "replace" },
  regionId: { kind: "replace" },
  timeouts: { kind: "update" },
  waitForCompletion: { kind: "update" },
  adoptInvokeId: { kind: "update" },
} as const satisfies Record<keyof InvocationInputs, { kind: "replace" | "update"; set?: true }>;

type Field = keyof typeof INVOCATION_FIELDS;

const fieldsOf = (kind: "replace" | "update"): Field[] =>
  (Object.keys(INVOCATION_FIELDS) as Field[]).filter((key) => INVOCATION_FIELDS[key].kind === kind);

/** Inputs that change what runs in the cloud: changing any of them replaces the invocation. */
export const CLOUD_INPUTS: readonly Field[] = fieldsOf("replace");

/** Inputs that only steer this provider: changing them updates state without calling the cloud. */
export const META_INPUTS: readonly Field[] = fieldsOf("update");

/** Whether `key` is a list compared as a set. */
export function isSetLike(key: string): boolean {
  return (INVOCATION_FIELDS as Record<string, { set?: true }>)[key]?.set === true;
}
