import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

/**
 * The schema, as an append-only history. Never edit a migration that has shipped: databases in
 * the field already recorded it as applied, so a change must be a new version.
 *
 * Locale and platform are deliberately not CHECKed: adding a language or a platform should not
 * need a table rebuild (SQLite cannot alter a CHECK). Task status is a fixed part of the domain.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    up: `
      CREATE TABLE rollouts (
        id          TEXT PRIMARY KEY,
        workspace   TEXT NOT NULL CHECK (workspace <> ''),
        name        TEXT NOT NULL CHECK (name <> ''),
        -- NOCASE folds ASCII only; Finnish and Swedish names need ä, ö and å folded too,
        -- so the store writes a Unicode-lowercased key and the uniqueness is on that.
        name_key    TEXT NOT NULL,
        playbook_id TEXT NOT NULL,
        phase       TEXT NOT NULL,
        locale      TEXT NOT NULL,
        options     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options) AND json_type(options) = 'object'),
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL,
        UNIQUE (workspace, name_key)
      );

      CREATE TABLE tasks (
        rollout_id TEXT NOT NULL REFERENCES rollouts(id),
        task_key   TEXT NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('open', 'done', 'na')),
        reason     TEXT,
        note       TEXT,
        assignee   TEXT,
        updated_by TEXT,
        updated_at TEXT,
        PRIMARY KEY (rollout_id, task_key)
      ) WITHOUT ROWID;

      -- user_id rather than user: USER is reserved in PostgreSQL, and the schemas should read alike.
      CREATE TABLE members (
        rollout_id TEXT NOT NULL REFERENCES rollouts(id),
        role       TEXT NOT NULL CHECK (role <> ''),
        user_id    TEXT NOT NULL CHECK (user_id <> ''),
        PRIMARY KEY (rollout_id, role, user_id)
      ) WITHOUT ROWID;

      CREATE TABLE channels (
        channel    TEXT PRIMARY KEY,
        rollout_id TEXT NOT NULL REFERENCES rollouts(id),
        bound_at   TEXT NOT NULL
      );
      CREATE INDEX channels_rollout ON channels(rollout_id);

      -- The audit trail: rows are only ever inserted. No ON DELETE CASCADE, so a rollout with
      -- history cannot be deleted by accident.
      CREATE TABLE events (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        rollout_id TEXT REFERENCES rollouts(id),
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL,
        platform   TEXT NOT NULL,
        type       TEXT NOT NULL,
        subject    TEXT NOT NULL,
        before     TEXT CHECK (before IS NULL OR json_valid(before)),
        after      TEXT CHECK (after IS NULL OR json_valid(after))
      );
      CREATE INDEX events_rollout ON events(rollout_id, id);

      CREATE TABLE processed_requests (
        request_id TEXT PRIMARY KEY,
        at         TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE users (
        id     TEXT PRIMARY KEY,
        name   TEXT,
        locale TEXT
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'communication: settings, role channels, outbox, status messages',
    up: `
      ALTER TABLE rollouts ADD COLUMN settings TEXT NOT NULL DEFAULT '{}'
        CHECK (json_valid(settings) AND json_type(settings) = 'object');

      CREATE TABLE role_channels (
        rollout_id TEXT NOT NULL REFERENCES rollouts(id),
        role       TEXT NOT NULL CHECK (role <> ''),
        channel    TEXT NOT NULL CHECK (channel <> ''),
        name       TEXT,
        locales    TEXT NOT NULL CHECK (json_valid(locales) AND json_type(locales) = 'array'),
        PRIMARY KEY (rollout_id, role, channel)
      ) WITHOUT ROWID;

      -- The durable outbox: a row is written in the same transaction as the change that caused
      -- it and settled by the delivery worker. idempotency_key makes a repeated enqueue a no-op.
      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT NOT NULL UNIQUE,
        rollout_id      TEXT NOT NULL REFERENCES rollouts(id),
        batch           TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('announcement', 'status', 'report')),
        template        TEXT,
        channel         TEXT NOT NULL,
        locales         TEXT NOT NULL CHECK (json_valid(locales)),
        text            TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'sending', 'sent', 'failed')),
        report_to       TEXT,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error      TEXT,
        message_id      TEXT,
        created_at      TEXT NOT NULL,
        sent_at         TEXT
      );
      CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
      CREATE INDEX outbox_rollout ON outbox(rollout_id, id);
      CREATE INDEX outbox_batch ON outbox(batch);

      -- The one living status message per channel and rollout, edited in place.
      CREATE TABLE status_messages (
        rollout_id TEXT NOT NULL REFERENCES rollouts(id),
        channel    TEXT NOT NULL,
        message_id TEXT NOT NULL,
        PRIMARY KEY (rollout_id, channel)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'platform records: Slack installations, Teams conversation references',
    up: `
      -- What an adapter must keep to reach its platform later (an OAuth installation, a Teams
      -- conversation reference): opaque JSON by kind and key, in the same database.
      CREATE TABLE platform_records (
        kind       TEXT NOT NULL CHECK (kind <> ''),
        key        TEXT NOT NULL CHECK (key <> ''),
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (kind, key)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'processed requests by age, for forgetting old delivery ids',
    up: `
      CREATE INDEX processed_requests_at ON processed_requests(at);
    `,
  },
  {
    version: 5,
    name: 'announcement previews: who made them, and the go-live date sending one sets',
    up: `
      ALTER TABLE outbox ADD COLUMN created_by TEXT;
      ALTER TABLE outbox ADD COLUMN sets_golive TEXT;
    `,
  },
  {
    version: 6,
    name: 'outbox: look a message up before sending it again, bounded lookups, unconfirmed deliveries',
    up: `
      -- 1 when the last attempt may have reached the platform (a timeout, a reset, a 5xx, a crash
      -- mid-send): the message is looked up on the platform before it is sent again.
      ALTER TABLE outbox ADD COLUMN verify INTEGER NOT NULL DEFAULT 0;
      -- Lookups that could not tell; after a few the entry is given up as unconfirmed.
      ALTER TABLE outbox ADD COLUMN lookups INTEGER NOT NULL DEFAULT 0;
      -- A failed entry whose delivery could not be confirmed either way: the lead decides.
      ALTER TABLE outbox ADD COLUMN unconfirmed INTEGER NOT NULL DEFAULT 0;
      -- When the entry went to sending: one left there long after is stuck.
      ALTER TABLE outbox ADD COLUMN claimed_at TEXT;
      UPDATE outbox SET verify = 1 WHERE status = 'sending';
      -- A channel's next message waits for the ones before it, also while they wait for a retry.
      CREATE INDEX outbox_channel_open ON outbox(channel, id) WHERE status IN ('pending', 'sending');
    `,
  },
  {
    version: 7,
    name: 'processed requests scoped by platform, workspace and conversation',
    up: `
      -- Teams activity ids are timestamps unique only within a conversation: an id is a
      -- duplicate only on the same platform, in the same workspace and conversation. Ids already
      -- recorded keep an empty scope; they are forgotten within a week anyway.
      CREATE TABLE processed_requests_scoped (
        platform   TEXT NOT NULL,
        scope      TEXT NOT NULL,
        request_id TEXT NOT NULL,
        at         TEXT NOT NULL,
        PRIMARY KEY (platform, scope, request_id)
      ) WITHOUT ROWID;
      INSERT INTO processed_requests_scoped (platform, scope, request_id, at)
        SELECT '', '', request_id, at FROM processed_requests;
      DROP TABLE processed_requests;
      ALTER TABLE processed_requests_scoped RENAME TO processed_requests;
      CREATE INDEX processed_requests_at ON processed_requests(at);
    `,
  },
  {
    version: 8,
    name: 'task due dates',
    up: `
      -- A task's own due date (YYYY-MM-DD); without one it is due on its phase's target date.
      ALTER TABLE tasks ADD COLUMN due TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
      -- Open tasks due by a day are found without reading every task of every rollout.
      CREATE INDEX tasks_open_due ON tasks(due, rollout_id) WHERE due IS NOT NULL AND status = 'open';
    `,
  },
  {
    version: 9,
    name: 'daily reminders: direct messages in the outbox, reminders off per person, snoozed tasks',
    up: `
      -- A reminder is a direct message to one person (its channel is the person's id): the
      -- outbox's kind check is widened, which in SQLite means building the table anew.
      CREATE TABLE outbox_new (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT NOT NULL UNIQUE,
        rollout_id      TEXT NOT NULL REFERENCES rollouts(id),
        batch           TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('announcement', 'status', 'report', 'reminder')),
        template        TEXT,
        channel         TEXT NOT NULL,
        locales         TEXT NOT NULL CHECK (json_valid(locales)),
        text            TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'sending', 'sent', 'failed')),
        report_to       TEXT,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error      TEXT,
        message_id      TEXT,
        created_at      TEXT NOT NULL,
        sent_at         TEXT,
        created_by      TEXT,
        sets_golive     TEXT,
        verify          INTEGER NOT NULL DEFAULT 0,
        lookups         INTEGER NOT NULL DEFAULT 0,
        unconfirmed     INTEGER NOT NULL DEFAULT 0,
        claimed_at      TEXT
      );
      INSERT INTO outbox_new (id, idempotency_key, rollout_id, batch, kind, template, channel, locales, text, status, report_to,
          attempts, next_attempt_at, last_error, message_id, created_at, sent_at, created_by, sets_golive, verify, lookups, unconfirmed, claimed_at)
        SELECT id, idempotency_key, rollout_id, batch, kind, template, channel, locales, text, status, report_to,
          attempts, next_attempt_at, last_error, message_id, created_at, sent_at, created_by, sets_golive, verify, lookups, unconfirmed, claimed_at
        FROM outbox;
      DROP TABLE outbox;
      ALTER TABLE outbox_new RENAME TO outbox;
      CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
      CREATE INDEX outbox_rollout ON outbox(rollout_id, id);
      CREATE INDEX outbox_batch ON outbox(batch);
      CREATE INDEX outbox_channel_open ON outbox(channel, id) WHERE status IN ('pending', 'sending');

      -- \`remind off\`: the person gets no daily reminder.
      ALTER TABLE users ADD COLUMN reminders_off INTEGER NOT NULL DEFAULT 0;
      -- \`snooze <task> <days>\`: no reminder about the task up to and including this date (YYYY-MM-DD).
      ALTER TABLE tasks ADD COLUMN snoozed_until TEXT;
    `,
  },
];

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/**
 * Brings the database up to the newest version, one transaction per migration, and returns
 * the versions it applied. Each transaction is IMMEDIATE and re-checks what is applied, so two
 * processes opening the same file at once do not both run a migration.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => string = () => new Date().toISOString(),
): number[] {
  checkOrder(migrations);
  db.exec(BOOKKEEPING);
  const isApplied = db.prepare<[number], { version: number }>('SELECT version FROM schema_migrations WHERE version = ?');
  const record = db.prepare<[number, string, string]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const newest = db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM schema_migrations');

  const known = migrations.length ? migrations[migrations.length - 1].version : 0;
  const found = newest.get()?.v ?? 0;
  if (found > known) {
    // Running old code on a newer schema could silently misread data.
    throw new Error(`The database schema is at version ${found}, newer than this program knows (${known}). Upgrade the program.`);
  }

  const applied: number[] = [];
  for (const m of migrations) {
    db.transaction(() => {
      if (isApplied.get(m.version)) return;
      db.exec(m.up);
      record.run(m.version, m.name, now());
      applied.push(m.version);
    }).immediate();
  }
  return applied;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version < 1 || (i > 0 && m.version <= migrations[i - 1].version)) {
      throw new Error(`Migration "${m.name}" has version ${m.version}; versions must be positive integers in increasing order.`);
    }
  });
}
