/**
 * A store fault, not an expected outcome: a write did not happen because the database is locked
 * by another connection for too long, full, or not writable. Nothing was changed; the same
 * request may succeed a moment later. The core answers it with `store.unavailable`.
 */
export class StoreUnavailableError extends Error {
  constructor(
    readonly reason: 'locked' | 'unwritable',
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`the database is ${reason === 'locked' ? 'locked by another connection' : 'not writable'}: ${detail}`, options);
    this.name = 'StoreUnavailableError';
  }
}
