import type Database from 'better-sqlite3';
import type { Locale } from '../core/locale';
import type { NewOutboxEntry, OutboxEntry, OutboxHealth, OutboxKind, OutboxStatus, OutboxStore, OutboxSummary } from '../ports/outbox.port';
import { WriteGate } from './write-gate';

interface OutboxRow {
  id: number; idempotency_key: string; rollout_id: string; batch: string; kind: OutboxKind; template: string | null;
  channel: string; locales: string; text: string; status: OutboxStatus; report_to: string | null; attempts: number;
  next_attempt_at: string; last_error: string | null; message_id: string | null; created_at: string; sent_at: string | null;
  workspace: string; verify: number; lookups: number; unconfirmed: number; claimed_at: string | null;
}

/** Entries with their rollout's workspace: a sender in a multi-workspace install needs it for the token. */
const ENTRY = 'SELECT o.*, r.workspace FROM outbox o JOIN rollouts r ON r.id = o.rollout_id';

/** Channels are platform-qualified (`slack:C123`): the part before the first colon. */
const PLATFORM_OF_CHANNEL = "substr(o.channel, 1, instr(o.channel, ':') - 1)";

/**
 * The delivery side of the outbox on the same SQLite connection as the rollouts. Its writes go
 * through the connection's write gate: a locked file makes them wait without blocking the event loop.
 */
export class SqliteOutboxStore implements OutboxStore {
  private readonly sql;

  constructor(
    private readonly db: Database.Database,
    private readonly gate: WriteGate = new WriteGate(db),
  ) {
    const p = <R = unknown>(text: string) => db.prepare<unknown[], R>(text);
    this.sql = {
      inFlight: p<OutboxRow>(`${ENTRY} WHERE o.status = 'sending' AND ${PLATFORM_OF_CHANNEL} IN (SELECT value FROM json_each(?)) ORDER BY o.id`),
      due: p<OutboxRow>(`${ENTRY} WHERE o.status = 'pending' AND o.next_attempt_at <= ?
        AND ${PLATFORM_OF_CHANNEL} IN (SELECT value FROM json_each(?))
        AND o.channel NOT IN (SELECT value FROM json_each(?))
        AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.channel = o.channel AND e.status IN ('pending', 'sending') AND e.id < o.id)
        ORDER BY o.next_attempt_at, o.id LIMIT 1000`),
      claim: p("UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_at = ? WHERE id = ? AND status = 'pending'"),
      byId: p<OutboxRow>(`${ENTRY} WHERE o.id = ?`),
      sent: p("UPDATE outbox SET status = 'sent', message_id = ?, sent_at = ?, last_error = NULL, verify = 0, unconfirmed = 0 WHERE id = ?"),
      saveStatus: p(`INSERT INTO status_messages (rollout_id, channel, message_id) VALUES (?, ?, ?)
        ON CONFLICT (rollout_id, channel) DO UPDATE SET message_id = excluded.message_id`),
      statusMessage: p<{ message_id: string }>('SELECT message_id FROM status_messages WHERE rollout_id = ? AND channel = ?'),
      retry: p(`UPDATE outbox SET status = 'pending', next_attempt_at = @at, last_error = @error,
        verify = @verify, lookups = lookups + @lookupFailed WHERE id = @id`),
      failed: p("UPDATE outbox SET status = 'failed', last_error = ?, unconfirmed = ? WHERE id = ?"),
      requeue: p(`UPDATE outbox SET status = 'pending', verify = 1, next_attempt_at = @now
        WHERE status = 'sending' AND substr(channel, 1, instr(channel, ':') - 1) IN (SELECT value FROM json_each(@platforms))
        AND (@before IS NULL OR claimed_at IS NULL OR claimed_at < @before) AND id NOT IN (SELECT value FROM json_each(@except))`),
      stuck: p<{ stuck: number; unconfirmed: number }>(`SELECT
        count(*) FILTER (WHERE o.status = 'sending' AND (o.claimed_at IS NULL OR o.claimed_at < @before)) AS stuck,
        count(*) FILTER (WHERE o.status = 'failed' AND o.unconfirmed = 1) AS unconfirmed
        FROM outbox o WHERE ${PLATFORM_OF_CHANNEL} IN (SELECT value FROM json_each(@platforms))`),
      add: p(`INSERT INTO outbox (idempotency_key, rollout_id, batch, kind, template, channel, locales, text, status, report_to, next_attempt_at, created_at)
        VALUES (@idempotencyKey, @rolloutId, @batch, @kind, @template, @channel, @locales, @text, @status, @reportTo, @at, @at)
        ON CONFLICT (idempotency_key) DO NOTHING`),
      counts: p<{ status: OutboxStatus | 'unconfirmed'; n: number }>(`SELECT CASE WHEN status = 'failed' AND unconfirmed = 1 THEN 'unconfirmed' ELSE status END AS status,
        count(*) AS n FROM outbox WHERE rollout_id = ? AND kind <> 'status' GROUP BY 1`),
      recent: p<OutboxRow>(`${ENTRY} WHERE o.rollout_id = ? AND o.kind <> 'status' ORDER BY o.id DESC LIMIT ?`),
      batch: p<OutboxRow>(`${ENTRY} WHERE o.rollout_id = ? AND o.batch = ? ORDER BY o.id`),
      entry: p<OutboxRow>(`${ENTRY} WHERE o.rollout_id = ? AND o.id = ?`),
      nextDue: p<{ at: string | null }>(`SELECT min(o.next_attempt_at) AS at FROM outbox o WHERE o.status = 'pending' AND ${PLATFORM_OF_CHANNEL} IN (SELECT value FROM json_each(?))`),
    };
  }

  async inFlight(platforms: readonly string[]): Promise<OutboxEntry[]> {
    return this.sql.inFlight.all(JSON.stringify(platforms)).map(toEntry);
  }

  async claimDue(now: string, limit: number, platforms: readonly string[], busyChannels: readonly string[]): Promise<OutboxEntry[]> {
    return this.write(() => {
      const picked: OutboxEntry[] = [];
      const channels = new Set(busyChannels);
      for (const row of this.sql.due.all(now, JSON.stringify(platforms), JSON.stringify(busyChannels))) {
        if (picked.length >= limit) break;
        // One message per channel at a time keeps each channel's messages in order.
        if (channels.has(row.channel)) continue;
        channels.add(row.channel);
        this.sql.claim.run(now, row.id);
        picked.push(toEntry(this.sql.byId.get(row.id)!));
      }
      return picked;
    });
  }

  async markSent(id: number, messageId: string, at: string): Promise<void> {
    await this.write(() => {
      this.sql.sent.run(messageId, at, id);
      const row = this.sql.byId.get(id);
      if (row?.kind === 'status') this.sql.saveStatus.run(row.rollout_id, row.channel, messageId);
    });
  }

  async retryLater(id: number, nextAttemptAt: string, error: string, options: { verify?: boolean; lookupFailed?: boolean } = {}): Promise<void> {
    await this.write(() =>
      this.sql.retry.run({ id, at: nextAttemptAt, error: error.slice(0, 500), verify: options.verify ? 1 : 0, lookupFailed: options.lookupFailed ? 1 : 0 }),
    );
  }

  async markFailed(id: number, error: string, at: string, report?: NewOutboxEntry & { rolloutId: string }): Promise<void> {
    await this.fail(id, error, at, false, report);
  }

  async markUnconfirmed(id: number, error: string, at: string, report?: NewOutboxEntry & { rolloutId: string }): Promise<void> {
    await this.fail(id, error, at, true, report);
  }

  async requeueStuck(platforms: readonly string[], now: string, claimedBefore?: string, except: readonly number[] = []): Promise<number> {
    return this.write(() => this.sql.requeue.run({ platforms: JSON.stringify(platforms), now, before: claimedBefore ?? null, except: JSON.stringify(except) }).changes);
  }

  async health(platforms: readonly string[], claimedBefore: string): Promise<OutboxHealth> {
    const write = this.gate.health();
    const counts = this.sql.stuck.get({ platforms: JSON.stringify(platforms), before: claimedBefore }) ?? { stuck: 0, unconfirmed: 0 };
    return { writable: write.writable, ...(write.reason ? { reason: write.reason } : {}), stuck: counts.stuck, unconfirmed: counts.unconfirmed };
  }

  private async fail(id: number, error: string, at: string, unconfirmed: boolean, report?: NewOutboxEntry & { rolloutId: string }): Promise<void> {
    await this.write(() => {
      this.sql.failed.run(error.slice(0, 500), unconfirmed ? 1 : 0, id);
      if (report) {
        this.sql.add.run({ ...report, template: report.template ?? null, reportTo: null, locales: JSON.stringify(report.locales), at });
      }
    });
  }

  /** One IMMEDIATE transaction, through the gate: retried without blocking while the file is locked. */
  private write<T>(fn: () => T): Promise<T> {
    return this.gate.run(() => this.db.transaction(fn).immediate());
  }

  async statusMessage(rolloutId: string, channel: string): Promise<string | undefined> {
    return this.sql.statusMessage.get(rolloutId, channel)?.message_id;
  }

  async summary(rolloutId: string, recent: number): Promise<OutboxSummary> {
    return this.db.transaction(() => {
      const counts = Object.fromEntries(this.sql.counts.all(rolloutId).map((r) => [r.status, r.n]));
      return {
        draft: counts.draft ?? 0,
        pending: (counts.pending ?? 0) + (counts.sending ?? 0),
        sent: counts.sent ?? 0,
        failed: counts.failed ?? 0,
        unconfirmed: counts.unconfirmed ?? 0,
        recent: this.sql.recent.all(rolloutId, recent).map(toEntry),
      };
    }).deferred();
  }

  async batch(rolloutId: string, batch: string): Promise<OutboxEntry[]> {
    return this.sql.batch.all(rolloutId, batch).map(toEntry);
  }

  async entry(rolloutId: string, id: number): Promise<OutboxEntry | undefined> {
    const row = this.sql.entry.get(rolloutId, id);
    return row ? toEntry(row) : undefined;
  }

  async nextDue(platforms: readonly string[]): Promise<string | undefined> {
    return this.sql.nextDue.get(JSON.stringify(platforms))?.at ?? undefined;
  }
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id, idempotencyKey: row.idempotency_key, rolloutId: row.rollout_id, workspace: row.workspace, batch: row.batch, kind: row.kind,
    ...(row.template ? { template: row.template } : {}),
    channel: row.channel, locales: JSON.parse(row.locales) as Locale[], text: row.text, status: row.status,
    ...(row.report_to ? { reportTo: row.report_to } : {}),
    attempts: row.attempts, nextAttemptAt: row.next_attempt_at,
    ...(row.last_error ? { lastError: row.last_error } : {}),
    ...(row.message_id ? { messageId: row.message_id } : {}),
    createdAt: row.created_at,
    ...(row.sent_at ? { sentAt: row.sent_at } : {}),
    verify: row.verify === 1, lookups: row.lookups,
    ...(row.unconfirmed === 1 ? { unconfirmed: true } : {}),
    ...(row.claimed_at ? { claimedAt: row.claimed_at } : {}),
  };
}
