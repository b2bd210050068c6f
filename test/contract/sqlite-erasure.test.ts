import Database from 'better-sqlite3';
import { openStore } from '../../src/store/open-store';
import { SqliteRolloutStore } from '../../src/store/sqlite-rollout-store';
import { ANNA, ANNA_NAME, ANNIKA, seedPeople } from './personal-data.contract';

/** Every value of every row of every table, as text: what a scan of the file would find. */
function everyText(db: Database.Database): string[] {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
  return tables.flatMap(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all().flatMap((row) => Object.values(row as object).map((v) => `${name}: ${String(v)}`)));
}

describe('erasure in the SQLite store', () => {
  it('leaves no row in any table that contains the id or the name', async () => {
    const store = openStore(':memory:') as SqliteRolloutStore;
    const r = await seedPeople(store);
    // A channel whose id carries the person's native id (the App Home of a Slack user).
    await store.bindChannel(`slack:home:${ANNA.slice(6)}`, r.id, { actor: ANNA, platform: 'slack', at: '2025-04-06T09:00:00.000Z' });
    const names = (text: string) => text.includes(ANNA_NAME) || /U0ANNA0001(?!2)/.test(text);
    expect(everyText(store.database).filter(names).length).toBeGreaterThan(8);

    const report = await store.erasePerson(ANNA, { actor: 'slack:U_LEAD', platform: 'slack', at: '2025-04-07T09:00:00.000Z' }, { rolloutId: r.id });

    expect(everyText(store.database).filter(names)).toEqual([]);
    expect(Object.keys(report.tables).sort()).toEqual(['channels', 'events', 'members', 'outbox', 'platform_records', 'tasks', 'users']);
    // The other person, whose id begins with the erased one's, is untouched.
    expect(everyText(store.database).filter((t) => t.includes(ANNIKA)).length).toBeGreaterThan(3);
    expect(await store.rolloutForChannel(`slack:home:${report.pseudonym}`)).toMatchObject({ id: r.id });
    // Every JSON column is still valid JSON (the table CHECKs would refuse it otherwise) and the schema is intact.
    expect(store.database.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.database.pragma('foreign_key_check')).toEqual([]);
    await store.close();
  });
});
