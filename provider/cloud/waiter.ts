import type { Timing } from "./timing";

export interface WaitOptions<T> {
  /** Reads the current state. */
  poll: () => Promise<T>;
  /** True when waiting is over. */
  done: (state: T) => boolean;
  /** Epoch ms after which waiting stops. */
  deadline: number;
  timing: Timing;
  /** Called after every poll, e.g. to report "2/5 instances finished". */
  onProgress?: (state: T) => void;
  /** First interval; grows by `factor` up to `maxIntervalMs` (fast at first, then backing off). */
  initialIntervalMs?: number;
  maxIntervalMs?: number;
  factor?: number;
  /**
   * When the first poll is made: at once (default: what is waited for may well be there already),
   * or at the first grid point of the initial interval (what was just started cannot be over yet).
   */
  firstPoll?: "now" | "on the grid";
}

export type WaitResult<T> = { kind: "done"; state: T } | { kind: "timeout"; state: T };

/**
 * Adaptive polling: quick checks while a command is likely to finish soon, slower ones after.
 * Each poll lands on the clock's grid of its interval (a multiple of it since the epoch), so
 * waiters of one process that wait at the same pace poll at the same instants, where one shared
 * read answers them all (see invocation-reader).
 */
export async function waitFor<T>(options: WaitOptions<T>): Promise<WaitResult<T>> {
  const { timing } = options;
  let interval = options.initialIntervalMs ?? 100;
  const maxInterval = options.maxIntervalMs ?? 5_000;
  const factor = options.factor ?? 2;
  if (options.firstPoll === "on the grid") await sleepToGrid(timing, interval, options.deadline);
  for (;;) {
    const state = await options.poll();
    options.onProgress?.(state);
    if (options.done(state)) return { kind: "done", state };
    const now = timing.now();
    const remaining = options.deadline - now;
    if (remaining <= 0) return { kind: "timeout", state };
    await sleepToGrid(timing, interval, options.deadline);
    interval = Math.min(maxInterval, Math.round(interval * factor));
  }
}

/** Until the next grid point at least half an interval away (on average one interval), or the deadline. */
async function sleepToGrid(timing: Timing, interval: number, deadline: number): Promise<void> {
  const now = timing.now();
  const wake = Math.ceil((now + interval / 2) / interval) * interval;
  await timing.sleep(Math.max(0, Math.min(wake, deadline) - now));
}
