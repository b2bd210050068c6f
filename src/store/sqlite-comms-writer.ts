import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Change } from '../ports/rollout-store.port';

type CommsChange = Extract<Change, { type: 'channel.map' | 'channel.unmap' | 'outbox.add' | 'outbox.release' | 'outbox.resend' | 'status.refresh' }>;

/** What a comms change records in the audit trail; undefined when it changed nothing worth a line. */
export interface Recorded {
  subject: string;
  before: unknown;
  after: unknown;
}

/**
 * Writes role channels and outbox entries inside the caller's transaction (`transact`), so an
 * announcement is queued in the same commit as the change that caused it.
 */
export class CommsWriter {
  private readonly sql;

  constructor(db: Database.Database) {
    const p = <R = unknown>(text: string) => db.prepare<unknown[], R>(text);
    this.sql = {
      channel: p<{ name: string | null; locales: string }>('SELECT name, locales FROM role_channels WHERE rollout_id = ? AND role = ? AND channel = ?'),
      mapChannel: p(`INSERT INTO role_channels (rollout_id, role, channel, name, locales) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (rollout_id, role, channel) DO UPDATE SET name = excluded.name, locales = excluded.locales`),
      unmapChannel: p('DELETE FROM role_channels WHERE rollout_id = ? AND role = ? AND channel = ?'),
      addEntry: p(`INSERT INTO outbox (idempotency_key, rollout_id, batch, kind, template, channel, locales, text, status, report_to, created_by, sets_golive, next_attempt_at, created_at)
        VALUES (@idempotencyKey, @rolloutId, @batch, @kind, @template, @channel, @locales, @text, @status, @reportTo, @createdBy, @setsGoLive, @at, @at)
        ON CONFLICT (idempotency_key) DO NOTHING`),
      release: p("UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE batch = ? AND rollout_id = ? AND status = 'draft'"),
      failedEntry: p<{ channel: string; last_error: string | null; unconfirmed: number }>(
        "SELECT channel, last_error, unconfirmed FROM outbox WHERE id = ? AND rollout_id = ? AND status = 'failed' AND kind = 'announcement'"),
      resend: p(`UPDATE outbox SET status = 'pending', next_attempt_at = ?, attempts = 0, lookups = 0, verify = 0, unconfirmed = 0, last_error = NULL
        WHERE id = ? AND rollout_id = ? AND status = 'failed' AND kind = 'announcement'`),
      pendingStatus: p<{ channel: string }>("SELECT channel FROM outbox WHERE rollout_id = ? AND kind = 'status' AND status IN ('pending', 'sending') AND channel IN (SELECT value FROM json_each(?))"),
    };
  }

  apply(rolloutId: string, change: CommsChange, at: string): Recorded | undefined {
    switch (change.type) {
      case 'channel.map': {
        const m = change.mapping;
        const old = this.sql.channel.get(rolloutId, m.role, m.channel);
        this.sql.mapChannel.run(rolloutId, m.role, m.channel, m.name ?? null, JSON.stringify(m.locales));
        return { subject: m.role, before: old ? { channel: m.channel, name: old.name, locales: JSON.parse(old.locales) } : null, after: m };
      }
      case 'channel.unmap': {
        const removed = this.sql.unmapChannel.run(rolloutId, change.role, change.channel).changes > 0;
        return removed ? { subject: change.role, before: { channel: change.channel }, after: null } : undefined;
      }
      case 'outbox.add': {
        const e = change.entry;
        const added = this.sql.addEntry.run({
          ...e, rolloutId, template: e.template ?? null, reportTo: e.reportTo ?? null, createdBy: e.createdBy ?? null, setsGoLive: e.setsGoLive ?? null,
          locales: JSON.stringify(e.locales), at,
        }).changes > 0;
        // Drafts are previews: only a message on its way to a channel belongs in the audit trail.
        if (!added || e.status === 'draft' || e.kind === 'status') return undefined;
        return { subject: e.channel, before: null, after: { kind: e.kind, template: e.template ?? null, batch: e.batch, key: e.idempotencyKey } };
      }
      case 'outbox.release': {
        const released = this.sql.release.run(at, change.batch, rolloutId).changes;
        return released > 0 ? { subject: change.batch, before: { status: 'draft' }, after: { status: 'pending', messages: released } } : undefined;
      }
      case 'outbox.resend': {
        const failed = this.sql.failedEntry.get(change.id, rolloutId);
        if (!failed) return undefined;
        this.sql.resend.run(at, change.id, rolloutId);
        return { subject: failed.channel, before: { id: change.id, status: failed.unconfirmed ? 'unconfirmed' : 'failed', error: failed.last_error }, after: { id: change.id, status: 'pending' } };
      }
      case 'status.refresh': {
        // One pending refresh per channel is enough: it renders the state as it is when delivered.
        const waiting = new Set(this.sql.pendingStatus.all(rolloutId, JSON.stringify(change.channels)).map((r) => r.channel));
        for (const channel of change.channels) {
          if (waiting.has(channel)) continue;
          this.sql.addEntry.run({
            idempotencyKey: `status:${rolloutId}:${channel}:${randomUUID()}`,
            rolloutId, batch: `status:${rolloutId}`, kind: 'status', template: null, channel, locales: '[]', text: '', status: 'pending', reportTo: null, createdBy: null, setsGoLive: null, at,
          });
        }
        return undefined;
      }
    }
  }
}
