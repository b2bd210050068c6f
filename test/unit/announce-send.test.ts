import type { RolloutBot } from '../../src/app';
import { unmarked } from '../../src/comms/given-values';
import type { BotResponse } from '../../src/core/request';
import type { AnnouncementView, ErrorView, NoticeView } from '../../src/core/views';
import { makeBot, rolloutWithRoleChannels, say } from '../support/fixtures';

let bot: RolloutBot;
const first = <T>(r: BotResponse, kind: string) => r.views.find((v) => v.kind === kind) as T;
const error = (r: BotResponse) => first<ErrorView>(r, 'error');
const notices = (r: BotResponse) => r.views.filter((v): v is NoticeView => v.kind === 'notice').map((n) => n.text);
const rolloutId = async () => (await bot.deps.store.listRollouts('console:local'))[0].id;
const outbox = async () => bot.deps.outbox.summary(await rolloutId(), 50);
const events = async () => bot.deps.store.events(await rolloutId(), 1000);

beforeEach(async () => {
  bot = makeBot();
  await rolloutWithRoleChannels(bot);
  await bot.handle(say('lead', 'set organisation Kotikunta'));
  await bot.handle(say('lead', 'set golive 1.3.2027'));
});
afterEach(() => bot.deps.store.close());

describe('announce send', () => {
  it('with nothing previewed says so and how to preview, sending nothing', async () => {
    const r = await bot.handle(say('lead', 'announce send'));
    expect(error(r)).toMatchObject({ code: 'announce.nothing', text: 'You have no announcement preview waiting to be sent.' });
    expect(error(r).hint).toContain('announce <template>');
    expect(await outbox()).toMatchObject({ draft: 0, pending: 0 });
  });

  it('lets only those who may send preview, so no one else can plant a draft', async () => {
    const before = await events();
    const r = await bot.handle(say('ida', 'announce golive-coming organisation="FAKE NOTICE" contact="CALL 0700-EVIL"'));
    expect(error(r).code).toBe('auth.comms_only');
    expect(r.views.some((v) => v.kind === 'announcement')).toBe(false);
    expect((await outbox()).draft).toBe(0);
    expect(error(await bot.handle(say('ida', 'deviation we are late'))).code).toBe('auth.comms_only');
    expect((await outbox()).draft).toBe(0);
    expect(await events()).toEqual(before);
  });

  it("sends only the asker's own preview and names it and its channels", async () => {
    await bot.handle(say('viestija', 'announce golive-coming contact="Viestijä, 040 1"'));
    const lead = await bot.handle(say('lead', 'announce send'));
    expect(error(lead).code).toBe('announce.nothing');
    expect(await outbox()).toMatchObject({ draft: 3, pending: 0 });

    const own = await bot.handle(say('viestija', 'announce send'));
    expect(notices(own)[0]).toBe('📣 Your preview "Go-live is coming (Go live)" is on its way to 3 channels: #viestinta, #kundtjanst, #henkilosto.');
    expect(await outbox()).toMatchObject({ draft: 0, pending: 3 });
    expect((await outbox()).recent.every((e) => e.text.includes('Viestijä, 040 1'))).toBe(true);
  });

  it('asks which one when the asker has previews of several announcements, and sends the one named', async () => {
    await bot.handle(say('lead', 'announce golive-coming contact=Maija'));
    await bot.handle(say('lead', 'deviation tests slipped contact=Maija'));
    const asked = await bot.handle(say('lead', 'announce send'));
    expect(error(asked)).toMatchObject({ code: 'announce.which' });
    expect(error(asked).text).toContain('golive-coming (Go-live is coming (Go live))');
    expect(error(asked).text).toContain('deviation (');
    expect(error(asked).hint).toBe('Say which one to send: announce send <template>');
    expect((await outbox()).pending).toBe(0);

    const sent = await bot.handle(say('lead', 'announce send deviation'));
    expect(notices(sent)[0]).toMatch(/^📣 Your preview "Deviation from the plan" is on its way to 3 channels/);
    const pending = (await outbox()).recent.filter((e) => e.status === 'pending');
    expect(pending.map((e) => e.template)).toEqual(['deviation', 'deviation', 'deviation']);
  });

  it('the Send button sends exactly the preview it was shown with, not a newer one', async () => {
    const older = first<AnnouncementView>(await bot.handle(say('lead', 'announce golive-coming contact=First')), 'announcement');
    await bot.handle(say('lead', 'announce golive-coming contact=Second'));
    const action = { name: 'send' as const, rolloutId: older.rolloutId, batch: older.batch };
    await bot.handle(say('lead', '', { text: undefined, action }));
    const entries = (await outbox()).recent;
    expect(entries.filter((e) => e.status === 'pending').every((e) => e.text.includes('First'))).toBe(true);
    expect(entries.filter((e) => e.status === 'draft').every((e) => e.text.includes('Second'))).toBe(true);
  });
});

describe('a deviation with a new date', () => {
  it('works as documented, in both date formats, with a hint that is the real command', async () => {
    const missing = await bot.handle(say('lead', 'deviation Testaus viivästyy 15.3.2027'));
    expect(error(missing)).toMatchObject({ code: 'template.missing', text: 'The announcement still needs: contact.' });
    expect(error(missing).hint).toBe('Give them like this: deviation Testaus viivästyy 15.3.2027 contact="Maija Meikäläinen, +358 40 123 4567"');

    const followed = first<AnnouncementView>(await bot.handle(say('lead', 'deviation Testaus viivästyy 15.3.2027 contact="Maija Meikäläinen, +358 40 123 4567"')), 'announcement');
    const staff = unmarked(followed.targets.find((t) => t.channel.id === 'console:henkilosto')!.text);
    expect(staff).toContain('Syy: Testaus viivästyy\n');
    expect(staff).toContain('Uusi päivämäärä: 15.3.2027');

    await bot.handle(say('lead', 'set contact Maija'));
    const iso = first<AnnouncementView>(await bot.handle(say('lead', 'deviation Testaus viivästyy 2027-03-16')), 'announcement');
    expect(unmarked(iso.targets.find((t) => t.channel.id === 'console:henkilosto')!.text)).toContain('Uusi päivämäärä: 16.3.2027');
  });

  it('moves the go-live date when the notice is sent, in one audit event', async () => {
    await bot.handle(say('lead', 'set contact Maija'));
    await bot.handle(say('lead', 'deviation Testaus viivästyy 15.3.2027'));
    const before = (await events()).length;
    const sent = await bot.handle(say('lead', 'announce send'));
    expect(notices(sent)).toContain('📅 The go-live date is now 15 March 2027.');
    const state = await bot.deps.store.load(await rolloutId());
    expect(state!.rollout.settings.golive).toBe('2027-03-15');
    const added = (await events()).slice(0, (await events()).length - before);
    expect(added.filter((e) => e.type === 'rollout.setting')).toEqual([
      expect.objectContaining({ subject: 'golive', before: { value: '2027-03-01' }, after: { value: '2027-03-15' }, actor: 'console:lead' }),
    ]);
  });

  it('refuses a new date or a go-live date in the past', async () => {
    await bot.handle(say('lead', 'set contact Maija'));
    expect(error(await bot.handle(say('lead', 'deviation late 1.1.2026')))).toMatchObject({ code: 'date.past', text: '1 January 2026 is in the past.' });
    expect(error(await bot.handle(say('lead', 'announce deviation reason=late new_date=2026-01-02')))).toMatchObject({ code: 'date.past' });
    const past = await bot.handle(say('lead', 'set golive 2026-11-01'));
    expect(error(past)).toMatchObject({ code: 'date.past' });
    expect(error(past).hint).toContain('later');
    expect((await bot.deps.store.load(await rolloutId()))!.rollout.settings.golive).toBe('2027-03-01');
    expect((await outbox()).draft).toBe(0);
  });
});
