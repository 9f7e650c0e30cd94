import type { InvocationView } from "../cloud/ecs-api-types";
import type { InvocationInputs } from "./invocation-schema";

/**
 * What each EcsInvocation input is to the lifecycle, declared once:
 * - `replace`: sent to the cloud; a change runs the command again (a new invocation);
 * - `update`: steers only this provider; a change updates state without calling the cloud;
 * - `set: true`: a list whose order carries no meaning to the API (reordering is no change);
 * - `wire`: the parameter it is sent as, and `shape` how: `tags` for a map sent as
 *   `Name.N.Key/Value`, `json` for a map sent as JSON text (lists go as `Name.N`); `action`: sent
 *   with that action only — InvokeCommand runs an existing command (`commandId`), RunCommand an
 *   inline script (`commandContent`); every other wire field goes with both;
 * - `view`: where DescribeInvocations reports it back (a field of the invocation view, or `derived`
 *   from several: see lifecycle/read-back), compared by adoption (`import`); with `drift: true`,
 *   `refresh` also reports the cloud's value as the input, so changes made outside show;
 * - `secret: true`: compared without ever printing a value;
 * - `errors`: the API error codes that point at this input (a dry run's objection is reported on it).
 * The `satisfies` clause makes a schema field missing here a type error.
 */
export const INVOCATION_FIELDS = {
  commandId: { kind: "replace", wire: "CommandId", action: "InvokeCommand", view: "commandId", drift: true, errors: /^InvalidCmdId\./ },
  // An inline script instead of a command: RunCommand (see lifecycle/run/run-request).
  commandContent: { kind: "replace", wire: "CommandContent", action: "RunCommand", errors: /^(CmdContent|InvokeCmdContent)\./ },
  type: { kind: "replace", wire: "Type", action: "RunCommand", errors: /^InvalidCmdType\./ },
  contentEncoding: { kind: "replace", wire: "ContentEncoding", action: "RunCommand" },
  enableParameter: { kind: "replace", wire: "EnableParameter", action: "RunCommand" },
  scriptName: { kind: "replace", wire: "Name", action: "RunCommand", errors: /^CmdName\./ },
  scriptDescription: { kind: "replace", wire: "Description", action: "RunCommand", errors: /^CmdDesc\./ },
  keepCommand: { kind: "replace", wire: "KeepCommand", action: "RunCommand" },
  instanceIds: {
    kind: "replace",
    set: true,
    wire: "InstanceId",
    view: "derived",
    drift: true,
    errors: /^(InvalidInstance\.|InstanceIds\.|MissingParam\.InstanceId)/,
  },
  resourceTags: { kind: "replace", wire: "ResourceTag", shape: "tags", errors: /ResourceTag/ },
  repeatMode: { kind: "replace", wire: "RepeatMode", view: "repeatMode", drift: true },
  timed: { kind: "replace", wire: "Timed" },
  frequency: { kind: "replace", wire: "Frequency", view: "frequency", drift: true, errors: /^(MissingParam|InvalidParam)\.Frequency/ },
  parameters: {
    kind: "replace",
    wire: "Parameters",
    shape: "json",
    view: "parameters",
    secret: true,
    errors: /^(Parameter|InvalidParameter\.Parameters|InvalidParameterCharset\.Parameters)/,
  },
  username: { kind: "replace", wire: "Username", view: "derived", drift: true, errors: /^Username\./ },
  windowsPasswordName: { kind: "replace", wire: "WindowsPasswordName", errors: /^WindowsPasswordName\./ },
  resourceGroupId: { kind: "replace", wire: "ResourceGroupId", errors: /^InvalidResourceGroup\./ },
  containerId: { kind: "replace", wire: "ContainerId", view: "containerId", errors: /^InvalidContainerId\./ },
  containerName: { kind: "replace", wire: "ContainerName", view: "containerName", errors: /^InvalidContainerName\./ },
  timeout: { kind: "replace", wire: "Timeout", view: "timeout", drift: true },
  tags: { kind: "replace", wire: "Tag", shape: "tags", view: "derived" },
  terminationMode: { kind: "replace", wire: "TerminationMode", view: "terminationMode" },
  launcher: { kind: "replace", wire: "Launcher", view: "launcher", errors: /^InvalidLauncher\./ },
  workingDir: { kind: "replace", wire: "WorkingDir", view: "workingDir", errors: /^InvalidParameter\.WorkingDir/ },
  ossOutputDelivery: { kind: "replace", wire: "OssOutputDelivery", view: "ossOutputDelivery", errors: /OssOutputDelivery/ },
  clientToken: { kind: "replace", wire: "ClientToken" },
  // Every call carries the region (see cloud/ecs-api): no parameter of its own here.
  regionId: { kind: "replace" },
  // Never sent: a change to any of its values runs the command again, and that is all it is for.
  triggers: { kind: "replace" },
  timeouts: { kind: "update" },
  waitForCompletion: { kind: "update" },
  waitForAgent: { kind: "update" },
  liveOutput: { kind: "update" },
  // Pacing only: how many at once and how many failures stop it; what runs is the same.
  rollout: { kind: "update" },
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
  action?: RunAction;
  shape?: "tags" | "json";
  view?: keyof InvocationView | "derived";
  drift?: true;
  secret?: true;
  errors?: RegExp;
}

export type Field = keyof typeof INVOCATION_FIELDS;

/** How a run starts: an existing command (InvokeCommand) or an inline script (RunCommand). */
export type RunAction = "InvokeCommand" | "RunCommand";

/** Fields the cloud reports back in a shape of its own: lifecycle/read-back says how, for each. */
export type DerivedField = { [K in Field]: (typeof INVOCATION_FIELDS)[K] extends { view: "derived" } ? K : never }[Field];

/** Fields the cloud reports back, and whether refresh takes its value as the input. */
export const READ_BACK_FIELDS: readonly { field: Field; view: keyof InvocationView | "derived"; drift: boolean; secret: boolean }[] = (
  Object.entries(INVOCATION_FIELDS) as [Field, FieldSpec][]
).flatMap(([field, spec]) => (spec.view ? [{ field, view: spec.view, drift: spec.drift === true, secret: spec.secret === true }] : []));

const fieldsOf = (kind: "replace" | "update"): Field[] => (Object.keys(INVOCATION_FIELDS) as Field[]).filter((key) => INVOCATION_FIELDS[key].kind === kind);

/** The input an API error code points at, if any (from each field's `errors`). */
export function fieldOfErrorCode(code: string): Field | undefined {
  return (Object.entries(INVOCATION_FIELDS) as [Field, FieldSpec][]).find(([, spec]) => spec.errors?.test(code))?.[0];
}

/** Inputs whose values are secret: stored encrypted, never echoed by a message. */
export const SECRET_INPUTS: readonly Field[] = (Object.entries(INVOCATION_FIELDS) as [Field, FieldSpec][])
  .filter(([, spec]) => spec.secret)
  .map(([field]) => field);

/** Inputs that change what runs in the cloud: changing any of them replaces the invocation. */
export const CLOUD_INPUTS: readonly Field[] = fieldsOf("replace");

/** Inputs that only steer this provider: changing them updates state without calling the cloud. */
export const META_INPUTS: readonly Field[] = fieldsOf("update");

/** Whether `key` is a list compared as a set. */
export function isSetLike(key: string): boolean {
  return (INVOCATION_FIELDS as Record<string, { set?: true }>)[key]?.set === true;
}

/** The action that starts a run of these inputs: RunCommand for an inline script. */
export function runActionOf(inputs: Partial<InvocationInputs>): RunAction {
  return inputs.commandContent !== undefined ? "RunCommand" : "InvokeCommand";
}

/**
 * The request parameters for `inputs`, named and shaped as the API takes them, for the action
 * that runs them (the region and ClientToken are added by the caller).
 */
export function invokeCommandQuery(
  inputs: Partial<InvocationInputs>,
  action: RunAction = runActionOf(inputs),
): Record<string, string | number | boolean | string[] | { Key: string; Value: string }[]> {
  const query: Record<string, string | number | boolean | string[] | { Key: string; Value: string }[]> = {};
  for (const [key, spec] of Object.entries(INVOCATION_FIELDS) as [Field, FieldSpec][]) {
    const value = inputs[key];
    if (!spec.wire || spec.wire === "ClientToken" || value === undefined || (spec.action && spec.action !== action)) continue;
    if (spec.shape === "tags") query[spec.wire] = Object.entries(value as Record<string, string>).map(([Key, Value]) => ({ Key, Value }));
    else if (spec.shape === "json") query[spec.wire] = JSON.stringify(value);
    else query[spec.wire] = value as string | number | boolean | string[];
  }
  return query;
}
