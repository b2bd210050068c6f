import type { RolloutBot } from '../../src/app';
import { announceGoLives } from '../../src/comms/delivery';
import type { BotResponse } from '../../src/core/request';
import type { AnnouncementView, ChannelsView, ErrorView, NoticeView } from '../../src/core/views';
import { finishPhase, makeBot, rolloutWithRoleChannels, say } from '../support/fixtures';
import { unmarked } from '../../src/comms/given-values';

let bot: RolloutBot;
let queued = 0;

const first = <T>(r: BotResponse, kind: string) => r.views.find((v) => v.kind === kind) as T;
const error = (r: BotResponse) => first<ErrorView>(r, 'error');
const rolloutId = async () => (await bot.deps.store.listRollouts('console:local'))[0].id;
const outbox = async () => bot.deps.outbox.summary(await rolloutId(), 50);

beforeEach(async () => {
  bot = makeBot();
  queued = 0;
  bot.deps.onQueued = () => (queued += 1);
  await rolloutWithRoleChannels(bot);
});

afterEach(() => bot.deps.store.close());

describe('role channels', () => {
  it('lists the mapping with languages and flags roles without a channel', async () => {
    const view = first<ChannelsView>(await bot.handle(say('ida', 'channels')), 'channels');
    expect(view.roles.find((r) => r.key === 'communications')!.channels).toEqual([{ id: 'console:viestinta', name: 'viestinta', locales: ['fi', 'sv'] }]);
    expect(view.unmapped).toEqual(['Rollout lead', 'IT and integration', 'Change support', 'PTV administrator', 'Management']);
  });

  it('reads a Slack channel mention and "here", and only the lead may map', async () => {
    await bot.handle(say('lead', 'channel it <#C0777|it-tiimi> en', { platform: 'slack' }));
    await bot.handle(say('lead', 'channel management here'));
    const state = await bot.deps.store.load(await rolloutId());
    expect(state!.channels).toEqual(expect.arrayContaining([
      { role: 'it', channel: 'slack:C0777', name: 'it-tiimi', locales: ['en'] },
      { role: 'management', channel: 'console:main', locales: ['en'] },
    ]));
    expect(error(await bot.handle(say('ida', 'channel it #it'))).code).toBe('auth.lead_only');
    expect(error(await bot.handle(say('lead', 'channel it <!channel>'))).code).toBe('channel.invalid');
  });
});

describe('announcements', () => {
  it('asks for missing values instead of rendering blanks, saying how to give them', async () => {
    const r = await bot.handle(say('viestija', 'announce golive-coming'));
    expect(error(r).code).toBe('template.missing');
    expect(error(r).text).toBe('The announcement still needs: organisation, go-live date, contact.');
    expect(error(r).hint).toContain('announce golive-coming organisation=Kotikunta date=2027-03-01');
    expect((await outbox()).draft).toBe(0);
  });

  it('previews every target channel in its languages, then sends exactly what was previewed, once', async () => {
    await bot.handle(say('viestija', 'set organisation Kotikunta'));
    await bot.handle(say('viestija', 'set golive 1.3.2027'));
    const preview = first<AnnouncementView>(await bot.handle(say('viestija', 'announce golive-coming contact="Maija, 040 123"')), 'announcement');
    expect(preview.canSend).toBe(true);
    const byChannel = Object.fromEntries(preview.targets.map((t) => [t.channel.id, t]));
    expect(byChannel['console:viestinta'].locales).toEqual(['fi', 'sv']);
    expect(byChannel['console:viestinta'].text).toMatch(/1\.3\.2027[\s\S]*\n\n———\n[\s\S]*Tillstånd och tillsyn/);
    // The contact is given by a person: marked, so that every platform shows it as plain text.
    expect(unmarked(byChannel['console:kundtjanst'].text)).toContain('Kontaktperson: Maija, 040 123');
    expect(byChannel['console:henkilosto'].text).toContain('Yhteyshenkilö: \uE000Maija, 040 123\uE001');
    expect((await outbox()).draft).toBe(3);

    const send = { name: 'send' as const, rolloutId: preview.rolloutId, batch: preview.batch };
    const refused = await bot.handle(say('ida', '', { text: undefined, action: send }));
    expect(error(refused).code).toBe('auth.comms_only');
    expect(refused.update).toMatchObject({ kind: 'announcement', batch: preview.batch, sent: false, canSend: false });
    const sent = await bot.handle(say('viestija', '', { text: undefined, action: send }));
    expect(first<NoticeView>(sent, 'notice').text).toBe('📣 The announcement is on its way to 3 channels.');
    expect(sent.update).toMatchObject({ kind: 'announcement', sent: true, canSend: false });
    expect(queued).toBe(1);
    const again = await bot.handle(say('viestija', '', { text: undefined, action: send }));
    expect(error(again).code).toBe('announce.sent');
    const summary = await outbox();
    expect(summary).toMatchObject({ draft: 0, pending: 3 });
    expect(summary.recent.map((e) => e.text)).toEqual(expect.arrayContaining(preview.targets.map((t) => t.text)));
  });

  it('prepares a deviation notice from a reason and a new date', async () => {
    const preview = first<AnnouncementView>(
      await bot.handle(say('lead', 'deviation integration tests were delayed changes="go-live moves two weeks" contact=Maija 15.3.2027')),
      'announcement',
    );
    const henkilosto = preview.targets.find((t) => t.channel.id === 'console:henkilosto')!;
    expect(unmarked(henkilosto.text)).toContain('integration tests were delayed');
    expect(henkilosto.text).toContain('15.3.2027');
    expect(preview.unmapped).toContain('IT and integration');
  });

  it('announces a completed phase and the next one to the role channels in the same change', async () => {
    await finishPhase(bot, await rolloutId(), 'investigate');
    const r = await bot.handle(say('lead', 'phase next'));
    const notices = r.views.filter((v): v is NoticeView => v.kind === 'notice').map((v) => v.text);
    expect(notices).toEqual([expect.stringMatching(/Investigate is over/), expect.stringMatching(/announced with 3 messages/)]);
    const entries = (await outbox()).recent;
    expect(entries.filter((e) => e.template === 'investigate-complete').map((e) => e.channel).sort()).toEqual(['console:henkilosto', 'console:kundtjanst']);
    expect(entries.filter((e) => e.template === 'decide-start').map((e) => e.channel)).toEqual(['console:viestinta']);
    expect(entries.every((e) => e.status === 'pending')).toBe(true);
    // One change: the phase move and its three announcements are recorded together, by the lead.
    const events = (await bot.deps.store.events(await rolloutId(), 20)).filter((e) => e.type === 'phase.set' || e.type === 'outbox.add');
    const phaseEvent = events.find((e) => e.type === 'phase.set')!;
    expect(phaseEvent).toMatchObject({ actor: 'console:lead', subject: 'decide', before: { phase: 'investigate' }, after: { phase: 'decide' } });
    const added = events.filter((e) => e.type === 'outbox.add');
    expect(added).toHaveLength(3);
    expect(added.every((e) => e.at === phaseEvent.at && e.id > phaseEvent.id && e.id <= phaseEvent.id + 3)).toBe(true);
  });

  it('ends phase announcements with the contact that was set, and with the lead until one is', async () => {
    await finishPhase(bot, await rolloutId(), 'investigate');
    await bot.handle(say('lead', 'phase next'));
    const byLead = (await outbox()).recent.find((e) => e.template === 'decide-start')!;
    expect(unmarked(byLead.text)).toMatch(/Lisätietoja: lead\n/);
    await bot.handle(say('viestija', 'set contact Maija Meikäläinen, 040 123 4567'));
    await finishPhase(bot, await rolloutId(), 'decide');
    await bot.handle(say('lead', 'phase next'));
    const entries = (await outbox()).recent.filter((e) => e.template === 'decide-complete' || e.template === 'plan-start');
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(unmarked(entry.text)).toMatch(/(Lisätietoja|Mer information): Maija Meikäläinen, 040 123 4567/);
      expect(unmarked(entry.text)).not.toMatch(/: lead\b/);
    }
  });

  it('past open tasks announces only the next phase, and tells the lead that "phase complete" was not sent', async () => {
    const r = await bot.handle(say('lead', 'phase next override board decided'));
    const notices = r.views.filter((v): v is NoticeView => v.kind === 'notice').map((v) => v.text);
    expect(notices).toEqual([
      expect.stringMatching(/with 9 tasks still open/),
      expect.stringMatching(/announced with 1 message /),
      'ℹ️ No "phase complete" message went to the role channels for Investigate, since tasks in it were left open.',
    ]);
    const entries = (await outbox()).recent;
    expect(entries.map((e) => `${e.template}@${e.channel}`)).toEqual(['decide-start@console:viestinta']);
  });

  it('announces go-live to staff and customers on the go-live date, once', async () => {
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(bot.deps.clock.now());
    await bot.handle(say('lead', `set golive ${today}`));
    await bot.handle(say('lead', 'set contact Maija'));
    for (let i = 0; i < 4; i++) await bot.handle(say('lead', 'phase next override on to the go-live phase'));
    expect(await announceGoLives(bot.deps)).toBe(3);
    expect(await announceGoLives(bot.deps)).toBe(0);
    const templates = (await outbox()).recent.filter((e) => e.template?.startsWith('golive-live')).map((e) => `${e.template}@${e.channel}`).sort();
    expect(templates).toEqual(['golive-live-customers@console:kundtjanst', 'golive-live-customers@console:viestinta', 'golive-live-staff@console:henkilosto']);
  });

  it('only the lead or communications may set announcement values', async () => {
    expect(error(await bot.handle(say('ida', 'set contact Ida'))).code).toBe('auth.comms_only');
    expect(error(await bot.handle(say('lead', 'set golive 31.2.2027'))).code).toBe('date.invalid');
  });
});
