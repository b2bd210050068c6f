import { readConfig } from '../../src/config';
import { forgetOldEvents, scheduleHousekeeping } from '../../src/housekeeping';
import { makeBot, say } from '../support/fixtures';

const DAY = 24 * 60 * 60 * 1000;

describe('audit retention (AUDIT_RETENTION_DAYS)', () => {
  it('reads a number of days; blank or "keep" keeps everything; anything else stops start-up naming the variable', () => {
    expect(readConfig({ AUDIT_RETENTION_DAYS: '365' }).auditRetentionDays).toBe(365);
    expect(readConfig({}).auditRetentionDays).toBeUndefined();
    expect(readConfig({ AUDIT_RETENTION_DAYS: ' ' }).auditRetentionDays).toBeUndefined();
    expect(readConfig({ AUDIT_RETENTION_DAYS: 'keep' }).auditRetentionDays).toBeUndefined();
    for (const wrong of ['0', '-5', '1.5', 'a year']) expect(() => readConfig({ AUDIT_RETENTION_DAYS: wrong })).toThrow(/AUDIT_RETENTION_DAYS/);
  });

  it('deletes audit events older than the retention and keeps the newer ones; without a setting it keeps all', async () => {
    const bot = makeBot();
    await bot.handle(say('lead', 'init Kotikunta'));
    const start = bot.deps.clock.now().getTime();
    const [rollout] = await bot.deps.store.listRollouts('console:local');
    const old = (await bot.deps.store.events(rollout.id, Infinity)).length;

    bot.deps.clock = { now: () => new Date(start + 40 * DAY) };
    await bot.handle(say('lead', 'done 1'));
    const all = await bot.deps.store.events(rollout.id, Infinity);
    expect(all.length).toBe(old + 1);

    expect(await forgetOldEvents(bot.deps, undefined)).toBe(0);
    expect(await forgetOldEvents(bot.deps, 41)).toBe(0);
    expect(await forgetOldEvents(bot.deps, 30)).toBe(old);
    expect((await bot.deps.store.events(rollout.id, Infinity)).map((e) => e.type)).toEqual(['task.set']);
    // The rollout itself is untouched: only its history got shorter.
    expect((await bot.deps.store.load(rollout.id))?.tasks['investigate-scope']?.status).toBe('done');
    await bot.deps.store.close();
  });

  it('runs at start-up with the housekeeping', async () => {
    const bot = makeBot();
    await bot.handle(say('lead', 'init Kotikunta'));
    const start = bot.deps.clock.now().getTime();
    bot.deps.clock = { now: () => new Date(start + 10 * DAY) };
    const [rollout] = await bot.deps.store.listRollouts('console:local');
    const job = scheduleHousekeeping(bot.deps, { auditRetentionDays: 7 });
    try {
      for (let i = 0; i < 50 && (await bot.deps.store.events(rollout.id, Infinity)).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await bot.deps.store.events(rollout.id, Infinity)).toEqual([]);
    } finally {
      job.stop();
      await bot.deps.store.close();
    }
  });
});
