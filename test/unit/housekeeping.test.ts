import { forgetOldRequests, REQUEST_MEMORY_DAYS } from '../../src/housekeeping';
import { makeBot, say } from '../support/fixtures';

const DAY = 24 * 60 * 60 * 1000;

describe('housekeeping', () => {
  it('forgets a delivery id after a week; within the week a repeated delivery still changes nothing', async () => {
    const bot = makeBot();
    await bot.handle(say('lead', 'init Kotikunta'));
    expect(await bot.handle(say('lead', 'done 1', { requestId: 'slack:trigger-1' }))).toMatchObject({ changed: true });
    const start = bot.deps.clock.now().getTime();

    bot.deps.clock = { now: () => new Date(start + (REQUEST_MEMORY_DAYS - 1) * DAY) };
    expect(await forgetOldRequests(bot.deps)).toBe(0);
    expect(await bot.handle(say('lead', 'undo 1', { requestId: 'slack:trigger-1' }))).toMatchObject({ duplicate: true });

    bot.deps.clock = { now: () => new Date(start + (REQUEST_MEMORY_DAYS + 1) * DAY) };
    expect(await forgetOldRequests(bot.deps)).toBe(1);
    expect(await bot.handle(say('lead', 'undo 1', { requestId: 'slack:trigger-1' }))).toMatchObject({ changed: true });
    await bot.deps.store.close();
  });
});
