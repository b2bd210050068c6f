/** How the outbox worker retries, paces and recovers; every field can be shortened in tests. */
export interface RetryPolicy {
  /** Attempts for errors other than rate limiting before a message is given up. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Messages in flight at once (each to a different channel). */
  concurrency: number;
  /** Lookups that cannot tell whether a message arrived before it is given up as unconfirmed. */
  maxLookups: number;
  /** How often the worker settles what the store refused and looks for stuck entries. */
  recoveryIntervalMs: number;
  /** An entry in `sending` this long was left by a failure (a crash, a store fault): it is looked up again. */
  stuckAfterMs: number;
  /**
   * Least wait after a failure that may have reached the platform before looking the message up:
   * a request still on its way when the answer timed out has landed by then.
   */
  lookupDelayMs: number;
}

export const DEFAULT_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  concurrency: 16,
  maxLookups: 5,
  recoveryIntervalMs: 30_000,
  stuckAfterMs: 2 * 60_000,
  lookupDelayMs: 5000,
};
