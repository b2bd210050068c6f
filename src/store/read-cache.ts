import type Database from 'better-sqlite3';

/**
 * How many results are kept by default. A request reads three or four entries (its user, channel,
 * state, names), so 1,000 entries hold the working set of some 250 rollouts at a time, however
 * many the database has. Measured with requests spread over 10,000 rollouts (`bench/scale-bench.ts`),
 * the process grew by about 25 MB from 1 to 10,000 rollouts with 1,000 entries, and by 170 MB
 * unbounded.
 */
export const DEFAULT_READ_CACHE_ENTRIES = 1000;

/**
 * Results of reads, kept while the database has not changed. Every request reads the same few
 * rows (the user, the channel's rollout, its tasks); SQLite answers them quickly, but building
 * the objects again on every request is most of what a read costs.
 *
 * "Not changed" is asked of SQLite, so that it also covers other processes on the same file (the
 * console, a second server). `total_changes()` moves whenever this connection writes anything,
 * the outbox included; it costs about 0.1 µs and is asked on every read, so a request always sees
 * its own changes at once. `data_version` moves when another connection commits; asking costs a
 * file lock and unlock (1.5 to 2.5 µs alone, several times that under load), so it is asked once
 * per turn of the event loop: the reads of one turn see other processes' commits as of its
 * start, as if those had come a moment later. A transaction that rolls back still counts as a
 * change, which only costs a re-read. Nothing is read from or kept in the cache while a
 * transaction is open, since what it sees may yet roll back; writes never use it (`transact`
 * reads under the write lock).
 *
 * Values are deeply frozen: they are shared by every request until the next change.
 *
 * The cache is bounded: past `maxEntries` the least recently used result goes (a Map keeps
 * insertion order, and a hit moves its key to the end), so a server with many rollouts keeps
 * the ones in use, not every one it ever read.
 */
export class ReadCache {
  private readonly entries = new Map<string, unknown>();
  private readonly ownChanges: Database.Statement<unknown[], number>;
  private readonly otherChanges: Database.Statement<unknown[], number>;
  private changes = -1;
  private version = -1;
  /** What the open write transaction will have written (see keepAfterCommit). */
  private pending: { key: string; value: unknown; version: number } | undefined;
  /** Whether `data_version` was asked in this turn of the event loop. */
  private versionChecked = false;
  private readonly nextTurn = () => {
    this.versionChecked = false;
  };

  constructor(
    private readonly db: Database.Database,
    private readonly maxEntries: number = DEFAULT_READ_CACHE_ENTRIES,
  ) {
    this.ownChanges = db.prepare<unknown[], number>('SELECT total_changes()').pluck();
    this.otherChanges = db.prepare<unknown[], number>('PRAGMA data_version').pluck();
  }

  /** The value for `key` read at the current state of the database: from memory, else from `read`. */
  get<T>(key: string, read: () => T): T {
    if (this.db.inTransaction) return read();
    if (this.changed()) this.entries.clear();
    const kept = this.entries.get(key);
    if (kept !== undefined || this.entries.has(key)) {
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept as T;
    }
    const value = deepFreeze(read());
    if (this.maxEntries <= 0) return value;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }

  /**
   * For a write transaction, which sees every commit so far: the value kept for `key` if nothing
   * has been written since it was read, by this connection or another; else undefined.
   */
  current<T>(key: string): T | undefined {
    if (!this.entries.has(key)) return undefined;
    if (this.ownChanges.get() !== this.changes || this.otherChanges.get() !== this.version) return undefined;
    return this.entries.get(key) as T;
  }

  /**
   * Inside a write transaction: `value` is what `key` will read once it commits (the state it
   * wrote). Asked now, while this connection holds the write lock, `data_version` counts every
   * other connection's commit so far, and this connection's own commit does not move it.
   */
  keepAfterCommit(key: string, value: unknown): void {
    this.pending = { key, value: deepFreeze(value), version: this.otherChanges.get()! };
  }

  /**
   * After a write transaction, which saw every commit so far: the next read asks SQLite again, so
   * that it sees no less than the write did (even a write that changed nothing). A committed
   * write starts the cache over with what it kept.
   */
  afterWrite(committed: boolean): void {
    const pending = this.pending;
    this.pending = undefined;
    this.versionChecked = false;
    if (!committed || !pending || this.db.inTransaction) return;
    this.entries.clear();
    this.changes = this.ownChanges.get()!;
    this.version = pending.version;
    if (this.maxEntries > 0) this.entries.set(pending.key, pending.value);
  }

  /** How many results are kept now (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  private changed(): boolean {
    let changed = false;
    const changes = this.ownChanges.get()!;
    if (changes !== this.changes) {
      this.changes = changes;
      changed = true;
    }
    if (!this.versionChecked) {
      this.versionChecked = true;
      setImmediate(this.nextTurn).unref();
      const version = this.otherChanges.get()!;
      if (version !== this.version) {
        this.version = version;
        changed = true;
      }
    }
    return changed;
  }
}

/** Freezes an object and everything it holds. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
