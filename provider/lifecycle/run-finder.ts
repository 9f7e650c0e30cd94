import { createBatcher, type Batcher } from "../cloud/batcher";
import type { EcsApi, InvocationView } from "../cloud/ecs-api";
import { liveRunFilter, liveStackFilter, RESOURCE_TAG, type RunIdentity } from "./run-identity";

/**
 * The search every create makes for runs an interrupted create left behind (see run-identity),
 * shared by the creates of one provider process. Creates that ask together are answered by one
 * search made after they asked: for one or a few resources, by each resource's tag (one call
 * each); for more than the stack's live runs fill in pages, by the stack's tag (its pages, once).
 */
export type RunFinder = (identity: RunIdentity, deadline: number) => Promise<InvocationView[]>;

const finders = new WeakMap<EcsApi, RunFinder>();

export function runFinderFor(api: EcsApi): RunFinder {
  let finder = finders.get(api);
  if (!finder) {
    finder = createRunFinder(api);
    finders.set(api, finder);
  }
  return finder;
}

/** Invocations a page of DescribeInvocations holds. */
const PAGE = 50;

export function createRunFinder(api: EcsApi): RunFinder {
  /** Live runs each stack had at its last search by the stack's tag: how many pages one costs. */
  const liveCounts = new Map<string, number>();
  const batch: Batcher<string, InvocationView[]> = createBatcher(async (stack, resources, deadline) => {
    const found = new Map<string, InvocationView[]>(resources.map((resource) => [resource, []]));
    const pages = Math.max(1, Math.ceil((liveCounts.get(stack) ?? 0) / PAGE));
    if (resources.length > pages) {
      const live = await api.findInvocations(liveStackFilter({ stack }), deadline);
      liveCounts.set(stack, live.length);
      for (const view of live) found.get(view.tags[RESOURCE_TAG] ?? "")?.push(view);
    } else {
      const each = await Promise.all(resources.map((resource) => api.findInvocations(liveRunFilter({ resource }), deadline)));
      resources.forEach((resource, i) => found.set(resource, each[i]!));
    }
    return found;
  });
  return (identity, deadline) => batch(identity.stack, identity.resource, deadline);
}
