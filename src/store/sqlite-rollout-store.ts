import { randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { coreError } from '../core/errors';
import { isLocale, type Locale } from '../core/locale';
import type { Draft, RoleChannel, RoleMember, Rollout, RolloutState, TaskRecord, TaskStatus } from '../domain/rollout';
import type {
  AuditPage, AuditQuery, TaskStatusChange, Change, ChangeMeta, Decision, NewRollout, RolloutStore, StoredEvent, TransactResult,
} from '../ports/rollout-store.port';
import { migrate } from './migrations';
import { ReadCache, deepFreeze } from './read-cache';
import { CommsWriter } from './sqlite-comms-writer';
import { collectPersonalData, PersonMatcher, replacePersonEverywhere } from './sqlite-personal-data';
import type { ErasureOptions, ErasureReport, PersonalData } from '../ports/personal-data.port';
import { WriteGate } from './write-gate';
import { AuditQueries } from './sqlite-audit-queries';
import { toEvent, type EventRow } from './event-row';

interface RolloutRow {
  id: string; workspace: string; name: string; playbook_id: string; phase: string;
  locale: string; options: string; settings: string; created_at: string; created_by: string;
}
interface TaskRow {
  task_key: string; status: TaskStatus; reason: string | null; note: string | null;
  assignee: string | null; updated_by: string | null; updated_at: string | null;
}
type Params = Record<string, unknown>;

const ROLLOUT_COLUMNS = 'r.id, r.workspace, r.name, r.playbook_id, r.phase, r.locale, r.options, r.settings, r.created_at, r.created_by';

/** Case-insensitive for every script, not only ASCII (see the `name_key` column). */
export function rolloutNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * RolloutStore on better-sqlite3. The driver is synchronous, so each method runs exactly one
 * SQLite transaction and never awaits inside it; the `async` signatures are the port's, kept
 * so that a networked store can implement the same interface.
 */
export class SqliteRolloutStore implements RolloutStore {
  private readonly sql;
  private readonly comms: CommsWriter;
  /** One transaction wrapper for every call: better-sqlite3 builds a wrapper per `db.transaction()`. */
  private readonly tx: Database.Transaction<(fn: () => unknown) => unknown>;
  /** What requests read over and over (users, a channel's rollout, its state), until the database changes. */
  private readonly cache: ReadCache;
  private readonly audit: AuditQueries;

  /**
   * Takes an open connection (see `openStore`), applies pending migrations and owns it from then on.
   * `readCacheEntries` bounds the read cache (see ReadCache); 0 turns it off.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly gate: WriteGate = new WriteGate(db),
    options: { readCacheEntries?: number } = {},
  ) {
    migrate(db);
    this.comms = new CommsWriter(db);
    this.tx = db.transaction((fn: () => unknown) => fn());
    this.cache = new ReadCache(db, options.readCacheEntries);
    this.audit = new AuditQueries(db);
    const p = <R = unknown>(text: string) => db.prepare<unknown[], R>(text);
    this.sql = {
      rolloutById: p<RolloutRow>(`SELECT ${ROLLOUT_COLUMNS} FROM rollouts r WHERE r.id = ?`),
      rolloutByName: p<RolloutRow>(`SELECT ${ROLLOUT_COLUMNS} FROM rollouts r WHERE r.workspace = ? AND r.name_key = ?`),
      platformRecord: p<{ value: string }>('SELECT value FROM platform_records WHERE kind = ? AND key = ?'),
      savePlatformRecord: p(`INSERT INTO platform_records (kind, key, value, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`),
      deletePlatformRecord: p('DELETE FROM platform_records WHERE kind = ? AND key = ?'),
      allRollouts: p<RolloutRow>(`SELECT ${ROLLOUT_COLUMNS} FROM rollouts r ORDER BY r.created_at, r.rowid`),
      rolloutsOf: p<RolloutRow>(`SELECT ${ROLLOUT_COLUMNS} FROM rollouts r WHERE r.workspace = ? ORDER BY r.created_at, r.rowid`),
      rolloutOfChannel: p<RolloutRow>(`SELECT ${ROLLOUT_COLUMNS} FROM channels c JOIN rollouts r ON r.id = c.rollout_id WHERE c.channel = ?`),
      insertRollout: p(`INSERT INTO rollouts (id, workspace, name, name_key, playbook_id, phase, locale, options, settings, created_at, created_by)
        VALUES (@id, @workspace, @name, @nameKey, @playbookId, @phase, @locale, @options, @settings, @createdAt, @createdBy)`),
      setPhase: p('UPDATE rollouts SET phase = ? WHERE id = ?'),
      setLocale: p('UPDATE rollouts SET locale = ? WHERE id = ?'),
      setOptions: p('UPDATE rollouts SET options = ? WHERE id = ?'),
      setSettings: p('UPDATE rollouts SET settings = ? WHERE id = ?'),
      drafts: p<{ batch: string; template: string | null; created_by: string | null; sets_golive: string | null }>(
        "SELECT batch, max(template) AS template, max(created_by) AS created_by, max(sets_golive) AS sets_golive FROM outbox WHERE rollout_id = ? AND status = 'draft' GROUP BY batch ORDER BY max(id)"),
      roleChannels: p<{ role: string; channel: string; name: string | null; locales: string }>(
        'SELECT role, channel, name, locales FROM role_channels WHERE rollout_id = ? ORDER BY role, channel'),
      tasks: p<TaskRow>('SELECT task_key, status, reason, note, assignee, updated_by, updated_at FROM tasks WHERE rollout_id = ?'),
      task: p<TaskRow>('SELECT task_key, status, reason, note, assignee, updated_by, updated_at FROM tasks WHERE rollout_id = ? AND task_key = ?'),
      upsertTask: p(`INSERT INTO tasks (rollout_id, task_key, status, reason, note, assignee, updated_by, updated_at)
        VALUES (@rolloutId, @task, @status, @reason, @note, @assignee, @updatedBy, @updatedAt)
        ON CONFLICT (rollout_id, task_key) DO UPDATE SET status = excluded.status, reason = excluded.reason,
          note = excluded.note, assignee = excluded.assignee, updated_by = excluded.updated_by, updated_at = excluded.updated_at`),
      deleteTask: p('DELETE FROM tasks WHERE rollout_id = ? AND task_key = ?'),
      members: p<{ role: string; user_id: string }>('SELECT role, user_id FROM members WHERE rollout_id = ? ORDER BY role, user_id'),
      addMember: p('INSERT INTO members (rollout_id, role, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      removeMember: p('DELETE FROM members WHERE rollout_id = ? AND role = ? AND user_id = ?'),
      channelRollout: p<{ rollout_id: string }>('SELECT rollout_id FROM channels WHERE channel = ?'),
      bindChannel: p(`INSERT INTO channels (channel, rollout_id, bound_at) VALUES (?, ?, ?)
        ON CONFLICT (channel) DO UPDATE SET rollout_id = excluded.rollout_id, bound_at = excluded.bound_at`),
      insertEvent: p(`INSERT INTO events (rollout_id, at, actor, platform, type, subject, before, after)
        VALUES (@rolloutId, @at, @actor, @platform, @type, @subject, @before, @after)`),
      events: p<EventRow>('SELECT * FROM events WHERE rollout_id = ? ORDER BY id DESC LIMIT ?'),
      isProcessed: p('SELECT 1 FROM processed_requests WHERE platform = ? AND scope = ? AND request_id = ?'),
      markProcessed: p('INSERT INTO processed_requests (platform, scope, request_id, at) VALUES (?, ?, ?, ?)'),
      forgetProcessed: p('DELETE FROM processed_requests WHERE at < ?'),
      forgetEvents: p('DELETE FROM events WHERE at < ?'),
      user: p<{ name: string | null; locale: string | null }>('SELECT name, locale FROM users WHERE id = ?'),
      setUserName: p('INSERT INTO users (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name'),
      setUserLocale: p('INSERT INTO users (id, locale) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET locale = excluded.locale'),
      // One JSON array parameter instead of one placeholder per id: no limit on how many are asked.
      userNames: p<{ id: string; name: string }>('SELECT id, name FROM users WHERE id IN (SELECT value FROM json_each(?)) AND name IS NOT NULL'),
    };
  }

  /** The connection, for diagnostics and tests (pragmas, schema); changes must go through the port. */
  get database(): Database.Database {
    return this.db;
  }

  /**
   * Writers take the write lock up front: a deferred transaction that reads and then writes can
   * fail with SQLITE_BUSY when another process wrote in between. While another connection holds
   * the lock, the gate retries on a timer, so the event loop is never blocked for long.
   */
  private write<T>(fn: () => T): Promise<T> {
    return this.gate.run(() => {
      let committed = false;
      try {
        const result = this.tx.immediate(fn) as T;
        committed = true;
        return result;
      } finally {
        this.cache.afterWrite(committed);
      }
    });
  }

  /** Readers still use a transaction so that their several SELECTs see one snapshot. */
  private read<T>(fn: () => T): T {
    return this.tx.deferred(fn) as T;
  }

  async createRollout(input: NewRollout, meta: ChangeMeta): ReturnType<RolloutStore['createRollout']> {
    return this.write(() => {
      const nameKey = rolloutNameKey(input.name);
      if (this.sql.rolloutByName.get(input.workspace, nameKey)) {
        return { ok: false as const, error: coreError('rollout.exists', { name: input.name }) };
      }
      const rollout: Rollout = {
        id: randomUUID(), workspace: input.workspace, name: input.name, playbookId: input.playbookId,
        phase: input.phase, locale: input.locale, options: {}, settings: {}, createdAt: meta.at, createdBy: input.lead,
      };
      this.sql.insertRollout.run({ ...rollout, nameKey, options: '{}', settings: '{}' });
      this.event(rollout.id, meta, 'rollout.create', rollout.name, null, rollout);
      this.addMember(rollout.id, 'lead', input.lead, meta);
      this.bind(input.channel, rollout.id, meta);
      return { ok: true as const, rollout };
    });
  }

  async listRollouts(workspace: string): Promise<Rollout[]> {
    return this.cache.get(`rollouts\u0000${workspace}`, () => this.read(() => this.sql.rolloutsOf.all(workspace).map(toRollout)));
  }

  async allRollouts(): Promise<Rollout[]> {
    return this.read(() => this.sql.allRollouts.all().map(toRollout));
  }

  async rolloutForChannel(channel: string): Promise<Rollout | undefined> {
    return this.cache.get(`channel\u0000${channel}`, () => {
      const row = this.sql.rolloutOfChannel.get(channel);
      return row ? toRollout(row) : undefined;
    });
  }

  async bindChannel(channel: string, rolloutId: string, meta: ChangeMeta): Promise<void> {
    await this.write(() => {
      if (!this.sql.rolloutById.get(rolloutId)) throw new Error(`bindChannel: no rollout with id ${rolloutId}`);
      this.bind(channel, rolloutId, meta);
    });
  }

  async load(rolloutId: string): Promise<RolloutState | undefined> {
    return this.cache.get(stateKey(rolloutId), () => this.read(() => this.state(rolloutId)));
  }

  async transact<T>(rolloutId: string, meta: ChangeMeta, decide: (state: RolloutState) => Decision<T>): Promise<TransactResult<T>> {
    return this.write((): TransactResult<T> => {
      if (meta.requestId !== undefined && this.sql.isProcessed.get(meta.platform, meta.requestScope ?? '', meta.requestId)) return { ok: false, duplicate: true };
      // What this request loaded a moment ago, when no one has written since; else read afresh.
      const before = this.cache.current<RolloutState>(stateKey(rolloutId)) ?? this.state(rolloutId);
      if (!before) return { ok: false, error: coreError('rollout.not_found') };
      const decision = decide(before);
      if (typeof (decision as unknown as PromiseLike<unknown>)?.then === 'function') {
        throw new Error('transact: decide must be synchronous; a transaction cannot span an await');
      }
      // A refused request writes nothing, not even its id, so that it can be retried.
      if (!decision.ok) return { ok: false, error: decision.error };
      for (const change of decision.changes) this.apply(before, change, meta);
      if (meta.requestId !== undefined) this.sql.markProcessed.run(meta.platform, meta.requestScope ?? '', meta.requestId, meta.at);
      const changed = decision.changes.length > 0;
      const after = changed ? this.state(rolloutId) : before;
      if (changed) this.cache.keepAfterCommit(stateKey(rolloutId), after);
      return { ok: true, value: decision.value, state: after!, changed };
    });
  }

  async events(rolloutId: string, limit: number): Promise<StoredEvent[]> {
    // SQLite reads a negative LIMIT as "no limit" and cannot bind Infinity: map both ways here.
    const n = limit === Infinity ? -1 : Math.floor(limit);
    if (n === 0 || (n < 0 && limit !== Infinity) || Number.isNaN(n)) return [];
    return this.read(() => this.sql.events.all(rolloutId, n).map(toEvent));
  }

  async auditEvents(rolloutId: string, query: AuditQuery): Promise<AuditPage> {
    return this.audit.events(rolloutId, query);
  }

  async taskHistory(rolloutId: string): Promise<TaskStatusChange[]> {
    return this.cache.get(`history\u0000${rolloutId}`, () => this.audit.taskHistory(rolloutId));
  }

  async auditActors(rolloutId: string): Promise<string[]> {
    return this.cache.get(`actors\u0000${rolloutId}`, () => this.audit.actorsOf(rolloutId));
  }

  async userLocale(user: string): Promise<Locale | undefined> {
    const locale = this.user(user)?.locale;
    return isLocale(locale) ? locale : undefined;
  }

  async setUserLocale(user: string, locale: Locale, meta: ChangeMeta): Promise<void> {
    await this.write(() => {
      const old = this.sql.user.get(user)?.locale ?? null;
      if (old === locale) return; // nothing changes, so there is nothing to record
      this.sql.setUserLocale.run(user, locale);
      this.event(null, meta, 'user.locale', user, { locale: old }, { locale });
    });
  }

  async rememberUserName(user: string, name: string): Promise<void> {
    // Called on most requests: only a new or changed name is written.
    if (!name || this.user(user)?.name === name) return;
    await this.gate.run(() => this.sql.setUserName.run(user, name));
  }

  async userNames(users: string[]): Promise<Record<string, string>> {
    if (users.length === 0) return {};
    const ids = JSON.stringify(users);
    return this.cache.get(`names\u0000${ids}`, () => Object.fromEntries(this.sql.userNames.all(ids).map((r) => [r.id, r.name])));
  }

  async forgetRequests(before: string): Promise<number> {
    return this.write(() => this.sql.forgetProcessed.run(before).changes);
  }

  async forgetEvents(before: string): Promise<number> {
    return this.write(() => this.sql.forgetEvents.run(before).changes);
  }

  async personalData(user: string): Promise<PersonalData> {
    return this.read(() => collectPersonalData(this.db, user, toEvent));
  }

  async erasePerson(user: string, meta: ChangeMeta, options: ErasureOptions = {}): Promise<ErasureReport> {
    const platform = user.slice(0, user.indexOf(':') + 1);
    let report: ErasureReport | undefined;
    try {
      await this.write(() => {
        let pseudonym: string;
        do pseudonym = `erased-${randomBytes(3).toString('hex')}`;
        while (this.sql.user.get(`${platform}${pseudonym}`));
        const name = this.sql.user.get(user)?.name;
        const tables = replacePersonEverywhere(this.db, new PersonMatcher(user, name ? [name] : [], pseudonym));
        if (name) this.sql.setUserName.run(`${platform}${pseudonym}`, pseudonym);
        const rows = Object.values(tables).reduce((a, b) => a + b, 0);
        report = { pseudonym, tables, rows };
        if (options.dryRun) throw DRY_RUN;
        if (rows === 0) return;
        const erased = `${platform}${pseudonym}`;
        this.event(options.rolloutId ?? null, { ...meta, actor: meta.actor === user ? erased : meta.actor }, 'person.erase', erased, null, { pseudonym, rows, tables });
      });
    } catch (err) {
      if (err !== DRY_RUN) throw err;
    }
    return report!;
  }

  async savePlatformRecord(kind: string, key: string, value: string, at: string): Promise<boolean> {
    return this.write(() => {
      if (this.sql.platformRecord.get(kind, key)?.value === value) return false;
      this.sql.savePlatformRecord.run(kind, key, value, at);
      return true;
    });
  }

  async platformRecord(kind: string, key: string): Promise<string | undefined> {
    return this.sql.platformRecord.get(kind, key)?.value;
  }

  async deletePlatformRecord(kind: string, key: string): Promise<void> {
    await this.gate.run(() => this.sql.deletePlatformRecord.run(kind, key));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** A user's stored name and chosen language. */
  private user(user: string): { name: string | null; locale: string | null } | undefined {
    return this.cache.get(`user\u0000${user}`, () => this.sql.user.get(user));
  }

  private state(rolloutId: string): RolloutState | undefined {
    const row = this.sql.rolloutById.get(rolloutId);
    if (!row) return undefined;
    const tasks = Object.fromEntries(this.sql.tasks.all(rolloutId).map((t) => [t.task_key, toTask(t)]));
    const members: RoleMember[] = this.sql.members.all(rolloutId).map((m) => ({ role: m.role, user: m.user_id }));
    const channels: RoleChannel[] = this.sql.roleChannels.all(rolloutId).map((c) => ({
      role: c.role, channel: c.channel, ...(c.name ? { name: c.name } : {}), locales: JSON.parse(c.locales) as Locale[],
    }));
    const drafts: Draft[] = this.sql.drafts.all(rolloutId).map((d) => ({
      batch: d.batch,
      ...(d.template ? { template: d.template } : {}),
      ...(d.created_by ? { createdBy: d.created_by } : {}),
      ...(d.sets_golive ? { setsGoLive: d.sets_golive } : {}),
    }));
    // Frozen: states are shared (see ReadCache) and rules derive new values, never edit a state.
    return deepFreeze({ rollout: toRollout(row), tasks, members, channels, drafts });
  }

  /** `state` is the state before the first change; options are re-read so several option changes compose. */
  private apply(state: RolloutState, change: Change, meta: ChangeMeta): void {
    const id = state.rollout.id;
    switch (change.type) {
      case 'task.set': {
        const old = this.sql.task.get(id, change.task);
        const record = cleanTask(change.record);
        if (isPlainOpen(record)) this.sql.deleteTask.run(id, change.task);
        else this.sql.upsertTask.run({ rolloutId: id, task: change.task, ...taskParams(record) });
        this.event(id, meta, change.type, change.task, old ? toTask(old) : null, record);
        return;
      }
      case 'role.add':
        this.addMember(id, change.role, change.user, meta);
        return;
      case 'role.remove': {
        const removed = this.sql.removeMember.run(id, change.role, change.user).changes > 0;
        const member = { role: change.role, user: change.user };
        this.event(id, meta, change.type, change.role, removed ? member : null, null);
        return;
      }
      case 'phase.set': {
        const old = this.sql.rolloutById.get(id)!.phase;
        this.sql.setPhase.run(change.phase, id);
        const after = change.override === undefined ? { phase: change.phase } : { phase: change.phase, override: change.override };
        this.event(id, meta, change.type, change.phase, { phase: old }, after);
        return;
      }
      case 'rollout.locale': {
        const old = this.sql.rolloutById.get(id)!.locale;
        this.sql.setLocale.run(change.locale, id);
        this.event(id, meta, change.type, change.locale, { locale: old }, { locale: change.locale });
        return;
      }
      case 'rollout.option': {
        const options = toRollout(this.sql.rolloutById.get(id)!).options;
        const old = Object.prototype.hasOwnProperty.call(options, change.option) ? options[change.option] : null;
        this.sql.setOptions.run(JSON.stringify({ ...options, [change.option]: change.value }), id);
        this.event(id, meta, change.type, change.option, { value: old }, { value: change.value });
        return;
      }
      case 'rollout.setting': {
        const settings = toRollout(this.sql.rolloutById.get(id)!).settings;
        const old = settings[change.key] ?? null;
        const next = { ...settings };
        if (change.value === null) delete next[change.key];
        else next[change.key] = change.value;
        this.sql.setSettings.run(JSON.stringify(next), id);
        this.event(id, meta, change.type, change.key, { value: old }, { value: change.value });
        return;
      }
      case 'channel.map':
      case 'channel.unmap':
      case 'outbox.add':
      case 'outbox.release':
      case 'outbox.resend':
      case 'status.refresh': {
        const recorded = this.comms.apply(id, change, meta.at);
        if (recorded) this.event(id, meta, change.type, recorded.subject, recorded.before, recorded.after);
        return;
      }
      default: {
        const unknown: never = change;
        throw new Error(`transact: unknown change ${JSON.stringify(unknown)}`);
      }
    }
  }

  private addMember(rolloutId: string, role: string, user: string, meta: ChangeMeta): void {
    const added = this.sql.addMember.run(rolloutId, role, user).changes > 0;
    const member = { role, user };
    this.event(rolloutId, meta, 'role.add', role, added ? null : member, member);
  }

  private bind(channel: string, rolloutId: string, meta: ChangeMeta): void {
    const old = this.sql.channelRollout.get(channel)?.rollout_id ?? null;
    // Re-binding to the same rollout changes nothing, so it leaves no event.
    if (old === rolloutId) return;
    this.sql.bindChannel.run(channel, rolloutId, meta.at);
    this.event(rolloutId, meta, 'channel.bind', channel, old === null ? null : { rolloutId: old }, { rolloutId });
  }

  private event(rolloutId: string | null, meta: ChangeMeta, type: string, subject: string, before: unknown, after: unknown): void {
    const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
    this.sql.insertEvent.run({ rolloutId, at: meta.at, actor: meta.actor, platform: meta.platform, type, subject, before: json(before), after: json(after) });
  }
}

/** Thrown to roll a dry run's transaction back. */
const DRY_RUN = new Error('dry run');

function stateKey(rolloutId: string): string {
  return `state\u0000${rolloutId}`;
}

function toRollout(row: RolloutRow): Rollout {
  return {
    id: row.id, workspace: row.workspace, name: row.name, playbookId: row.playbook_id, phase: row.phase,
    locale: row.locale as Locale, options: JSON.parse(row.options) as Record<string, boolean>,
    settings: JSON.parse(row.settings) as Record<string, string>,
    createdAt: row.created_at, createdBy: row.created_by,
  };
}

function toTask(row: TaskRow): TaskRecord {
  return cleanTask({
    status: row.status, reason: row.reason ?? undefined, note: row.note ?? undefined, assignee: row.assignee ?? undefined,
    updatedBy: row.updated_by ?? undefined, updatedAt: row.updated_at ?? undefined,
  });
}

/** Drops absent fields, so that records compare equal however they were built and stored. */
function cleanTask(record: TaskRecord): TaskRecord {
  const out: TaskRecord = { status: record.status };
  for (const key of ['reason', 'note', 'assignee', 'updatedBy', 'updatedAt'] as const) {
    const value = record[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

function isPlainOpen(record: TaskRecord): boolean {
  return record.status === 'open' && Object.keys(record).length === 1;
}

function taskParams(record: TaskRecord): Params {
  return {
    status: record.status, reason: record.reason ?? null, note: record.note ?? null, assignee: record.assignee ?? null,
    updatedBy: record.updatedBy ?? null, updatedAt: record.updatedAt ?? null,
  };
}
