import Database from 'better-sqlite3';
import type { Logger } from '../../src/ports/logger.port';
import {
  MemoryConversationReferenceStore, type ChannelReference, type ConversationReferenceStore,
} from './conversation-references';

/** Same as the core store: rides out another connection's write, surfaces a stuck lock as an error. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Channel references in a table of the Teams adapter's own, in the core's SQLite file but on a
 * connection of its own. Isolated here so that it can move into the core store as
 * `saveConversationRef` / `conversationRef` without touching anything else.
 *
 * Every message carries the reference, so `save` compares with the last stored JSON in memory
 * and writes only when something changed (in practice: once per channel, and when Teams moves
 * a tenant to another `serviceUrl`).
 */
export class SqliteConversationReferenceStore implements ConversationReferenceStore {
  /** channel -> stored JSON ('' = known to be absent). One entry per channel the bot is in. */
  private readonly known = new Map<string, string>();
  private readonly sql;
  /** Rows written by this instance. */
  writes = 0;

  constructor(private readonly db: Database.Database, private readonly now: () => string = () => new Date().toISOString()) {
    db.exec(`CREATE TABLE IF NOT EXISTS teams_conversation_refs (
      channel    TEXT PRIMARY KEY,
      reference  TEXT NOT NULL CHECK (json_valid(reference)),
      updated_at TEXT NOT NULL
    )`);
    this.sql = {
      get: db.prepare<[string], { reference: string }>('SELECT reference FROM teams_conversation_refs WHERE channel = ?'),
      put: db.prepare<[string, string, string]>(`INSERT INTO teams_conversation_refs (channel, reference, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (channel) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`),
    };
  }

  /** Opens the SQLite file (WAL, busy timeout like the core store) and creates the table if needed. */
  static open(file: string): SqliteConversationReferenceStore {
    const db = new Database(file);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    return new SqliteConversationReferenceStore(db);
  }

  private stored(channel: string): string {
    let json = this.known.get(channel);
    if (json === undefined) {
      json = this.sql.get.get(channel)?.reference ?? '';
      this.known.set(channel, json);
    }
    return json;
  }

  async save(channel: string, reference: ChannelReference): Promise<boolean> {
    const json = JSON.stringify(reference);
    if (this.stored(channel) === json) return false;
    this.sql.put.run(channel, json, this.now());
    this.known.set(channel, json);
    this.writes += 1;
    return true;
  }

  async get(channel: string): Promise<ChannelReference | undefined> {
    const json = this.stored(channel);
    return json ? (JSON.parse(json) as ChannelReference) : undefined;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/**
 * The reference store next to the core store: the same SQLite file when the core store is one
 * (found through its `database` connection), else memory. A stop-gap until the core store
 * offers conversation references itself.
 */
export function conversationReferenceStoreFor(coreStore: unknown, logger: Logger): ConversationReferenceStore {
  const db = (coreStore as { database?: { name?: unknown; memory?: unknown } } | undefined)?.database;
  if (db && typeof db.name === 'string' && db.name !== ':memory:' && db.memory !== true) {
    return SqliteConversationReferenceStore.open(db.name);
  }
  logger.warn({}, 'teams: the core store is not an SQLite file; conversation references are kept in memory only');
  return new MemoryConversationReferenceStore();
}
