import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';

/**
 * How long one attempt to take SQLite's write lock may block the event loop. better-sqlite3 is
 * synchronous: SQLite's busy_timeout waits inside the call, and nothing else (an ack, /healthz)
 * runs meanwhile. A short one rides out another connection's commit (a few ms); a longer lock
 * is waited out here, between attempts, with the event loop free.
 */
export const WRITE_BUSY_TIMEOUT_MS = 10;

export interface WriteGateOptions {
  /** How long a write keeps trying to get the lock before it fails with `StoreUnavailableError`. */
  deadlineMs: number;
  /** First pause between attempts; it doubles up to `maxPauseMs`. */
  firstPauseMs: number;
  maxPauseMs: number;
}

export const DEFAULT_WRITE_GATE: WriteGateOptions = { deadlineMs: 15_000, firstPauseMs: 10, maxPauseMs: 250 };

/** A write that did not happen because the database is locked, full or unwritable: nothing was changed. */
export class StoreUnavailableError extends Error {
  constructor(
    readonly reason: 'locked' | 'unwritable',
    cause: unknown,
  ) {
    super(`the database is ${reason === 'locked' ? 'locked by another connection' : 'not writable'}: ${errorText(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** What the last write found, for `/healthz`. */
export interface WriteHealth {
  writable: boolean;
  /** Why not, and since when. */
  reason?: string;
  since?: string;
}

/** SQLite result codes that say "another connection has the lock, try again". */
const BUSY = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']);
/** Codes that say the file cannot take writes right now (disk full, read-only, I/O). */
const UNWRITABLE = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|PROTOCOL|NOLFS)/;

/**
 * Runs every write of one SQLite connection. Each attempt blocks at most the short busy timeout;
 * while another connection holds the write lock, the next attempt waits on a timer, so the event
 * loop keeps serving. A write that cannot get the lock by the deadline, or that the file refuses
 * (full, read-only), fails with `StoreUnavailableError` and changes nothing. The gate remembers
 * the last outcome, so a health check can tell without writing.
 */
export class WriteGate {
  private failure?: { reason: string; since: string };

  constructor(
    private readonly db: Database.Database,
    private readonly options: WriteGateOptions = DEFAULT_WRITE_GATE,
  ) {}

  async run<T>(attempt: () => T): Promise<T> {
    const started = Date.now();
    let pause = this.options.firstPauseMs;
    for (;;) {
      try {
        const result = attempt();
        this.failure = undefined;
        return result;
      } catch (err) {
        const code = (err as { code?: unknown })?.code;
        if (typeof code === 'string' && UNWRITABLE.test(code)) {
          this.fail(err);
          throw new StoreUnavailableError('unwritable', err);
        }
        if (typeof code !== 'string' || !BUSY.has(code)) throw err;
        if (Date.now() - started >= this.options.deadlineMs) {
          this.fail(err);
          throw new StoreUnavailableError('locked', err);
        }
        await sleep(pause);
        pause = Math.min(pause * 2, this.options.maxPauseMs);
      }
    }
  }

  /**
   * Whether the store takes writes: not when the last write failed for the file's sake (full,
   * read-only, locked past the deadline) and none succeeded since, nor when another connection
   * holds the write lock right now (one attempt to take it, blocking at most the busy timeout).
   */
  health(): WriteHealth {
    if (this.failure) return { writable: false, reason: this.failure.reason, since: this.failure.since };
    if (!this.db.open || this.db.inTransaction || this.db.memory) return { writable: this.db.open };
    try {
      this.db.exec('BEGIN IMMEDIATE');
      this.db.exec('ROLLBACK');
      return { writable: true };
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      return { writable: false, reason: errorText(err) };
    }
  }

  private fail(err: unknown): void {
    this.failure = { reason: errorText(err), since: this.failure?.since ?? new Date().toISOString() };
  }
}

function errorText(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  const message = err instanceof Error ? err.message : String(err);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}
