import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MEMORY, resolveDatabasePath } from '../../src/store/open-store';
import type { InstallationRecords } from './installation-store';

/**
 * Stop-gap until the core store port offers key-value methods for installations: a table of our
 * own in the same SQLite file as the rollouts, through a separate better-sqlite3 connection.
 * Everything about it is in this one file; swapping it for the store port touches nothing else.
 */
export class SqliteInstallationRecords implements InstallationRecords {
  private readonly db: Database.Database;
  private readonly saveStmt: Database.Statement<[string, string, string]>;
  private readonly findStmt: Database.Statement<[string], { installation: string }>;
  private readonly deleteStmt: Database.Statement<[string]>;

  constructor(databaseUrl: string) {
    const file = resolveDatabasePath(databaseUrl);
    if (file !== MEMORY) fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS slack_installations (
        install_key  TEXT PRIMARY KEY,
        installation TEXT NOT NULL CHECK (json_valid(installation)),
        updated_at   TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
    this.saveStmt = this.db.prepare(
      `INSERT INTO slack_installations (install_key, installation, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (install_key) DO UPDATE SET installation = excluded.installation, updated_at = excluded.updated_at`,
    );
    this.findStmt = this.db.prepare('SELECT installation FROM slack_installations WHERE install_key = ?');
    this.deleteStmt = this.db.prepare('DELETE FROM slack_installations WHERE install_key = ?');
  }

  async save(key: string, json: string): Promise<void> {
    this.saveStmt.run(key, json, new Date().toISOString());
  }

  async find(key: string): Promise<string | undefined> {
    return this.findStmt.get(key)?.installation;
  }

  async delete(key: string): Promise<void> {
    this.deleteStmt.run(key);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
