import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { OutboxStore } from '../ports/outbox.port';
import { StartupError } from '../core/startup-error';
import type { RolloutStore } from '../ports/rollout-store.port';
import { checkDatabaseFile } from './check-database-file';
import { SqliteOutboxStore } from './sqlite-outbox-store';
import { SqliteRolloutStore } from './sqlite-rollout-store';
import { WRITE_BUSY_TIMEOUT_MS, WriteGate } from './write-gate';

/** Both sides of the store on one connection: rollout changes queue outbox entries in their own transaction. */
export interface Stores {
  rollouts: RolloutStore;
  outbox: OutboxStore;
}

export const DEFAULT_DATABASE_URL = './data/rollout.db';
export const MEMORY = ':memory:';

/**
 * While opening and migrating: long enough to ride out another process's write. Afterwards the
 * connection blocks at most WRITE_BUSY_TIMEOUT_MS per attempt and the write gate waits out longer
 * locks on a timer, with the event loop free.
 */
const OPEN_BUSY_TIMEOUT_MS = 5000;

/**
 * Turns DATABASE_URL into what better-sqlite3 opens: `:memory:` or an absolute file path.
 * Accepts a plain path (`./data/rollout.db`), `file:./data/x.db` and `file:///abs/x.db`;
 * a query string (`?mode=...`) is ignored. Relative paths resolve against `cwd`.
 */
export function resolveDatabasePath(databaseUrl: string, cwd: string = process.cwd()): string {
  const url = databaseUrl.trim() || DEFAULT_DATABASE_URL;
  if (url === MEMORY || url === `file:${MEMORY}`) return MEMORY;
  if (url.startsWith('file://')) return fileURLToPath(new URL(url));
  if (url.startsWith('file:')) {
    const rest = url.slice('file:'.length).split('?')[0];
    return path.resolve(cwd, decodeURIComponent(rest));
  }
  // Anything else with a scheme (postgres://...) is not ours; opening it as a file name would
  // create a strangely named file instead of saying what is wrong.
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(url)) {
    throw new StartupError(`DATABASE_URL "${url}" is not supported: use a file path, a file: URL or ${MEMORY}.`);
  }
  return path.resolve(cwd, url);
}

/** Opens (creating if needed) the SQLite store at DATABASE_URL, with its schema up to date. */
export function openStore(databaseUrl: string): RolloutStore {
  return openStores(databaseUrl).rollouts;
}

export interface StoreOptions {
  /** Bound of the read cache in entries (READ_CACHE_ENTRIES); the default suits thousands of rollouts. */
  readCacheEntries?: number;
}

export function openStores(databaseUrl: string, options: StoreOptions = {}): Stores {
  const db = openDatabase(databaseUrl);
  const gate = new WriteGate(db);
  const rollouts = new SqliteRolloutStore(db, gate, options);
  db.pragma(`busy_timeout = ${WRITE_BUSY_TIMEOUT_MS}`);
  return { rollouts, outbox: new SqliteOutboxStore(db, gate) };
}

function openDatabase(databaseUrl: string): Database.Database {
  const file = resolveDatabasePath(databaseUrl);
  if (file === MEMORY) return configure(new Database(MEMORY), false);
  checkDatabaseFile(file, OPEN_BUSY_TIMEOUT_MS);

  let db: Database.Database | undefined;
  try {
    createPrivately(file);
    db = new Database(file);
    configure(db, true);
    restrictFiles(file);
    if (db.readonly) throw new Error('the file is read-only');
    // Opening succeeds on a read-only file that is already migrated, and so does taking the
    // write lock; only a real write fails. Make one and roll it back, so that the problem shows
    // at start-up rather than at the first change.
    try {
      db.exec('BEGIN IMMEDIATE; CREATE TABLE main._write_probe (x)');
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
    }
    return db;
  } catch (err) {
    if (db?.open) db.close();
    const reason = err instanceof Error ? err.message : String(err);
    throw new StartupError(`Cannot open the database at ${file}: ${reason}. Set DATABASE_URL to a writable file path.`, { cause: err });
  }
}

/**
 * The database holds platform tokens and people's names: a folder the bot creates for it is 0700
 * and a new file 0600, whatever the umask. SQLite gives its -wal and -shm files the mode of the
 * database file.
 */
function createPrivately(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
}

/** Tightens a database file made before (0644 by default) and its WAL files to 0600, where we own them. */
function restrictFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    } catch {
      // Missing (no WAL yet) or not ours to change: the write probe says if the file is usable.
    }
  }
}

function configure(db: Database.Database, isFile: boolean): Database.Database {
  // busy_timeout first: the WAL switch itself may wait for another process.
  db.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
  // WAL lets readers go on while a change commits. synchronous stays at SQLite's default FULL:
  // the event log is an audit record, and a lost commit after a power cut is worse than a few ms.
  if (isFile) {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`could not switch to WAL journal mode (got ${String(mode)})`);
  }
  db.pragma('foreign_keys = ON');
  return db;
}
