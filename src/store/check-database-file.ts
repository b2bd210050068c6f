import fs from 'node:fs';
import Database from 'better-sqlite3';
import { StartupError } from '../core/startup-error';

/** The database file cannot be used as it is; nothing was written to it. */
export class DamagedDatabaseError extends StartupError {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`The database file ${file} is damaged (${detail}); the bot will not use it. Stop every process that uses it, restore the file from a backup and start again.`);
  }
}

/**
 * Before the bot opens an existing database file for writing: opens it read-only and runs
 * SQLite's quick integrity check. A damaged file or one that is not a database throws
 * DamagedDatabaseError and is left as it was; a missing or empty file is a new database.
 */
export function checkDatabaseFile(file: string, busyTimeoutMs = 5000): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return; // Not there yet (or not reachable): opening it will create it or say why not.
  }
  if (!stat.isFile() || stat.size === 0) return;

  let db: Database.Database | undefined;
  let detail: string | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const rows = db.pragma('quick_check(5)', { simple: false }) as Array<{ quick_check: string }>;
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (problems.length > 0) detail = problems.join('; ').replace(/\s+/g, ' ').slice(0, 200);
  } catch (err) {
    const code = (err as { code?: string }).code;
    // Only what says the file itself is bad; anything else (a lock, permissions) is for the
    // caller's own open to report.
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code?.startsWith('SQLITE_CORRUPT_')) {
      detail = err instanceof Error ? err.message : String(err);
    }
  } finally {
    if (db?.open) db.close();
  }
  if (detail !== undefined) throw new DamagedDatabaseError(file, detail);
}
