import type { EcsApi, InvocationView } from "../../cloud/ecs-api";
import { perApi } from "../../cloud/per-api";
import { liveStackFilter, RESOURCE_TAG, type RunIdentity } from "./run-identity";

/**
 * The search every create makes for runs an interrupted `up` left behind (see run-identity),
 * made once per stack for the whole provider process: the live runs of the stack's resources,
 * listed by the stack's tag when the first create asks.
 *
 * Once is enough because a provider process serves one engine operation (one `pulumi up`): a run
 * that an interrupted `up` left behind was started before this process, so the first search sees
 * it; every run started after it was started by this process, whose creates record each one in
 * state or fail naming it. Runs this process hands back (delete, and the first half of a
 * replacement) are forgotten, even when the listing was made before.
 */
export interface RunFinder {
  /** The live runs of the resource `identity` names, newest first. */
  find(identity: RunIdentity, deadline: number): Promise<InvocationView[]>;
  /** This process released the run: no later create may resume it. */
  released(invokeId: string): void;
}

/** The finder of `api`'s process (see session: one API per account and region per process). */
export const runFinderFor = perApi((api) => createRunFinder(api));

export function createRunFinder(api: EcsApi): RunFinder {
  const listings = new Map<string, Promise<InvocationView[]>>();
  const released = new Set<string>();
  return {
    async find(identity, deadline) {
      let listing = listings.get(identity.stack);
      if (!listing) {
        listing = api.findInvocations(liveStackFilter(identity), deadline);
        listings.set(identity.stack, listing);
        // A failed search is not kept: the next create searches again.
        listing.catch(() => listings.delete(identity.stack));
      }
      return (await listing).filter((view) => view.tags[RESOURCE_TAG] === identity.resource && !released.has(view.invokeId));
    },
    released(invokeId) {
      released.add(invokeId);
    },
  };
}
