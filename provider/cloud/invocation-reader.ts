import { type Batcher, createBatcher } from "./batcher";
import type { EcsApi, InstanceResult, InvocationView } from "./ecs-api";
import { createFinalViews } from "./final-views";
import { TERMINAL_STATUSES } from "./invocation-statuses";
import { perApi } from "./per-api";
import { createStackListing } from "./stack-listing";

type Tags = Record<string, string>;

/**
 * Status reads shared by every invocation waiting in one provider process. Waiters poll on a
 * common clock grid (see waiter), so their reads arrive together; one batch answers them:
 * - one invocation, or reads without a common tag: DescribeInvocations by id, one call each;
 * - several invocations sharing a tag (the stack's, see run-identity): pages of DescribeInvocations
 *   filtered by that tag, 50 invocations a page, until every one asked for is seen; any not seen
 *   is then read by id. Polling a stack's 200 creates costs a few pages, not 200 calls.
 * Output, which DescribeInvocations lists only by id, comes for many invocations at once from
 * pages of DescribeInvocationResults by the same tag. The runs those pages show over for good
 * (final, run once) with all their output answer their own reads when these come (see final-views).
 */
export interface InvocationReader {
  /** The invocation as DescribeInvocations shows it now; undefined when it does not exist. */
  read(invokeId: string, deadline: number, options?: ReadOptions): Promise<InvocationView | undefined>;
  /**
   * A run that is over for good (see settle-invocation's overForGood), without output (its results
   * cannot change): from the stack's listing shared by every such read (see stack-listing), or by
   * its id when the listing does not show it.
   */
  readSettled(invokeId: string, deadline: number, options?: Pick<ReadOptions, "sharedTag">): Promise<InvocationView | undefined>;
  /** `view` (just read without output) with each instance's output; undefined if it no longer exists. */
  withOutput(view: InvocationView, deadline: number, options?: Pick<ReadOptions, "sharedTag">): Promise<InvocationView | undefined>;
}

export interface ReadOptions {
  /** A tag (one key and value) that the invocation carries along with others read at the same time. */
  sharedTag?: Tags;
  /** Each instance's output too (up to 24 KB each). */
  includeOutput?: boolean;
}

/** The reader of `api`'s process: one per API, so the reads of all resources on it coalesce. */
export const readerFor = perApi((api) => createInvocationReader(api));

export function createInvocationReader(api: EcsApi, now: () => number = Date.now): InvocationReader {
  const gather = () => api.gather();
  const listing = createStackListing(api, now);
  const finals = createFinalViews(now);
  const byId = async (ids: string[], includeOutput: boolean, deadline: number, found: Map<string, InvocationView | undefined>) => {
    const views = await Promise.all(ids.map((id) => api.describeInvocation(id, deadline, includeOutput)));
    for (const [i, id] of ids.entries()) found.set(id, views[i]);
    return found;
  };

  const reads: Batcher<string, InvocationView | undefined> = createBatcher(async (key, invokeIds, deadline) => {
    const { tags, includeOutput } = JSON.parse(key) as { tags?: Tags; includeOutput: boolean };
    const found = new Map<string, InvocationView | undefined>();
    const tagKey = JSON.stringify(tags);
    // Reads that waited while the batch before was answered: its pages may have shown their runs over.
    for (const id of tags ? invokeIds : []) {
      const remembered = finals.recall(tagKey, id);
      if (remembered) found.set(id, remembered);
    }
    const asked = invokeIds.filter((id) => !found.has(id));
    if (tags && asked.length > 1) {
      const pages = await listed(api, tags, asked, deadline);
      for (const view of pages.wanted) found.set(view.invokeId, view);
      if (includeOutput) {
        const filled = await addOutputs(api, tags, pages.wanted, deadline, pages.others.filter(cannotChange));
        // Any whose output the results pages did not show is read by id below.
        for (const id of filled.unseen) found.delete(id);
        // The extras were picked as runs that cannot change; of those asked for, only such runs are kept.
        finals.remember(tagKey, [...pages.wanted.filter((view) => cannotChange(view) && !filled.unseen.has(view.invokeId)), ...filled.extras]);
      }
    }
    return byId(
      asked.filter((id) => !found.has(id)),
      includeOutput,
      deadline,
      found,
    );
  }, gather);

  const outputs: Batcher<InvocationView, InvocationView | undefined> = createBatcher(async (key, views, deadline) => {
    const { tags } = JSON.parse(key) as { tags?: Tags };
    const found = new Map<InvocationView, InvocationView | undefined>();
    if (tags && views.length > 1) {
      const copies = views.map((view) => structuredClone(view));
      const { unseen } = await addOutputs(api, tags, copies, deadline);
      for (const [i, copy] of copies.entries()) if (!unseen.has(copy.invokeId)) found.set(views[i]!, copy);
    }
    const rest = views.filter((view) => !found.has(view));
    const read = await byId(
      rest.map((view) => view.invokeId),
      true,
      deadline,
      new Map(),
    );
    for (const view of rest) found.set(view, read.get(view.invokeId));
    return found;
  }, gather);

  // A remembered run needs no batch at all (nor its wait for a slot of the request budget).
  const read: InvocationReader["read"] = async (invokeId, deadline, options = {}) =>
    (options.sharedTag && finals.recall(JSON.stringify(options.sharedTag), invokeId)) ||
    reads(JSON.stringify({ kind: "read", tags: options.sharedTag, includeOutput: options.includeOutput ?? false }), invokeId, deadline);

  return {
    read,
    readSettled: async (invokeId, deadline, options = {}) =>
      (options.sharedTag && (await listing.find(invokeId, options.sharedTag, deadline))) || read(invokeId, deadline),
    withOutput: (view, deadline, options = {}) => outputs(JSON.stringify({ kind: "output", tags: options.sharedTag }), view, deadline),
  };
}

/** A run that can no longer change, as a page shows it: run once, in a final state. */
function cannotChange(view: InvocationView): boolean {
  return view.repeatMode === "Once" && TERMINAL_STATUSES.has(view.status);
}

/**
 * The invocations among `invokeIds` that pages listed by `tags` show (`wanted`), reading no page
 * beyond the last one needed, and the others those pages showed.
 */
async function listed(api: EcsApi, tags: Tags, invokeIds: string[], deadline: number): Promise<{ wanted: InvocationView[]; others: InvocationView[] }> {
  const wanted = new Set(invokeIds);
  const found: InvocationView[] = [];
  const others: InvocationView[] = [];
  let nextToken: string | undefined;
  do {
    const page = await api.listInvocations({ tags, includeOutput: false, nextToken }, deadline);
    for (const view of page.invocations) (wanted.delete(view.invokeId) ? found : others).push(view);
    nextToken = page.nextToken;
  } while (nextToken && wanted.size > 0);
  return { wanted: found, others };
}

/**
 * Fills in each instance's output from DescribeInvocationResults pages, until every instance of
 * `views` is seen; returns the invocations some of whose instances no page showed (`unseen`), and
 * those of `extras` whose every instance the same pages showed (they read no page of their own).
 */
async function addOutputs(
  api: EcsApi,
  tags: Tags,
  views: InvocationView[],
  deadline: number,
  extras: InvocationView[] = [],
): Promise<{ unseen: Set<string>; extras: InvocationView[] }> {
  const slotsOf = (list: InvocationView[]) =>
    new Map<string, InstanceResult>(list.flatMap((view) => view.instances.map((instance) => [`${view.invokeId} ${instance.instanceId}`, instance])));
  const slots = slotsOf(views);
  const extraSlots = slotsOf(extras);
  let nextToken: string | undefined;
  do {
    const page = await api.listInvocationResults({ tags, nextToken }, deadline);
    for (const result of page.results) {
      const key = `${result.invokeId} ${result.instanceId}`;
      const slot = slots.get(key) ?? extraSlots.get(key);
      if (!slot) continue;
      slot.output = result.output;
      slot.dropped = result.dropped;
      if (result.partialBytes > 0) slot.outputOmitted = result.partialBytes;
      else delete slot.outputOmitted;
      if (!slots.delete(key)) extraSlots.delete(key);
    }
    nextToken = page.nextToken;
  } while (nextToken && slots.size > 0);
  const unseenExtras = new Set([...extraSlots.keys()].map((key) => key.split(" ")[0]!));
  return { unseen: new Set([...slots.keys()].map((key) => key.split(" ")[0]!)), extras: extras.filter((view) => !unseenExtras.has(view.invokeId)) };
}
