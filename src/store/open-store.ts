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

/** Both sides of the store on one connection: rollout changes queue outbox entries in their own transaction. */
export interface Stores {
  rollouts: RolloutStore;
  outbox: OutboxStore;
}

export const DEFAULT_DATABASE_URL = './data/rollout.db';
export const MEMORY = ':memory:';

/** Long enough to ride out another process's write (a few ms here), short enough that a stuck lock surfaces as an error. */
const BUSY_TIMEOUT_MS = 5000;

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

export function openStores(databaseUrl: string): Stores {
  const db = openDatabase(databaseUrl);
  const rollouts = new SqliteRolloutStore(db);
  return { rollouts, outbox: new SqliteOutboxStore(db) };
}

function openDatabase(databaseUrl: string): Database.Database {
  const file = resolveDatabasePath(databaseUrl);
  if (file === MEMORY) return configure(new Database(MEMORY), false);
  checkDatabaseFile(file, BUSY_TIMEOUT_MS);

  let db: Database.Database | undefined;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
    configure(db, true);
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

function configure(db: Database.Database, isFile: boolean): Database.Database {
  // busy_timeout first: the WAL switch itself may wait for another process.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL lets readers go on while a change commits. synchronous stays at SQLite's default FULL:
  // the event log is an audit record, and a lost commit after a power cut is worse than a few ms.
  if (isFile) {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`could not switch to WAL journal mode (got ${String(mode)})`);
  }
  db.pragma('foreign_keys = ON');
  return db;
}
