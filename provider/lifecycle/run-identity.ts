import { createHash } from "node:crypto";
import type { InvocationView } from "../cloud/ecs-api";
import { CLOUD_INPUTS, isSetLike } from "../schema/invocation-fields";
import type { InvocationInputs } from "../schema/invocation-schema";
import { canonicalJson } from "./changes";

/**
 * Cross-run idempotence: how a create finds the invocation that an earlier, interrupted create of
 * the same resource started (CLI killed mid-wait, InvokeCommand's answer lost, the stack's update
 * cancelled). The engine keeps no record of such a create and never tells the provider about it,
 * and the cloud's ClientToken window is finite, so the invocation itself carries the facts:
 *
 * - `RESOURCE_TAG` = a digest of the resource's URN (stack, project, type, name): whose run it is;
 * - `INPUTS_TAG` = a digest of the cloud inputs and the region: what it was asked to run.
 *
 * Delete (destroy, or the first half of a replacement) overwrites `RESOURCE_TAG` with
 * `released:<digest>`. So a search by the live value finds exactly the invocations of this
 * resource that were started and never handed back: the next create resumes the one whose inputs
 * match instead of running the command again, and stops any other before it starts a new one.
 */
export const RESERVED_TAG_PREFIX = "pulumi-ecs-invocation:";
export const RESOURCE_TAG = `${RESERVED_TAG_PREFIX}resource`;
export const INPUTS_TAG = `${RESERVED_TAG_PREFIX}inputs`;
/** Tags the provider adds to each invocation, out of the API's 20. */
export const RESERVED_TAG_COUNT = 2;
const RELEASED_PREFIX = "released:";

export interface RunIdentity {
  /** Digest of the resource's URN: the live value of RESOURCE_TAG. */
  resource: string;
  /** Digest of the cloud inputs: the value of INPUTS_TAG. */
  inputs: string;
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 40);
}

/** The identity of the run a create is asked for: `urn` names the resource, `regionId` is resolved. */
export function runIdentity(urn: string, inputs: InvocationInputs, regionId: string): RunIdentity {
  const cloud = CLOUD_INPUTS.filter((key) => key !== "regionId").map((key) => [key, canonicalJson(inputs[key], isSetLike(key))]);
  return { resource: digest(urn), inputs: digest(JSON.stringify([...cloud, ["regionId", regionId]])) };
}

/** The tags InvokeCommand stamps on the invocation. */
export function identityTags(identity: RunIdentity): Record<string, string> {
  return { [RESOURCE_TAG]: identity.resource, [INPUTS_TAG]: identity.inputs };
}

/** The tag search that finds this resource's invocations that were never released. */
export function liveRunFilter(identity: RunIdentity): Record<string, string> {
  return { [RESOURCE_TAG]: identity.resource };
}

/** The tag that hands an invocation back, or undefined when it is not a live run of ours. */
export function releaseTag(view: Pick<InvocationView, "tags">): Record<string, string> | undefined {
  const value = view.tags[RESOURCE_TAG];
  if (value === undefined || value.startsWith(RELEASED_PREFIX)) return undefined;
  return { [RESOURCE_TAG]: `${RELEASED_PREFIX}${value}` };
}

/** The tags a user declared, without the provider's own. */
export function userTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([key]) => !key.startsWith(RESERVED_TAG_PREFIX)));
}
