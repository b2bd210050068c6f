import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { StoreUnavailableError } from '../ports/store-unavailable';

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
  /** How often a health check may try a real write while the file refused the last one. */
  probeIntervalMs: number;
}

export const DEFAULT_WRITE_GATE: WriteGateOptions = { deadlineMs: 15_000, firstPauseMs: 10, maxPauseMs: 250, probeIntervalMs: 5000 };

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
  private failure?: { kind: 'locked' | 'unwritable'; reason: string; since: string };
  private lastProbe = 0;

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
          this.fail(err, 'unwritable');
          throw new StoreUnavailableError('unwritable', errorText(err), { cause: err });
        }
        if (typeof code !== 'string' || !BUSY.has(code)) throw err;
        if (Date.now() - started >= this.options.deadlineMs) {
          this.fail(err, 'locked');
          throw new StoreUnavailableError('locked', errorText(err), { cause: err });
        }
        await sleep(pause);
        pause = Math.min(pause * 2, this.options.maxPauseMs);
      }
    }
  }

  /**
   * Whether the store takes writes, without waiting for a lock: one attempt to take the write
   * lock (blocking at most the busy timeout) tells whether another connection holds it now.
   * After a write failed for the file's sake (full, read-only) it stays unwritable until a write
   * succeeds; while nothing else writes, this commits an empty schema change at most every
   * `probeIntervalMs` to find out.
   */
  health(): WriteHealth {
    if (!this.db.open) return { writable: false, reason: 'the database is closed' };
    if (this.db.inTransaction || this.db.memory) return { writable: true };
    const recheck = this.failure?.kind === 'unwritable';
    if (recheck && Date.now() - this.lastProbe < this.options.probeIntervalMs) return this.failed();
    this.lastProbe = Date.now();
    try {
      this.db.exec('BEGIN IMMEDIATE');
      if (recheck) {
        // A change that has to reach the file (the schema cookie), and leaves nothing behind.
        this.db.exec('CREATE TABLE main._health_probe (x); DROP TABLE main._health_probe; COMMIT');
      } else {
        this.db.exec('ROLLBACK');
      }
      this.failure = undefined;
      return { writable: true };
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      const code = (err as { code?: unknown })?.code;
      if (typeof code === 'string' && UNWRITABLE.test(code)) this.fail(err, 'unwritable');
      return this.failure ? this.failed() : { writable: false, reason: errorText(err) };
    }
  }

  private failed(): WriteHealth {
    return { writable: false, reason: this.failure!.reason, since: this.failure!.since };
  }

  private fail(err: unknown, kind: 'locked' | 'unwritable'): void {
    this.failure = { kind, reason: errorText(err), since: this.failure?.since ?? new Date().toISOString() };
  }
}

function errorText(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  const message = err instanceof Error ? err.message : String(err);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}
