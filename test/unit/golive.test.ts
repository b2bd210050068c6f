import type { RolloutBot } from '../../src/app';
import { announceGoLives } from '../../src/comms/delivery';
import type { BotResponse } from '../../src/core/request';
import type { ErrorView, NoticeView } from '../../src/core/views';
import { makeBot, say } from '../support/fixtures';

let bot: RolloutBot;
let today: string;
const error = (r: BotResponse) => r.views.find((v): v is ErrorView => v.kind === 'error');
const notices = (r: BotResponse) => r.views.filter((v): v is NoticeView => v.kind === 'notice').map((n) => n.text);
const rolloutId = async () => (await bot.deps.store.listRollouts('console:local'))[0].id;
const entries = async () => (await bot.deps.outbox.summary(await rolloutId(), 100)).recent;
const liveMessages = async () => (await entries()).filter((e) => e.template?.startsWith('golive-live')).map((e) => `${e.template}@${e.channel}`).sort();

beforeEach(async () => {
  bot = makeBot();
  today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(bot.deps.clock.now());
  await bot.handle(say('lead', 'init GL'));
  await bot.handle(say('lead', 'role add communications @viestija'));
  await bot.handle(say('lead', 'channel lead here en'));
  await bot.handle(say('lead', 'channel communications #viestinta fi'));
  await bot.handle(say('lead', 'channel staff #henkilosto fi'));
  await bot.handle(say('lead', 'channel customer-service #asiakas fi'));
  await bot.handle(say('lead', 'set contact Maija'));
  await bot.handle(say('lead', `set golive ${today}`));
});
afterEach(() => bot.deps.store.close());

/** Moves the rollout on to the go-live phase (deploy) with an override reason at each gate. */
async function toGoLivePhase(): Promise<void> {
  for (let i = 0; i < 4; i++) await bot.handle(say('lead', 'phase next override testing the go-live day'));
}

describe('go-live day messages', () => {
  it('go to staff and customers on the date in the go-live phase, once', async () => {
    await toGoLivePhase();
    expect(await announceGoLives(bot.deps)).toBe(3);
    expect(await announceGoLives(bot.deps)).toBe(0);
    expect(await liveMessages()).toEqual(['golive-live-customers@console:asiakas', 'golive-live-customers@console:viestinta', 'golive-live-staff@console:henkilosto']);
  });

  it('outside the go-live phase send nothing to staff or customers; the lead and communications are told once, with the choices', async () => {
    expect(await announceGoLives(bot.deps)).toBe(2);
    expect(await announceGoLives(bot.deps)).toBe(0);
    expect(await liveMessages()).toEqual([]);
    const told = (await entries()).filter((e) => e.idempotencyKey.startsWith('golive-held:'));
    expect(told.map((e) => e.channel).sort()).toEqual(['console:main', 'console:viestinta']);
    const english = told.find((e) => e.channel === 'console:main')!.text;
    expect(english).toContain('has come, but the rollout is in phase Investigate, not Go live. Nothing was sent to staff or customers.');
    expect(english).toContain('"set golive <date>"');
    expect(english).toContain('"golive send"');
    expect(told.find((e) => e.channel === 'console:viestinta')!.text).toContain('"käyttöönotto lähetä"');
    expect(notices(await bot.handle(say('lead', 'golive')))[0]).toMatch(/^⏸️ The go-live date .+ came while the rollout is in phase Investigate, not Go live/);
  });

  it('as the issue found it (init, customer-service channel, go-live date today): customers get nothing, the channel that follows the rollout is told', async () => {
    const fresh = makeBot();
    try {
      await fresh.handle(say('root', 'init GL', { channel: 'console:project' }));
      await fresh.handle(say('root', 'channel customer-service #asiakas fi', { channel: 'console:project' }));
      await fresh.handle(say('root', `set golive ${today}`, { channel: 'console:project' }));
      expect(await announceGoLives(fresh.deps)).toBe(1);
      const id = (await fresh.deps.store.listRollouts('console:local'))[0].id;
      const sent = (await fresh.deps.outbox.summary(id, 50)).recent;
      expect(sent.map((e) => e.channel)).toEqual(['console:project']);
      expect(sent[0].text).toMatch(/has come, but the rollout is in phase Investigate/);
    } finally {
      await fresh.deps.store.close();
    }
  });

  it('"golive send" sends them anyway as a recorded decision of the person, once', async () => {
    await announceGoLives(bot.deps);
    expect(error(await bot.handle(say('ida', 'golive send')))!.code).toBe('auth.comms_only');
    const sent = await bot.handle(say('viestija', 'golive send'));
    expect(notices(sent)[0]).toMatch(/^📣 As you decided, the go-live messages for .+ go out although the rollout is in phase Investigate: 3 messages\.$/);
    expect((await liveMessages())).toHaveLength(3);
    const [decision] = (await bot.deps.store.events(await rolloutId(), 50)).filter((e) => e.type === 'rollout.setting' && e.subject === 'golive_announced');
    expect(decision).toMatchObject({ actor: 'console:viestija', platform: 'console', after: { value: today } });
    expect(error(await bot.handle(say('viestija', 'golive send')))!.code).toBe('golive.already_sent');
    expect(await announceGoLives(bot.deps)).toBe(0);
  });

  it('"golive send" is refused before the date has come', async () => {
    await bot.handle(say('lead', 'set golive 2027-03-01'));
    expect(error(await bot.handle(say('lead', 'golive send')))).toMatchObject({ code: 'golive.not_due', text: 'The go-live date 1 March 2027 has not come yet.' });
    expect(await liveMessages()).toEqual([]);
  });
});
