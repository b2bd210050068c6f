import type Database from 'better-sqlite3';
import type { AuditPage, AuditQuery, TaskStatusChange } from '../ports/rollout-store.port';
import { toEvent, type EventRow } from './event-row';

/**
 * Read-only queries of the audit trail for the dashboard and exports. Filters are bound as one
 * JSON array each (no placeholder per value), and the page and its total come from one snapshot.
 */
export class AuditQueries {
  private readonly page;
  private readonly count;
  private readonly actors;
  private readonly history;

  constructor(private readonly db: Database.Database) {
    const where = `rollout_id = @rolloutId
      AND (@subjects IS NULL OR subject IN (SELECT value FROM json_each(@subjects)))
      AND (@types IS NULL OR type IN (SELECT value FROM json_each(@types)))
      AND (@actor IS NULL OR actor = @actor)`;
    this.page = {
      newest: db.prepare<unknown[], EventRow>(`SELECT * FROM events WHERE ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`),
      oldest: db.prepare<unknown[], EventRow>(`SELECT * FROM events WHERE ${where} ORDER BY id ASC LIMIT @limit OFFSET @offset`),
    };
    this.count = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM events WHERE ${where}`);
    // The status alone, read by SQLite: parsing every event's JSON costs more than the rest of a chart.
    this.history = db.prepare<unknown[], [string, string, string]>(`SELECT at, subject, coalesce(json_extract(after, '$.status'), 'open')
      FROM events WHERE rollout_id = ? AND type = 'task.set' ORDER BY id`).raw();
    this.actors = db.prepare<unknown[], { actor: string }>('SELECT DISTINCT actor FROM events WHERE rollout_id = ? ORDER BY actor');
  }

  events(rolloutId: string, query: AuditQuery): AuditPage {
    const params = {
      rolloutId,
      subjects: query.subjects ? JSON.stringify(query.subjects) : null,
      types: query.types ? JSON.stringify(query.types) : null,
      actor: query.actor ?? null,
      limit: query.limit === undefined ? -1 : Math.max(0, Math.floor(query.limit)),
      offset: Math.max(0, Math.floor(query.offset ?? 0)),
    };
    return this.db.transaction(() => {
      const rows = params.limit === 0 ? [] : (query.oldestFirst ? this.page.oldest : this.page.newest).all(params);
      return { events: rows.map(toEvent), total: this.count.get(params)!.n };
    }).deferred();
  }

  taskHistory(rolloutId: string): TaskStatusChange[] {
    // Rows as arrays, made into objects of one shape here: the driver's row objects are slow to read in a loop.
    return this.history.all(rolloutId).map(([at, task, status]) => ({ at, task, status }));
  }

  actorsOf(rolloutId: string): string[] {
    return this.actors.all(rolloutId).map((r) => r.actor);
  }
}
