import Database from 'better-sqlite3';
import { migrate, MIGRATIONS } from '../../src/store/migrations';

describe('migration "daily reminders"', () => {
  it('keeps every outbox row, id and index while it widens the kinds to reminders, and adds the reminder columns', () => {
    const db = new Database(':memory:');
    const before = MIGRATIONS.filter((m) => m.name !== 'daily reminders: direct messages in the outbox, reminders off per person, snoozed tasks');
    migrate(db, before);
    db.prepare("INSERT INTO rollouts (id, workspace, name, name_key, playbook_id, phase, locale, options, created_at, created_by) VALUES ('r1', 'w', 'R', 'r', 'p', 'x', 'fi', '{}', 't', 'u')").run();
    db.prepare(`INSERT INTO outbox (id, idempotency_key, rollout_id, batch, kind, channel, locales, text, status, next_attempt_at, created_at, verify, claimed_at)
      VALUES (7, 'k7', 'r1', 'b', 'announcement', 'slack:C1', '["fi"]', 'hei', 'sending', 't', 't', 1, 't2')`).run();
    expect(() => db.prepare("INSERT INTO outbox (idempotency_key, rollout_id, batch, kind, channel, locales, text, status, next_attempt_at, created_at) VALUES ('r', 'r1', 'b', 'reminder', 'slack:U1', '[]', '', 'pending', 't', 't')").run()).toThrow(/CHECK/);

    migrate(db);
    expect(db.prepare('SELECT id, idempotency_key, kind, status, verify, claimed_at FROM outbox').all()).toEqual([
      { id: 7, idempotency_key: 'k7', kind: 'announcement', status: 'sending', verify: 1, claimed_at: 't2' },
    ]);
    db.prepare("INSERT INTO outbox (idempotency_key, rollout_id, batch, kind, channel, locales, text, status, next_attempt_at, created_at) VALUES ('r', 'r1', 'b', 'reminder', 'slack:U1', '[]', '', 'pending', 't', 't')").run();
    expect(db.prepare("SELECT id FROM outbox WHERE idempotency_key = 'r'").get()).toEqual({ id: 8 });
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
    expect(indexes).toEqual([{ name: 'outbox_batch' }, { name: 'outbox_channel_open' }, { name: 'outbox_due' }, { name: 'outbox_rollout' }]);
    const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns('users')).toContain('reminders_off');
    expect(columns('tasks')).toContain('snoozed_until');
    db.close();
  });
});
