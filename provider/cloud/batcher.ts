/**
 * Coalesces requests for the same kind of answer. While a batch of one key is being answered,
 * requests of that key wait and form the next batch, which starts as soon as the first ends; a
 * batch is never answered from data read before one of its requests was made.
 */
export type Batcher<Item, Result> = (key: string, item: Item, deadline: number) => Promise<Result>;

/**
 * `answer` gets each batch's distinct items and the latest deadline among its requests, and
 * returns one result per item. A batch is gathered when `ready` resolves (e.g. when the request
 * budget would send a call at once), so requests made while calls are queued join it; `ready` may
 * watch how many are waiting (`waiting()`), to stop gathering once no more arrive.
 */
export function createBatcher<Item, Result>(
  answer: (key: string, items: Item[], deadline: number) => Promise<Map<Item, Result>>,
  ready: (waiting: () => number) => Promise<void> = async () => undefined,
): Batcher<Item, Result> {
  interface Waiting {
    item: Item;
    deadline: number;
    resolve: (result: Result) => void;
    reject: (error: unknown) => void;
  }
  const queues = new Map<string, { waiting: Waiting[]; running: boolean }>();

  const drain = async (key: string): Promise<void> => {
    const queue = queues.get(key)!;
    while (queue.waiting.length > 0) {
      await ready(() => queue.waiting.length);
      const batch = queue.waiting.splice(0);
      const items = [...new Set(batch.map((w) => w.item))];
      try {
        const results = await answer(key, items, Math.max(...batch.map((w) => w.deadline)));
        for (const w of batch) w.resolve(results.get(w.item) as Result);
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    queue.running = false;
    queues.delete(key);
  };

  return (key, item, deadline) =>
    new Promise<Result>((resolve, reject) => {
      let queue = queues.get(key);
      if (!queue) {
        queue = { waiting: [], running: false };
        queues.set(key, queue);
      }
      queue.waiting.push({ item, deadline, resolve, reject });
      if (!queue.running) {
        queue.running = true;
        // Requests made in the same turn of the event loop (waiters woken by the same timer) join.
        setImmediate(() => void drain(key));
      }
    });
}
