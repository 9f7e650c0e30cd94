import type { InvocationView } from "./ecs-api";
import { SETTLED_LISTING_MS } from "./stack-listing";

/**
 * How long a run seen in a final state on a shared page answers later reads of it (see FinalViews):
 * as long as a listing of the stack's settled runs is trusted, for the same reason.
 */
export const FINAL_VIEW_MS = SETTLED_LISTING_MS;

/**
 * Runs that a shared read's pages showed in a final state, with every instance's output, though
 * no read had asked for them yet: the stack's page lists up to 50 runs, and the runs the engine
 * started a moment later are often over by the time the page is read. Such a run cannot change
 * (but for its tags, edited by hand, or its record expiring after about 30 days), so its own read,
 * when it comes, is answered from here without a call — the one exception to "never from data
 * fetched before the read was asked" (see batcher), and only for what can no longer change.
 */
export interface FinalViews {
  /** Keeps `views` (final, each instance's output read) for reads by the same tag. */
  remember(tagKey: string, views: readonly InvocationView[]): void;
  /** A copy of the run as a page showed it, when it was final there less than FINAL_VIEW_MS ago. */
  recall(tagKey: string, invokeId: string): InvocationView | undefined;
}

export function createFinalViews(now: () => number): FinalViews {
  const byTag = new Map<string, Map<string, { view: InvocationView; at: number }>>();
  const fresh = (at: number) => now() - at < FINAL_VIEW_MS;
  return {
    remember(tagKey, views) {
      const seen = byTag.get(tagKey) ?? new Map<string, { view: InvocationView; at: number }>();
      byTag.set(tagKey, seen);
      for (const [id, entry] of seen) if (!fresh(entry.at)) seen.delete(id);
      for (const view of views) seen.set(view.invokeId, { view: structuredClone(view), at: now() });
    },
    recall(tagKey, invokeId) {
      const entry = byTag.get(tagKey)?.get(invokeId);
      return entry && fresh(entry.at) ? structuredClone(entry.view) : undefined;
    },
  };
}
