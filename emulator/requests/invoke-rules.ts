// LIMITATIONS: OSS delivery URIs are checked for form only (no bucket exists, so BucketNotFound,
// BucketInOtherRegion and BucketAccessDenied never occur). Parameter Store references ({{oos:…}})
// are not resolved. With Frequency, any RepeatMode becomes Period as the page says, except DryRun,
// which stays a dry run (turning a check into a scheduled task is not a reading we dare assume).
// What the real cloud is assumed to do here, and the live check of it: docs/cloud-assumptions.md (A2, A8, A18).
import { createHash } from "node:crypto";
import type { InvokeCommandRequest } from "@alicloud/ecs20140526/dist/models/InvokeCommandRequest";
import type { RunCommandRequest } from "@alicloud/ecs20140526/dist/models/RunCommandRequest";
import type { Clock } from "../clock";
import { apiError } from "../errors";
import type { Store } from "../model/store";
import type { Command, Instance, Invocation, RepeatMode } from "../model/types";
import { parseFrequency } from "../schedule/frequency";
import type { Params } from "../wire/params";
import { contentLimit } from "./command-content";
import { parseParameters } from "./parameters";
import { tagsParam } from "./tags";

export type RequestedMode = RepeatMode | "DryRun";

/** What InvokeCommand and RunCommand both read (the SDK models name them alike). */
const RUN_FIELDS = [
  "regionId",
  "instanceId",
  "resourceTag",
  "repeatMode",
  "timed",
  "frequency",
  "parameters",
  "username",
  "windowsPasswordName",
  "timeout",
  "workingDir",
  "launcher",
  "containerId",
  "containerName",
  "terminationMode",
  "ossOutputDelivery",
  "resourceGroupId",
  "tag",
  "clientToken",
] as const;

/** Every field of the SDK's InvokeCommand request model but the account plumbing. */
export const INVOKE_COMMAND_READS = [...RUN_FIELDS, "commandId"] as const satisfies readonly (keyof InvokeCommandRequest)[];

/** Every field of the SDK's RunCommand request model but the account plumbing. */
export const RUN_COMMAND_READS = [
  ...RUN_FIELDS,
  "commandContent",
  "type",
  "contentEncoding",
  "enableParameter",
  "name",
  "description",
  "keepCommand",
] as const satisfies readonly (keyof RunCommandRequest)[];

/** Everything InvokeCommand and RunCommand need to create an invocation, already validated. */
export type InvocationDraft = Pick<
  Invocation,
  | "frequency"
  | "parameters"
  | "username"
  | "windowsPasswordName"
  | "timeout"
  | "workingDir"
  | "launcher"
  | "containerId"
  | "containerName"
  | "terminationMode"
  | "resourceGroupId"
  | "tags"
  | "ossOutputDelivery"
  | "clientToken"
> & { repeatMode: RequestedMode; instances: Instance[] };

const MODES: readonly RequestedMode[] = ["Once", "Period", "NextRebootOnly", "EveryReboot", "DryRun"];
const MAX_INSTANCES = 100;

/** What checking an invocation request needs of the emulator: its records, its time, its quotas. */
export interface InvokeEnvironment {
  store: Store;
  clock: Clock;
  quotas: { maxTimeoutSeconds?: number };
}

export function validateInvocation(ctx: InvokeEnvironment, regionId: string, params: Params, command: Command): InvocationDraft {
  // `Timed` is deprecated: the API ignores it (RepeatMode and Frequency decide), and so does the emulator.
  params.bool("Timed");
  const frequency = params.string("Frequency");
  const requested = (params.string("RepeatMode") || "Once") as RequestedMode;
  if (!MODES.includes(requested)) throw apiError("InvalidRepeatMode.NotFound");
  // "If you specify the Frequency parameter, Period is used … regardless of whether RepeatMode is set to Period."
  const repeatMode: RequestedMode = frequency && requested !== "DryRun" ? "Period" : requested;

  const clientToken = params.string("ClientToken");
  if (clientToken && (clientToken.length > 64 || !/^[\x20-\x7e]+$/.test(clientToken))) throw apiError("InvalidClientToken.Malformed");

  const instances = targetInstances(ctx, regionId, params);
  const windows = instances.some((i) => i.osType === "windows");
  for (const instance of instances) {
    const shell = command.type === "RunShellScript";
    if (shell !== (instance.osType === "linux")) throw apiError("InvalidInstance.NotMatch");
  }

  const timeout = params.has("Timeout") ? params.int("Timeout", command.timeout) : command.timeout;
  if (timeout < 10) throw apiError("InvalidParameter", "Timeout");
  if (ctx.quotas.maxTimeoutSeconds !== undefined && timeout > ctx.quotas.maxTimeoutSeconds) throw apiError("InvalidTimeout.ExceedLimit");
  if (repeatMode === "Period" && !frequency) throw apiError("MissingParam.Frequency");
  if (frequency) parseFrequency(frequency, timeout, ctx.clock.now());

  const parameters = parseParameters(params.string("Parameters"));
  checkParametersAgainstCommand(parameters, command, params.string("Parameters"));

  const username = params.string("Username");
  if (username.length > 255) throw apiError("Username.ExceedLimit");
  const windowsPasswordName = params.string("WindowsPasswordName");
  if (windowsPasswordName.length > 255) throw apiError("WindowsPasswordName.ExceedLimit");
  if (windows && username && username !== "System" && !windowsPasswordName) throw apiError("WindowsPasswordName.Missed");

  const containerId = params.string("ContainerId");
  if (containerId && !/^((docker|containerd|cri-o):\/\/)?[0-9a-f]{64}$/.test(containerId)) throw apiError("InvalidContainerId.Malformed");
  const containerName = params.string("ContainerName");
  if (containerName && !/^[0-9A-Za-z][0-9A-Za-z_.-]{0,254}$/.test(containerName)) throw apiError("InvalidContainerName.Malformed");

  const workingDir = params.has("WorkingDir") ? params.string("WorkingDir") : command.workingDir;
  if (workingDir.length > 200) throw apiError("InvalidParameter.WorkingDir");
  const launcher = params.has("Launcher") ? params.string("Launcher") : command.launcher;
  if (launcher.length > 1024) throw apiError("InvalidLauncher.LengthLimitExceeded");

  const terminationMode = params.string("TerminationMode", "Process");
  if (terminationMode !== "Process" && terminationMode !== "ProcessTree") throw apiError("InvalidTerminationMode.NotFound");

  const ossOutputDelivery = params.string("OssOutputDelivery");
  if (ossOutputDelivery && !/^oss:\/\/[a-z0-9][a-z0-9-]{1,61}[a-z0-9](\/[^\s]*)?$/.test(ossOutputDelivery)) {
    throw apiError("InvalidParameter.OssOutputDelivery");
  }
  // OSS object keys (the OSS naming rules): no leading "/" or "\\", no ".." segment, at most 1023 bytes.
  const keyPrefix = /^oss:\/\/[^/]+\/?(.*)$/.exec(ossOutputDelivery)?.[1] ?? "";
  if (/^[/\\]|\\|(^|\/)\.\.(\/|$)/.test(keyPrefix) || Buffer.byteLength(keyPrefix) > 1023) throw apiError("InvalidOssOutputDelivery.KeyPrefixMalformed");
  const resourceGroupId = params.string("ResourceGroupId");
  if (resourceGroupId && !/^rg-[a-z0-9]+$/.test(resourceGroupId)) throw apiError("InvalidResourceGroup.NotFound");

  return {
    repeatMode,
    frequency,
    instances,
    parameters,
    username,
    windowsPasswordName,
    timeout,
    workingDir,
    launcher,
    containerId,
    containerName,
    terminationMode,
    resourceGroupId,
    tags: tagsParam(params),
    ossOutputDelivery,
    clientToken,
  };
}

/** A stable fingerprint of the request, so a reused ClientToken can be told apart from a changed request. */
export function requestFingerprint(params: Params): string {
  const relevant = Object.entries(params.raw)
    .filter(([key]) => key !== "ClientToken")
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash("sha256").update(JSON.stringify(relevant)).digest("hex");
}

function targetInstances(ctx: InvokeEnvironment, regionId: string, params: Params): Instance[] {
  const ids = [...new Set(params.list("InstanceId"))];
  const resourceTags = params.pairs("ResourceTag");
  if (ids.length > 0 && resourceTags.length > 0) throw apiError("InvalidResourceTag.ConflictWithInstanceIds");
  if (ids.length === 0 && resourceTags.length === 0) throw apiError("MissingParam.InstanceId");
  if (ids.length > MAX_INSTANCES) throw apiError("InstanceIds.ExceedLimit");
  if (ids.length > 0) {
    return ids.map((id) => {
      const instance = ctx.store.instance(id);
      if (!instance || instance.regionId !== regionId) throw apiError("InvalidInstance.NotFound");
      return instance;
    });
  }
  const wanted = tagsParam(params, "ResourceTag");
  const matched = ctx.store
    .instancesIn(regionId)
    .filter((instance) => Object.entries(wanted).every(([k, v]) => k in instance.tags && (v === "" || instance.tags[k] === v)));
  if (matched.length === 0) throw apiError("InvalidResourceTag.InstanceNotFound");
  if (matched.length > MAX_INSTANCES) throw apiError("InstanceIds.ExceedLimit");
  return matched;
}

function checkParametersAgainstCommand(parameters: Record<string, string>, command: Command, raw: string): void {
  const passed = Object.keys(parameters);
  if (!command.enableParameter) {
    if (passed.length > 0) throw apiError("Parameter.Disabled");
  } else {
    const defined = new Set(command.parameterNames.map((n) => n.toLowerCase()));
    for (const key of passed) if (!defined.has(key.toLowerCase())) throw apiError("Parameter.NotMatched");
    const given = new Set(passed.map((k) => k.toLowerCase()));
    for (const name of command.parameterNames) if (!given.has(name.toLowerCase())) throw apiError("Parameter.MissingValue");
  }
  if (command.content.length + Buffer.from(raw).toString("base64").length > contentLimit(command)) {
    throw apiError("InvokeCmdContent.ExceedLimit");
  }
}
