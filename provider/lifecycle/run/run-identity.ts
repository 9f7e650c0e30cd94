import { createHash } from "node:crypto";
import type { InvocationView } from "../../cloud/ecs-api";
import { CLOUD_INPUTS, isSetLike } from "../../schema/invocation-fields";
import type { InvocationInputs } from "../../schema/invocation-schema";
import { canonicalJson } from "../changes";

/**
 * Cross-run idempotence: how a create finds the invocation that an earlier, interrupted create of
 * the same resource started (CLI killed mid-wait, InvokeCommand's answer lost, the stack's update
 * cancelled). The engine keeps no record of such a create and never tells the provider about it,
 * and the cloud's ClientToken window is finite, so the invocation itself carries the facts:
 *
 * - `RESOURCE_TAG` = a digest of the resource's URN (stack, project, type, name): whose run it is;
 * - `INPUTS_TAG` = a digest of the cloud inputs and the region: what it was asked to run;
 * - `STACK_TAG` = a digest of the stack's URN prefix (project and stack): so one search finds the
 *   live runs of every resource of the stack, and one listing reads many of them (see run-finder).
 *
 * Delete (destroy, or the first half of a replacement) overwrites `RESOURCE_TAG` and `STACK_TAG`
 * with `released` (earlier releases wrote `released:<digest>`): one tag set for every run, so one
 * TagResources call releases up to 50 of them (see run-releaser). So a search by the live value finds exactly the invocations of this
 * resource that were started and never handed back: the next create resumes the one whose inputs
 * match instead of running the command again, and stops any other before it starts a new one.
 */
export const RESERVED_TAG_PREFIX = "pulumi-ecs-invocation:";
export const RESOURCE_TAG = `${RESERVED_TAG_PREFIX}resource`;
export const INPUTS_TAG = `${RESERVED_TAG_PREFIX}inputs`;
export const STACK_TAG = `${RESERVED_TAG_PREFIX}stack`;
/** Tags the provider adds to each invocation, out of the API's 20. */
export const RESERVED_TAG_COUNT = 3;
const RELEASED = "released";

export interface RunIdentity {
  /** Digest of the resource's URN: the live value of RESOURCE_TAG. */
  resource: string;
  /** Digest of the cloud inputs: the value of INPUTS_TAG. */
  inputs: string;
  /** Digest of the stack (`urn:pulumi:<stack>::<project>`): the live value of STACK_TAG. */
  stack: string;
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 40);
}

/** The identity of the run a create is asked for: `urn` names the resource, `regionId` is resolved. */
/**
 * The cloud inputs of the first release: each counts in the inputs digest even when unset. An input
 * added later counts only when set, so a run an interrupted `up` of an older release started is
 * still recognised (and recorded, not run again) by a newer one.
 */
const FIRST_RELEASE_INPUTS: ReadonlySet<string> = new Set(
  "commandId instanceIds resourceTags repeatMode timed frequency parameters username windowsPasswordName resourceGroupId containerId containerName timeout tags terminationMode launcher workingDir ossOutputDelivery clientToken triggers".split(
    " ",
  ),
);

export function runIdentity(urn: string, inputs: InvocationInputs, regionId: string): RunIdentity {
  const cloud = CLOUD_INPUTS.filter((key) => key !== "regionId" && (FIRST_RELEASE_INPUTS.has(key) || inputs[key] !== undefined)).map((key) => [
    key,
    canonicalJson(inputs[key], isSetLike(key)),
  ]);
  return identityOf(urn, cloud, regionId);
}

/** The identity of a resource's run from its cloud inputs as `[key, canonical value]` pairs (invocations and files alike). */
export function identityOf(urn: string, cloud: readonly (readonly string[])[], regionId: string): RunIdentity {
  return { resource: digest(urn), inputs: digest(JSON.stringify([...cloud, ["regionId", regionId]])), stack: digest(stackOf(urn)) };
}

/** `urn:pulumi:<stack>::<project>` of a resource URN. */
function stackOf(urn: string): string {
  return urn.split("::").slice(0, 2).join("::");
}

/** The tags InvokeCommand stamps on the invocation. */
export function identityTags(identity: RunIdentity): Record<string, string> {
  return { [RESOURCE_TAG]: identity.resource, [INPUTS_TAG]: identity.inputs, [STACK_TAG]: identity.stack };
}

/** The tag search that finds the invocations of every resource of the stack that were never released. */
export function liveStackFilter(identity: Pick<RunIdentity, "stack">): Record<string, string> {
  return { [STACK_TAG]: identity.stack };
}

/** The live stack tag of the invocations of the resource `urn`, for reads shared with the stack's others. */
export function stackTagOf(urn: string | undefined): Record<string, string> | undefined {
  return urn ? liveStackFilter({ stack: digest(stackOf(urn)) }) : undefined;
}

/** The live stack tag of an invocation (for shared reads), or undefined when it has none. */
export function liveStackTag(view: Pick<InvocationView, "tags">): Record<string, string> | undefined {
  const value = view.tags[STACK_TAG];
  return value === undefined || isReleased(value) ? undefined : { [STACK_TAG]: value };
}

/** The tags that hand a run back: the same for every run, so many are released in one call. */
export const RELEASED_TAGS: Readonly<Record<string, string>> = { [RESOURCE_TAG]: RELEASED, [STACK_TAG]: RELEASED };

/** Whether the run still carries a resource's identity, and so has to be released. */
export function holdsIdentity(view: Pick<InvocationView, "tags">): boolean {
  const value = view.tags[RESOURCE_TAG];
  return value !== undefined && !isReleased(value);
}

function isReleased(value: string): boolean {
  return value === RELEASED || value.startsWith(`${RELEASED}:`);
}

/** The tags a user declared, without the provider's own. */
export function userTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([key]) => !key.startsWith(RESERVED_TAG_PREFIX)));
}
