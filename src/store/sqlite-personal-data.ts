import type Database from 'better-sqlite3';
import type { TaskStatus } from '../domain/rollout';
import type { PersonalData, RolloutRef } from '../ports/personal-data.port';
import type { StoredEvent } from '../ports/rollout-store.port';

/**
 * A person's data in the SQLite store: collected for their export, and replaced by a pseudonym
 * for an erasure. Both run inside the caller's transaction. The erasure does not list columns:
 * it visits every text column of every table, so a table added later is covered too.
 */

/** Characters that continue an id or a name: a match must not be part of a longer one (`U1` in `U12`). */
const WORD = '[\\p{L}\\p{N}_-]';

/** Shortest native id or name replaced inside free text; shorter ones would hit ordinary words. */
const MIN_NATIVE_ID = 6;
const MIN_NAME = 2;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function wholeWord(text: string): RegExp {
  return new RegExp(`(?<!${WORD})${escape(text)}(?!${WORD})`, 'gu');
}

/** `slack:U123` -> `U123`: the id as the platform writes it in its own texts (`<@U123>`). */
export function nativeId(user: string): string {
  return user.slice(user.indexOf(':') + 1);
}

/**
 * Columns of free text people write (notes, reasons, announcement texts and values, the audit
 * trail's before/after), where the person's name is replaced too. Elsewhere a name could equal a
 * key (a role, a phase), and another person's `users` row may carry the same name.
 */
const FREE_TEXT = new Set(['tasks.note', 'tasks.reason', 'outbox.text', 'events.before', 'events.after', 'rollouts.settings']);

/** What an erasure looks for and what it writes instead, most specific first. */
export class PersonMatcher {
  /** Texts a candidate row must contain one of (SQLite `instr`, before the exact match here). */
  readonly needles: string[];
  private readonly ids: Array<[RegExp, string]>;
  private readonly names: Array<[RegExp, string]>;

  constructor(readonly user: string, names: string[], pseudonym = '') {
    const platform = user.slice(0, user.indexOf(':') + 1);
    const native = nativeId(user);
    const ids: Array<[string, string]> = [[user, `${platform}${pseudonym}`]];
    if (native !== user && native.length >= MIN_NATIVE_ID) ids.push([native, pseudonym]);
    const named = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= MIN_NAME))];
    this.needles = [...ids.map(([text]) => text), ...named];
    this.ids = ids.map(([text, to]) => [wholeWord(text), to]);
    this.names = named.map((text) => [wholeWord(text), pseudonym]);
  }

  /** True when the text names the person (by id; with `names`, by name too). */
  test(text: string, names = false): boolean {
    return [...this.ids, ...(names ? this.names : [])].some(([re]) => {
      re.lastIndex = 0;
      return re.test(text);
    });
  }

  /**
   * The text with the person's ids replaced, and with `names` their name too. JSON stays valid
   * JSON: ids are replaced in its keys and strings, names in its strings only.
   */
  replace(text: string, names = false): string {
    if (!this.test(text, names)) return text;
    const json = parseJson(text);
    if (json !== undefined) return JSON.stringify(this.replaceIn(json, names));
    return this.replacePlain(text, names);
  }

  private replacePlain(text: string, names: boolean): string {
    return [...this.ids, ...(names ? this.names : [])].reduce((out, [re, to]) => out.replace(re, to), text);
  }

  private replaceIn(value: unknown, names: boolean): unknown {
    if (typeof value === 'string') return this.replacePlain(value, names);
    if (Array.isArray(value)) return value.map((v) => this.replaceIn(v, names));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.replacePlain(k, false), this.replaceIn(v, names)]));
    }
    return value;
  }
}

/** Objects and arrays stored as JSON text; anything else is plain text. */
function parseJson(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface Column {
  name: string;
  type: string;
  pk: number;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Tables that hold data (not SQLite's own, not the schema's version history). */
function dataTables(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_migrations' ORDER BY name")
    .all()
    .map((t) => t.name);
}

/**
 * Replaces the person in every text column of every table, row by row, keeping each row where
 * it is (same key, same order); returns the rows changed per table. Their own `users` row has its
 * id replaced here; its name is the caller's to replace. Call inside a transaction.
 */
export function replacePersonEverywhere(db: Database.Database, matcher: PersonMatcher): Record<string, number> {
  const changed: Record<string, number> = {};
  for (const table of dataTables(db)) {
    const columns = db.prepare<[], Column>(`PRAGMA table_info(${quote(table)})`).all();
    const text = columns.filter((c) => c.type === '' || c.type.toUpperCase().includes('TEXT') || c.type.toUpperCase().includes('CHAR'));
    if (text.length === 0) continue;
    const keys = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const keyColumns = keys.length > 0 ? keys : ['rowid'];
    const where = text.flatMap((c) => matcher.needles.map(() => `instr(${quote(c.name)}, ?) > 0`)).join(' OR ');
    const params = text.flatMap(() => matcher.needles);
    const select = `SELECT ${keyColumns.map((k) => `${quote(k)} AS ${quote(`key:${k}`)}`).join(', ')}, ${text.map((c) => quote(c.name)).join(', ')} FROM ${quote(table)} WHERE ${where}`;
    const rows = db.prepare<unknown[], Record<string, unknown>>(select).all(...params);
    const update = db.prepare(`UPDATE ${quote(table)} SET ${text.map((c) => `${quote(c.name)} = ?`).join(', ')} WHERE ${keyColumns.map((k) => `${quote(k)} IS ?`).join(' AND ')}`);
    let count = 0;
    for (const row of rows) {
      const values = text.map((c) => (typeof row[c.name] === 'string' ? matcher.replace(row[c.name] as string, FREE_TEXT.has(`${table}.${c.name}`)) : row[c.name]));
      if (values.every((v, i) => v === row[text[i].name])) continue;
      update.run(...values, ...keyColumns.map((k) => row[`key:${k}`]));
      count += 1;
    }
    if (count > 0) changed[table] = count;
  }
  return changed;
}

interface RefRow {
  rollout_id: string;
  rollout: string;
  workspace: string;
}

const ref = (r: RefRow): RolloutRef => ({ rolloutId: r.rollout_id, rollout: r.rollout, workspace: r.workspace });

/** Property names whose values are never handed out, even to the person they belong to. */
const SECRET = /token|secret|password|key$/i;

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET.test(k)).map(([k, v]) => [k, withoutSecrets(v)]));
  }
  return value;
}

/** Everything about one person, read in the caller's transaction. */
export function collectPersonalData(db: Database.Database, user: string, toEvent: (row: never) => StoredEvent): PersonalData {
  const matcher = new PersonMatcher(user, []);
  const person = db.prepare<[string], { name: string | null; locale: string | null; reminders_off: number }>('SELECT name, locale, reminders_off FROM users WHERE id = ?').get(user);
  const join = 'JOIN rollouts r ON r.id = x.rollout_id';
  const roles = db
    .prepare<[string], RefRow & { role: string }>(`SELECT x.rollout_id, r.name AS rollout, r.workspace, x.role FROM members x ${join} WHERE x.user_id = ? ORDER BY r.created_at, x.role`)
    .all(user)
    .map((r) => ({ ...ref(r), role: r.role }));
  const tasks = db
    .prepare<[string, string], RefRow & { task_key: string; status: TaskStatus; assignee: string | null; updated_by: string | null; note: string | null; reason: string | null; updated_at: string | null }>(
      `SELECT x.rollout_id, r.name AS rollout, r.workspace, x.task_key, x.status, x.assignee, x.updated_by, x.note, x.reason, x.updated_at
       FROM tasks x ${join} WHERE x.assignee = ? OR x.updated_by = ? ORDER BY r.created_at, x.task_key`)
    .all(user, user)
    .map((t) => ({
      ...ref(t), task: t.task_key, status: t.status, assigned: t.assignee === user, changedByThem: t.updated_by === user,
      ...(t.note ? { note: t.note } : {}), ...(t.reason ? { reason: t.reason } : {}), ...(t.updated_at ? { updatedAt: t.updated_at } : {}),
    }));
  const rolloutsCreated = db
    .prepare<[string], { id: string; name: string; workspace: string; created_at: string }>('SELECT id, name, workspace, created_at FROM rollouts WHERE created_by = ? ORDER BY created_at')
    .all(user)
    .map((r) => ({ rolloutId: r.id, rollout: r.name, workspace: r.workspace, createdAt: r.created_at }));
  const events = db
    .prepare<[string, string, string, string], Record<string, unknown>>(
      'SELECT * FROM events WHERE actor = ? OR subject = ? OR instr(before, ?) > 0 OR instr(after, ?) > 0 ORDER BY id')
    .all(user, user, user, user)
    .filter((e) => e.actor === user || e.subject === user || matcher.test(String(e.before ?? '')) || matcher.test(String(e.after ?? '')))
    .map((e) => toEvent(e as never));
  const messages = db
    .prepare<[string], { rollout_id: string; channel: string; kind: string; status: string; created_at: string }>(
      'SELECT rollout_id, channel, kind, status, created_at FROM outbox WHERE report_to = ? ORDER BY id')
    .all(user)
    .map((m) => ({ rolloutId: m.rollout_id, channel: m.channel, kind: m.kind, status: m.status, createdAt: m.created_at }));
  const platformRecords = db
    .prepare<[string, string], { kind: string; key: string; value: string; updated_at: string }>(
      'SELECT kind, key, value, updated_at FROM platform_records WHERE instr(key, ?) > 0 OR instr(value, ?) > 0 ORDER BY kind, key')
    .all(user, nativeId(user))
    .filter((r) => matcher.test(r.key) || matcher.test(r.value))
    .map((r) => ({
      kind: r.kind, key: r.key, updatedAt: r.updated_at,
      ...(matcher.test(r.key) ? { value: withoutSecrets(parseJson(r.value) ?? r.value) } : {}),
    }));
  const workspaceOf = new Map(db.prepare<[], { id: string; workspace: string }>('SELECT id, workspace FROM rollouts').all().map((r) => [r.id, r.workspace]));
  const workspaces = new Set<string>([...roles, ...tasks, ...rolloutsCreated].map((r) => r.workspace));
  for (const e of events) if (e.rolloutId && workspaceOf.has(e.rolloutId)) workspaces.add(workspaceOf.get(e.rolloutId)!);
  return {
    user,
    ...(person?.name ? { name: person.name } : {}),
    ...(person?.locale ? { locale: person.locale } : {}),
    ...(person?.reminders_off ? { remindersOff: true } : {}),
    roles, tasks, rolloutsCreated, events, messages, platformRecords,
    workspaces: [...workspaces].sort(),
  };
}
