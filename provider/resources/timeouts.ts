import type * as pulumi from "@pulumi/pulumi";

/** Create and delete timeouts as durations: "90s", "5m", "1h30m". Each defaults to 1 minute, as in Terraform. */
export interface Timeouts {
  /** How long `create` waits for the invocation to finish (or to become Scheduled). */
  create?: string;
  /** How long `delete` waits for a stopped invocation to settle. */
  delete?: string;
}

/**
 * The engine never hands `customTimeouts` to a dynamic provider, so the resource class turns them
 * into the `timeouts` input; an explicit `timeouts` input wins.
 */
export function timeoutsInput(explicit: pulumi.Input<Timeouts> | undefined, custom: pulumi.CustomTimeouts | undefined): pulumi.Input<Timeouts> | undefined {
  if (explicit !== undefined) return explicit;
  if (!custom || (custom.create === undefined && custom.delete === undefined)) return undefined;
  const out: Timeouts = {};
  if (custom.create !== undefined) out.create = custom.create;
  if (custom.delete !== undefined) out.delete = custom.delete;
  return out;
}
