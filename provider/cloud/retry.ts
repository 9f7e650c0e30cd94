import { classify, retryAfterMs } from "./errors";
import type { Timing } from "./timing";

export interface RetryPolicy {
  /** Upper bound on attempts, the first included. */
  maxAttempts: number;
  /** First backoff; doubles per attempt (full jitter), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 10_000 };

/** Thrown when retries stop: the last error, how many attempts were made and how long was waited. */
export class RetriesExhausted extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
    readonly waitedMs: number,
  ) {
    super(lastError instanceof Error ? lastError.message : String(lastError));
  }
}

/**
 * Retries throttling (honouring x-acs-retry-after), 5xx and network errors with exponential backoff
 * and full jitter, never sleeping past `deadline` (epoch ms). Client errors are not retried.
 */
export async function withRetries<T>(
  operation: (attempt: number) => Promise<T>,
  deadline: number,
  timing: Timing,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      const kind = classify(error);
      if (kind === "client" || attempt >= policy.maxAttempts) throw new RetriesExhausted(error, attempt, waited);
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const jittered = Math.round(backoff * timing.random());
      const delay = kind === "throttling" ? Math.max(retryAfterMs(error) ?? 0, jittered) : jittered;
      if (timing.now() + delay >= deadline) throw new RetriesExhausted(error, attempt, waited);
      await timing.sleep(delay);
      waited += delay;
    }
  }
}
