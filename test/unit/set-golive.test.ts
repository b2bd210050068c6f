import type { RolloutBot } from '../../src/app';
import type { BotResponse } from '../../src/core/request';
import type { NoticeView } from '../../src/core/views';
import { makeBot, say } from '../support/fixtures';

let bot: RolloutBot;
const notices = (r: BotResponse) => r.views.filter((v): v is NoticeView => v.kind === 'notice').map((n) => n.text);

beforeEach(async () => {
  bot = makeBot();
  await bot.handle(say('lead', 'init Kotikunta'));
});
afterEach(() => bot.deps.store.close());

describe('set golive', () => {
  it('answers with the date as people write it in the asker\'s language, and keeps it as YYYY-MM-DD', async () => {
    expect(notices(await bot.handle(say('lead', 'set golive 2030-06-01', { locale: 'fi' })))).toEqual(['Tallennettu: käyttöönottopäivä = 1.6.2030']);
    const rollout = (await bot.deps.store.listRollouts('console:local'))[0];
    expect((await bot.deps.store.load(rollout.id))!.rollout.settings.golive).toBe('2030-06-01');
    expect(notices(await bot.handle(say('lead', 'set golive 2.6.2030', { locale: 'en' })))[0]).toMatch(/^Saved: .+ = 2 June 2030$/);
  });

  it('answers other settings as they were given', async () => {
    expect(notices(await bot.handle(say('lead', 'set organisation Kotikunta', { locale: 'en' })))[0]).toMatch(/^Saved: .+ = Kotikunta$/);
  });
});
