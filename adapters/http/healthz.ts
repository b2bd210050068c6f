import type { RolloutBot } from '../../src/app';
import { DEFAULT_POLICY } from '../../src/comms/outbox-worker';

/** What `GET /healthz` answers: 200 when the bot can do its work, 503 with the reasons when not. */
export interface HealthBody {
  status: 'ok' | 'starting' | 'unavailable';
  /** Why it is unavailable: `store.unwritable` (locked, full, read-only) and `outbox.stuck`. */
  reasons?: Array<{ code: 'store.unwritable' | 'outbox.stuck' | 'health.failed'; detail: string }>;
  /** Messages stuck in sending, and messages given up as unconfirmed (those wait for the lead, not for the operator). */
  outbox?: { stuck: number; unconfirmed: number };
}

/**
 * The health of a serving bot, without waiting on the store: whether SQLite takes writes (one
 * attempt at the write lock, no busy wait) and whether outbox messages of the served platforms
 * have stayed in `sending` longer than the worker's own sweep allows (`stuckAfterMs`).
 */
export async function checkHealth(bot: RolloutBot, platforms: readonly string[], ready: boolean): Promise<{ code: number; body: HealthBody }> {
  if (!ready) return { code: 503, body: { status: 'starting' } };
  try {
    const before = new Date(bot.deps.clock.now().getTime() - DEFAULT_POLICY.stuckAfterMs).toISOString();
    const health = await bot.deps.outbox.health(platforms, before);
    const reasons: NonNullable<HealthBody['reasons']> = [];
    if (!health.writable) reasons.push({ code: 'store.unwritable', detail: health.reason ?? 'the database does not take writes' });
    if (health.stuck > 0) reasons.push({ code: 'outbox.stuck', detail: `${health.stuck} message(s) in sending for more than ${DEFAULT_POLICY.stuckAfterMs / 1000} s` });
    const outbox = { stuck: health.stuck, unconfirmed: health.unconfirmed };
    return reasons.length ? { code: 503, body: { status: 'unavailable', reasons, outbox } } : { code: 200, body: { status: 'ok', outbox } };
  } catch (err) {
    return { code: 503, body: { status: 'unavailable', reasons: [{ code: 'health.failed', detail: err instanceof Error ? err.message : String(err) }] } };
  }
}
