import type { Timing } from "./timing";

/**
 * The client side of the account's API rate limit: every call made by one provider process (every
 * resource of one `pulumi up`) takes a slot here before it is sent, in the order asked for.
 *
 * - With `maxPerSecond` set (`alicloud:maxRequestsPerSecond`), slots are spaced evenly at that rate,
 *   so a process told the account's limit is never throttled.
 * - Without it the budget is adaptive: unlimited until the cloud answers with throttling, then the
 *   rate drops to 90 % of what the cloud accepted in the last second (and every caller waits out the
 *   cloud's retry-after), then, for every second without throttling, doubles back up to the rate the
 *   cloud last accepted and grows by one request per second beyond it. Retries keep a throttled call alive; the budget keeps the next thousand from being
 *   throttled too.
 */
export interface RequestBudget {
  /** Waits for this call's slot. Rejects with BudgetExceeded when it would have to wait past `deadline` (epoch ms). */
  take(deadline: number): Promise<void>;
  /**
   * When a shared read may gather its batch: once a call made now would go at once (no slot is
   * reserved ahead of it). So everyone who asks while calls are queued shares one read, instead of
   * queueing one each behind the calls that change something.
   */
  gather(): Promise<void>;
  /** The cloud answered a call (anything but throttling): it counts towards the rate it accepts. */
  accepted(): void;
  /** The cloud throttled a call: slow down (adaptive) and hold every caller for `retryAfterMs`. */
  throttled(retryAfterMs: number | undefined): void;
  /** The current limit in requests per second (Infinity while unlimited). */
  readonly rate: number;
}

export class BudgetExceeded extends Error {
  constructor(
    readonly waitMs: number,
    readonly rate: number,
  ) {
    super(
      `The provider's request budget (${rate.toFixed(1)} requests/s) has no slot for this call before the operation's deadline ` +
        `(${Math.round(waitMs / 1000)}s away): too many calls are queued. Raise alicloud:maxRequestsPerSecond if the account allows more, ` +
        "lower the update's --parallel, or raise the operation's timeout.",
    );
  }
}

export interface BudgetOptions {
  /** A fixed limit (requests per second); adaptive when absent. */
  maxPerSecond?: number;
}

/** The lowest rate adaptation falls to: a throttled account still makes progress. */
const MIN_RATE = 1;
const DECREASE = 0.9;
/** Throttling answers within this long of a decrease belong to the same burst: one decrease for all. */
const SAME_BURST_MS = 1000;

export function createRequestBudget(timing: Timing, options: BudgetOptions = {}): RequestBudget {
  const fixed = options.maxPerSecond;
  let rate = fixed ?? Infinity;
  /** When the next slot is free (epoch ms). */
  let nextSlot = 0;
  /** Answers in the last second that were not throttled: the rate the cloud accepts. */
  const accepted: number[] = [];
  let lastGrowth = 0;
  let lastDecrease = -Infinity;
  /** The rate the cloud accepted when it last throttled: growth is quick below it, careful above. */
  let ceiling = Infinity;
  const forget = (now: number): void => {
    while (accepted.length > 0 && accepted[0]! <= now - 1000) accepted.shift();
  };

  const grow = (now: number): void => {
    if (fixed !== undefined || rate === Infinity) return;
    // Growth stops mattering after a minute: by then the rate is far above any account's limit.
    const seconds = Math.min(60, (now - lastGrowth) / 1000);
    for (let second = 1; second <= seconds; second++) rate = rate < ceiling ? Math.min(ceiling, rate * 2) : rate + 1;
    if (seconds >= 1) lastGrowth = now;
  };

  return {
    get rate() {
      return rate;
    },
    async take(deadline) {
      const now = timing.now();
      grow(now);
      const slot = rate === Infinity ? now : Math.max(now, nextSlot);
      // A call due now always goes (a last read after a deadline is how a timeout is reported).
      if (slot > now && slot > deadline) throw new BudgetExceeded(slot - now, rate);
      if (rate !== Infinity) nextSlot = slot + 1000 / rate;
      else nextSlot = Math.max(nextSlot, slot);
      if (slot > now) await timing.sleep(slot - now);
    },
    async gather() {
      for (let wait = nextSlot - timing.now(); rate !== Infinity && wait > 0; wait = nextSlot - timing.now()) await timing.sleep(wait);
    },
    accepted() {
      const now = timing.now();
      forget(now);
      accepted.push(now);
    },
    throttled(retryAfterMs) {
      const now = timing.now();
      if (fixed === undefined && now - lastDecrease >= SAME_BURST_MS) {
        forget(now);
        ceiling = Math.max(MIN_RATE, Math.min(rate, accepted.length));
        rate = Math.max(MIN_RATE, ceiling * DECREASE);
        lastGrowth = now;
        lastDecrease = now;
      }
      // Everyone waits out the cloud's window, not just the caller that was told.
      nextSlot = Math.max(nextSlot, now + (retryAfterMs ?? 1000 / rate));
    },
  };
}
