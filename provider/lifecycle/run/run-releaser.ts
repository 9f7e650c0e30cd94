import { createBatcher } from "../../cloud/batcher";
import type { EcsApi } from "../../cloud/ecs-api";
import { isNotFound } from "../../cloud/errors";
import { perApi } from "../../cloud/per-api";
import { RELEASED_TAGS } from "./run-identity";

/**
 * Hands runs back (see run-identity) together: the deletes of one `pulumi destroy` — or a
 * replacement's first halves — share TagResources calls (up to 50 ids each) like the status reads:
 * a release goes at once when no release call is in flight, and those that arrive while one is
 * share the next. No gathering window: the engine sends a wave of deletes only as earlier ones
 * end, so any wait for more is latency on every delete (docs/performance.md, destroy). Under a
 * request limit, a batch waits for its slot (the budget's `gather`) and grows meanwhile.
 */
export const releaserFor = perApi((api: EcsApi) =>
  createBatcher<string, void>(
    async (_key, invokeIds, deadline) => {
      try {
        await api.tagInvocations(invokeIds, RELEASED_TAGS, deadline);
      } catch (error) {
        if (!isNotFound(error, "InvalidResourceId.NotFound")) throw error;
        // A record expired between its read and the call (nothing is left to resume): the others one by one.
        for (const invokeId of invokeIds.length > 1 ? invokeIds : []) {
          await api.tagInvocations([invokeId], RELEASED_TAGS, deadline).catch((single: unknown) => {
            if (!isNotFound(single, "InvalidResourceId.NotFound")) throw single;
          });
        }
      }
      return new Map(invokeIds.map((id) => [id, undefined]));
    },
    () => api.gather(),
  ),
);

/** Releases one run, with whatever other releases this process makes at the same time. */
export function releaseRun(api: EcsApi, invokeId: string, deadline: number): Promise<void> {
  return releaserFor(api)("release", invokeId, deadline);
}
