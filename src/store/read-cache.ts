import type Database from 'better-sqlite3';

/** Past this many entries the cache starts over (a workspace's users and rollouts fit many times). */
const MAX_ENTRIES = 10_000;

/**
 * Results of reads, kept while the database has not changed. Every request reads the same few
 * rows (the user, the channel's rollout, its tasks); SQLite answers them quickly, but building
 * the objects again on every request is most of what a read costs.
 *
 * "Not changed" is asked of SQLite on every read, so that it also covers other processes on the
 * same file (the console, a second server): `total_changes()` moves whenever this connection
 * writes anything, the outbox included; `data_version` when another connection commits. A
 * transaction that rolls back still counts as a change, which only costs a re-read. Nothing is
 * read from or kept in the cache while a transaction is open, since what it sees may yet roll
 * back; writes never use it (`transact` reads under the write lock).
 *
 * Values are deeply frozen: they are shared by every request until the next change.
 */
export class ReadCache {
  private readonly entries = new Map<string, unknown>();
  private readonly ownChanges: Database.Statement<unknown[], number>;
  private readonly otherChanges: Database.Statement<unknown[], number>;
  private changes = -1;
  private version = -1;

  constructor(private readonly db: Database.Database) {
    this.ownChanges = db.prepare<unknown[], number>('SELECT total_changes()').pluck();
    this.otherChanges = db.prepare<unknown[], number>('PRAGMA data_version').pluck();
  }

  /** The value for `key` read at the current state of the database: from memory, else from `read`. */
  get<T>(key: string, read: () => T): T {
    if (this.db.inTransaction) return read();
    const changes = this.ownChanges.get()!;
    const version = this.otherChanges.get()!;
    if (changes !== this.changes || version !== this.version) {
      this.entries.clear();
      this.changes = changes;
      this.version = version;
    }
    if (this.entries.has(key)) return this.entries.get(key) as T;
    const value = deepFreeze(read());
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, value);
    return value;
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
