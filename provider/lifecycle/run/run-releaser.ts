import { createBatcher } from "../../cloud/batcher";
import type { EcsApi } from "../../cloud/ecs-api";
import { isNotFound } from "../../cloud/errors";
import { perApi } from "../../cloud/per-api";
import { runtime } from "../runtime";
import { RELEASED_TAGS } from "./run-identity";

/**
 * Hands runs back (see run-identity) together: the deletes of one `pulumi destroy` — or a
 * replacement's first halves — release their invocations in one TagResources call per 50, gathered
 * like the status reads, instead of one call each.
 */
export const releaserFor = perApi((api: EcsApi) =>
  createBatcher<string, void>(async (_key, invokeIds, deadline) => {
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
  }, gathered(api)),
);

/**
 * Deletes run side by side but end at different moments: a release waits for others to join its
 * call while they keep arriving — until none joined for QUIET_MS, at most GATHER_MS. A release with
 * none beside it (one destroyed invocation, or the last of a wave) waits QUIET_MS, not the window:
 * a fixed window was pure latency then (docs/performance.md, destroy).
 */
const QUIET_MS = 25;
const GATHER_MS = 200;

function gathered(api: EcsApi): (waiting: () => number) => Promise<void> {
  return async (waiting) => {
    const { timing } = runtime();
    let seen = waiting();
    for (let waited = 0; waited < GATHER_MS; waited += QUIET_MS) {
      await timing.sleep(QUIET_MS);
      const now = waiting();
      if (now === seen) break;
      seen = now;
    }
    await api.gather();
  };
}

/** Releases one run, with whatever other releases this process makes at the same time. */
export function releaseRun(api: EcsApi, invokeId: string, deadline: number): Promise<void> {
  return releaserFor(api)("release", invokeId, deadline);
}
