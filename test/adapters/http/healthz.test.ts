import { checkHealth } from '../../../adapters/http/healthz';
import type { SqliteRolloutStore } from '../../../src/store/sqlite-rollout-store';
import { makeBot, say } from '../../support/fixtures';

describe('/healthz', () => {
  it('is 503 with outbox.stuck while a message has stayed in sending for over 2 minutes, and 200 again once it is settled', async () => {
    const bot = makeBot();
    await bot.handle(say('lead', 'init Demo'));
    const [rollout] = await bot.deps.store.listRollouts('console:local');
    const entry = { idempotencyKey: 'stuck-1', batch: 'b', kind: 'announcement' as const, channel: 'slack:C1', locales: ['en' as const], text: 'hi', status: 'pending' as const };
    await bot.deps.store.transact(rollout.id, { actor: 'test', platform: 'system', at: bot.deps.clock.now().toISOString() }, () => ({ ok: true, changes: [{ type: 'outbox.add', entry }], value: null }));
    expect(await checkHealth(bot, ['slack'], true)).toEqual({ code: 200, body: { status: 'ok', outbox: { stuck: 0, unconfirmed: 0 } } });

    // Claimed three minutes ago by a delivery that never came back.
    const [claimed] = await bot.deps.outbox.claimDue(bot.deps.clock.now().toISOString(), 1, ['slack'], []);
    const claimedAt = new Date(bot.deps.clock.now().getTime() - 3 * 60_000).toISOString();
    (bot.deps.store as SqliteRolloutStore).database.prepare('UPDATE outbox SET claimed_at = ? WHERE id = ?').run(claimedAt, claimed.id);
    expect(await checkHealth(bot, ['slack'], true)).toEqual({
      code: 503,
      body: { status: 'unavailable', reasons: [{ code: 'outbox.stuck', detail: '1 message(s) in sending for more than 120 s' }], outbox: { stuck: 1, unconfirmed: 0 } },
    });
    // Only the platforms this process serves count.
    expect((await checkHealth(bot, ['teams'], true)).code).toBe(200);

    await bot.deps.outbox.markSent(claimed.id, 'ts-1', bot.deps.clock.now().toISOString());
    expect((await checkHealth(bot, ['slack'], true)).code).toBe(200);
    expect(await checkHealth(bot, ['slack'], false)).toEqual({ code: 503, body: { status: 'starting' } });
    await bot.deps.store.close();
  });
});
