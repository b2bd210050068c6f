import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { RolloutStore } from '../../src/ports/rollout-store.port';
import { migrate, MIGRATIONS } from '../../src/store/migrations';
import { openStore, openStores, resolveDatabasePath } from '../../src/store/open-store';
import { SqliteRolloutStore } from '../../src/store/sqlite-rollout-store';
import { AT, meta, newRollout, rolloutStoreContract } from './rollout-store.contract';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-store-'));
let counter = 0;
const freshFile = (): string => path.join(tmp, `db-${++counter}`, 'rollout.db');

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

rolloutStoreContract('SQLite file', () => openStore(freshFile()));
rolloutStoreContract('SQLite :memory:', () => openStore(':memory:'));
// The same contract with a read cache of one entry, so that every request evicts what the last one kept.
rolloutStoreContract('SQLite file, read cache of one entry', () => openStores(freshFile(), { readCacheEntries: 1 }).rollouts);

function sqlite(store: RolloutStore): Database.Database {
  if (!(store instanceof SqliteRolloutStore)) throw new Error('expected a SqliteRolloutStore');
  return store.database;
}

async function createOrThrow(store: RolloutStore, over = {}) {
  const result = await store.createRollout(newRollout(over), meta(1));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.rollout;
}

/** Two connections to one new file, as two processes would have, and a rollout made through the first. */
const connections: RolloutStore[] = [];
async function twoConnections() {
  const file = freshFile();
  const one = openStore(file);
  const two = openStore(file);
  connections.push(one, two);
  return { one, two, r: await createOrThrow(one) };
}

describe('SQLite store', () => {
  afterEach(async () => {
    for (const store of connections.splice(0)) await store.close();
  });

  it('keeps the state across closing and reopening the file', async () => {
    const file = freshFile();
    const first = openStore(file);
    const r = await createOrThrow(first);
    await first.transact(r.id, meta(2), () => ({
      ok: true, value: null,
      changes: [{ type: 'task.set', task: 't1', record: { status: 'na', reason: 'no' } }, { type: 'rollout.option', option: 'x', value: true }],
    }));
    await first.setUserLocale('slack:U1', 'sv', meta(2));
    await first.rememberUserName('slack:U1', 'Aino');
    const state = await first.load(r.id);
    const events = await first.events(r.id, 100);
    await first.close();

    const second = openStore(`file:${file}`);
    expect(await second.load(r.id)).toEqual(state);
    expect(await second.events(r.id, 100)).toEqual(events);
    expect(await second.rolloutForChannel('slack:C1')).toEqual(state?.rollout);
    expect(await second.userLocale('slack:U1')).toBe('sv');
    expect(await second.userNames(['slack:U1'])).toEqual({ 'slack:U1': 'Aino' });
    await second.close();
  });

  it('records the migrations and does not apply them again on reopen', async () => {
    const file = freshFile();
    await openStore(file).close();
    const raw = new Database(file);
    const rows = raw.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: expect.any(String) })));
    expect(migrate(raw)).toEqual([]);
    raw.close();

    await openStore(file).close();
    const again = new Database(file);
    expect(again.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all()).toEqual(rows);
    again.close();
  });

  it('applies migrations in order, each at most once, and refuses a schema newer than it knows', () => {
    const db = new Database(':memory:');
    const steps = [
      { version: 1, name: 'one', up: 'CREATE TABLE a (x)' },
      { version: 2, name: 'two', up: 'CREATE TABLE b (x)' },
    ];
    expect(migrate(db, steps.slice(0, 1))).toEqual([1]);
    expect(migrate(db, steps)).toEqual([2]);
    expect(migrate(db, steps)).toEqual([]);
    expect(() => migrate(db, steps.slice(0, 1))).toThrow(/schema is at version 2, newer than this program knows \(1\)/);
    expect(() => migrate(db, [steps[1], steps[0]])).toThrow(/increasing order/);
    db.close();
  });

  it('rolls back a failing migration whole', () => {
    const db = new Database(':memory:');
    const broken = [{ version: 1, name: 'broken', up: 'CREATE TABLE a (x); CREATE TABLE a (x);' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'a'").get()).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
    db.close();
  });

  it('runs files in WAL mode with foreign keys and a busy timeout', async () => {
    const store = openStore(freshFile());
    const db = sqlite(store);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(() => db.prepare("INSERT INTO tasks (rollout_id, task_key, status) VALUES ('nope', 't', 'done')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO rollouts (id, workspace, name, name_key, playbook_id, phase, locale, created_at, created_by) VALUES ('x', 'w', 'n', 'n', 'p', 'ph', 'fi', 'a', 'b')").run()).not.toThrow();
    expect(() => db.prepare("INSERT INTO tasks (rollout_id, task_key, status) VALUES ('x', 't', 'finished')").run()).toThrow(/CHECK/);
    await store.close();

    const memory = openStore(':memory:');
    expect(sqlite(memory).pragma('foreign_keys', { simple: true })).toBe(1);
    await memory.close();
  });

  it('explains an unwritable location and what to do', () => {
    const regularFile = path.join(tmp, 'not-a-directory');
    fs.writeFileSync(regularFile, 'x');
    const target = path.join(regularFile, 'sub', 'x.db');
    expect(() => openStore(target)).toThrow(`Cannot open the database at ${target}: `);
    expect(() => openStore(`file:${target}`)).toThrow(/: .+\. Set DATABASE_URL to a writable file path\.$/);
  });

  it('creates the data folder 0700 and the database files 0600, and tightens an existing world-readable file', async () => {
    const dir = path.join(tmp, `private-${++counter}`);
    const file = path.join(dir, 'data', 'rollout.db');
    const store = openStore(file);
    await createOrThrow(store);
    const mode = (f: string) => fs.statSync(f).mode & 0o777;
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.dirname(file))).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, mode(f)]).toEqual([f, 0o600]);
    await store.close();

    fs.chmodSync(file, 0o644);
    const reopened = openStore(file);
    expect(mode(file)).toBe(0o600);
    await reopened.close();
  });

  it('creates the parent directories of a new database file', async () => {
    const file = path.join(tmp, 'deep', 'er', 'x.db');
    const store = openStore(pathToFileURL(file).href);
    await createOrThrow(store);
    await store.close();
    expect(fs.statSync(file).isFile()).toBe(true);
  });

  it('resolves DATABASE_URL forms', () => {
    expect(resolveDatabasePath('./data/rollout.db', '/srv/app')).toBe('/srv/app/data/rollout.db');
    expect(resolveDatabasePath('file:./data/x.db', '/srv/app')).toBe('/srv/app/data/x.db');
    expect(resolveDatabasePath('file:data/x.db?mode=rwc', '/srv/app')).toBe('/srv/app/data/x.db');
    expect(resolveDatabasePath('file:///var/lib/bot/x.db', '/srv/app')).toBe('/var/lib/bot/x.db');
    expect(resolveDatabasePath('file:///var/lib/my%20bot/x.db', '/srv/app')).toBe('/var/lib/my bot/x.db');
    expect(resolveDatabasePath('/abs/x.db', '/srv/app')).toBe('/abs/x.db');
    expect(resolveDatabasePath(':memory:')).toBe(':memory:');
    expect(resolveDatabasePath('', '/srv/app')).toBe('/srv/app/data/rollout.db');
    expect(() => resolveDatabasePath('postgres://db/rollouts')).toThrow(/not supported/);
  });

  it('deletes a task set back to plain open, keeping the state small', async () => {
    const store = openStore(':memory:');
    const r = await createOrThrow(store);
    const set = (status: 'open' | 'done', extra = {}) =>
      store.transact(r.id, meta(2), () => ({ ok: true, value: null, changes: [{ type: 'task.set', task: 't1', record: { status, ...extra } }] }));
    const count = () => sqlite(store).prepare('SELECT count(*) AS n FROM tasks').get();
    await set('done');
    expect(count()).toEqual({ n: 1 });
    await set('open');
    expect(count()).toEqual({ n: 0 });
    expect((await store.load(r.id))?.tasks).toEqual({});
    await set('open', { assignee: 'slack:U2' });
    expect((await store.load(r.id))?.tasks).toEqual({ t1: { status: 'open', assignee: 'slack:U2' } });
    await store.close();
  });

  it('writes the user.locale event without a rollout, and none when nothing changes', async () => {
    const store = openStore(':memory:');
    await store.setUserLocale('slack:U1', 'sv', meta(1));
    await store.setUserLocale('slack:U1', 'en', meta(2));
    await store.setUserLocale('slack:U1', 'en', meta(3));
    const rows = sqlite(store).prepare('SELECT rollout_id, at, actor, platform, type, subject, before, after FROM events ORDER BY id').all();
    expect(rows).toEqual([
      { rollout_id: null, at: AT(1), actor: 'slack:U_LEAD', platform: 'slack', type: 'user.locale', subject: 'slack:U1', before: '{"locale":null}', after: '{"locale":"sv"}' },
      { rollout_id: null, at: AT(2), actor: 'slack:U_LEAD', platform: 'slack', type: 'user.locale', subject: 'slack:U1', before: '{"locale":"sv"}', after: '{"locale":"en"}' },
    ]);
    await store.close();
  });

  it('records the previous rollout of a rebound channel, and no event for binding it where it already is', async () => {
    const store = openStore(':memory:');
    const a = await createOrThrow(store, { name: 'A' });
    const b = await createOrThrow(store, { name: 'B', channel: 'slack:C2' });
    await store.bindChannel('slack:C1', b.id, meta(3));
    expect((await store.events(b.id, 1))[0]).toMatchObject({ before: { rolloutId: a.id }, after: { rolloutId: b.id } });
    const count = (await store.events(b.id, 100)).length;
    await store.bindChannel('slack:C1', b.id, meta(4));
    expect(await store.events(b.id, 100)).toHaveLength(count);
    await expect(store.bindChannel('slack:C1', 'no-such-rollout', meta(5))).rejects.toThrow(/no rollout/);
    await store.close();
  });

  it('reads events with odd limits without surprises', async () => {
    const store = openStore(':memory:');
    const r = await createOrThrow(store);
    expect(await store.events(r.id, -1)).toEqual([]);
    expect(await store.events(r.id, Number.NaN)).toEqual([]);
    expect(await store.events(r.id, 1.9)).toHaveLength(1);
    expect(await store.events(r.id, Infinity)).toHaveLength(3);
    await store.close();
  });

  it('does not write when a remembered name is unchanged', async () => {
    const store = openStore(':memory:');
    const db = sqlite(store);
    const changes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    await store.rememberUserName('slack:U1', 'Aino');
    const after = changes();
    await store.rememberUserName('slack:U1', 'Aino');
    expect(changes()).toBe(after);
    await store.rememberUserName('slack:U1', 'Aino V');
    expect(changes()).toBe(after + 1);
    await store.close();
  });

  it('refuses a decide that returns a promise, since a transaction cannot span an await', async () => {
    const store = openStore(':memory:');
    const r = await createOrThrow(store);
    const asyncDecide = (async () => ({ ok: true, changes: [], value: null })) as never;
    await expect(store.transact(r.id, meta(2), asyncDecide)).rejects.toThrow(/synchronous/);
    await store.close();
  });

  it('shares one file between two connections', async () => {
    const { one, two, r } = await twoConnections();
    expect(await two.load(r.id)).toEqual(await one.load(r.id));
    await two.transact(r.id, meta(2, 'req-1'), () => ({ ok: true, value: null, changes: [{ type: 'phase.set', phase: 'pilot' }] }));
    expect(await one.transact(r.id, meta(2, 'req-1'), () => ({ ok: true, value: null, changes: [] }))).toEqual({ ok: false, duplicate: true });
    expect((await one.load(r.id))?.rollout.phase).toBe('pilot');
  });

  it('serves repeated reads from memory and sees every change at once, from this connection or another', async () => {
    const { one, two, r } = await twoConnections();
    await one.rememberUserName('slack:U1', 'Aino');
    const first = await one.load(r.id);
    // Unchanged database: the same (shared) objects come back.
    expect(await one.load(r.id)).toBe(first);
    expect(await one.rolloutForChannel('slack:C1')).toBe(await one.rolloutForChannel('slack:C1'));

    // A change by another process on the same file shows from the next turn of the event loop.
    await two.transact(r.id, meta(2), () => ({ ok: true, value: null, changes: [{ type: 'task.set', task: 't1', record: { status: 'done' } }] }));
    await two.rememberUserName('slack:U1', 'Aino V');
    await two.setUserLocale('slack:U1', 'sv', meta(2));
    await new Promise((resolve) => setImmediate(resolve));
    expect((await one.load(r.id))?.tasks.t1?.status).toBe('done');
    expect(await one.userNames(['slack:U1'])).toEqual({ 'slack:U1': 'Aino V' });
    expect(await one.userLocale('slack:U1')).toBe('sv');

    // So does this connection's own change, including one made outside the rollout store (the outbox side).
    await one.transact(r.id, meta(3), () => ({ ok: true, value: null, changes: [{ type: 'phase.set', phase: 'pilot' }] }));
    expect((await one.load(r.id))?.rollout.phase).toBe('pilot');
    expect((await one.rolloutForChannel('slack:C1'))?.phase).toBe('pilot');
    sqlite(one).prepare("UPDATE rollouts SET name = 'Renamed' WHERE id = ?").run(r.id);
    expect((await one.listRollouts('slack:T1')).map((x) => x.name)).toEqual(['Renamed']);
  });

  it('decides a change on the latest state, also when another connection wrote after this one read', async () => {
    const { one, two, r } = await twoConnections();
    expect((await one.load(r.id))?.tasks.t1).toBeUndefined();
    await two.transact(r.id, meta(2), () => ({ ok: true, value: null, changes: [{ type: 'task.set', task: 't1', record: { status: 'done' } }] }));
    // Same turn of the event loop: a plain read may still show the state as of its start, a change may not.
    const seen: Array<string | undefined> = [];
    await one.transact(r.id, meta(3), (state) => {
      seen.push(state.tasks.t1?.status);
      return { ok: true, value: null, changes: [] };
    });
    expect(seen).toEqual(['done']);
    expect((await one.load(r.id))?.tasks.t1?.status).toBe('done');
  });

  it('reads back the state a change wrote without reading it again, and still sees what others write after it', async () => {
    const { one, two, r } = await twoConnections();
    const result = await one.transact(r.id, meta(2), () => ({ ok: true, value: null, changes: [{ type: 'task.set', task: 't1', record: { status: 'done' } }] }));
    if (!result.ok) throw new Error('expected the change to apply');
    expect(await one.load(r.id)).toBe(result.state);
    await two.transact(r.id, meta(3), () => ({ ok: true, value: null, changes: [{ type: 'task.set', task: 't2', record: { status: 'done' } }] }));
    await new Promise((resolve) => setImmediate(resolve));
    const seen = await one.load(r.id);
    expect([seen?.tasks.t1?.status, seen?.tasks.t2?.status]).toEqual(['done', 'done']);
    // A change that rolls back keeps nothing.
    await expect(one.transact(r.id, meta(4), () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect((await one.load(r.id))?.tasks.t2?.status).toBe('done');
  });

  it('hands out frozen states, which no request can change for the others', async () => {
    const store = openStore(':memory:');
    const r = await createOrThrow(store);
    const state = (await store.load(r.id))!;
    expect(() => {
      (state.rollout as { phase: string }).phase = 'pilot';
    }).toThrow(/read only/);
    expect(() => {
      (state.members as unknown[]).push({ role: 'it', user: 'slack:U9' });
    }).toThrow(/not extensible/);
    expect((await store.load(r.id))?.rollout.phase).toBe(state.rollout.phase);
    await store.close();
  });
});
