import type { EcsApi, InvocationView } from "./ecs-api";

type Tags = Record<string, string>;

/**
 * How long one listing of a stack's runs answers the reads of runs that can no longer change: a
 * refresh of the whole stack reads it once, however its reads are spread over time.
 */
export const SETTLED_LISTING_MS = 10_000;

/**
 * Pages of DescribeInvocations by a stack's tag, shared by every read of a run that is over for
 * good (see settle-invocation's overForGood) while the listing is fresh. Such a run's status,
 * targets and results cannot change; only its tags (edited by hand) or its record (expired after
 * about 30 days) can, which a listing seconds old still shows. So unlike the status reads (see
 * invocation-reader), a read may be answered from a page fetched before it was asked: a refresh
 * of 50 finished invocations costs one call instead of a page per wave of the engine's reads.
 * Pages are fetched only as far as a read needs; undefined when the run is on none of them.
 */
export interface StackListing {
  find(invokeId: string, tags: Tags, deadline: number): Promise<InvocationView | undefined>;
}

interface Listing {
  started: number;
  seen: Map<string, InvocationView>;
  nextToken?: string;
  done: boolean;
  /** The page being fetched, which every read waiting for more shares. */
  fetching?: Promise<void>;
}

export function createStackListing(api: EcsApi, now: () => number = Date.now): StackListing {
  const listings = new Map<string, Listing>();

  const current = (key: string): Listing => {
    const listing = listings.get(key);
    if (listing && now() - listing.started <= SETTLED_LISTING_MS) return listing;
    const fresh: Listing = { started: now(), seen: new Map(), done: false };
    listings.set(key, fresh);
    return fresh;
  };

  const nextPage = (listing: Listing, tags: Tags, deadline: number): Promise<void> => {
    listing.fetching ??= api
      .listInvocations({ tags, includeOutput: false, nextToken: listing.nextToken }, deadline)
      .then((page) => {
        for (const view of page.invocations) listing.seen.set(view.invokeId, view);
        listing.nextToken = page.nextToken;
        listing.done = page.nextToken === undefined;
      })
      .finally(() => {
        listing.fetching = undefined;
      });
    return listing.fetching;
  };

  return {
    async find(invokeId, tags, deadline) {
      const listing = current(JSON.stringify(tags));
      while (!listing.seen.has(invokeId) && !listing.done) await nextPage(listing, tags, deadline);
      const view = listing.seen.get(invokeId);
      // A copy: callers build outputs from it, and other reads share the page.
      return view && structuredClone(view);
    },
  };
}
