import type { RolloutBot } from '../../src/app';
import { ConsoleSender } from '../../adapters/console/console-sender';
import { queueDailyReminders, reminderViews, scheduleReminders } from '../../src/comms/daily-reminders';
import type { LogView, ReminderView } from '../../src/core/views';
import type { OutboxEntry } from '../../src/ports/outbox.port';
import { calendarBot } from '../support/calendar-bot';
import { say } from '../support/fixtures';

/** Every day from `from` to `to` (YYYY-MM-DD), both included. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

describe('daily reminders over four weeks around Easter', () => {
  let bot: RolloutBot;
  let at: (day: string) => void;
  let rolloutId: string;
  const reminders = async (): Promise<OutboxEntry[]> => (await bot.deps.outbox.summary(rolloutId, 10_000)).recent.filter((e) => e.kind === 'reminder').reverse();

  beforeEach(async () => {
    ({ bot, at } = calendarBot());
    at('2027-03-12');
    await bot.handle(say('lead', 'init Kunta'));
    rolloutId = (await bot.deps.store.listRollouts('console:local'))[0].id;
    await bot.handle(say('lead', 'role add it @ilmari'));
    await bot.handle(say('lead', 'role add communications @kaisa'));
    await bot.handle(say('kaisa', 'lang sv'));
    await bot.handle(say('lead', 'assign 1 @ilmari'));
    await bot.handle(say('lead', 'due 1 19.3.2027')); // Friday
    await bot.handle(say('lead', 'due 2.1 31.3.2027')); // IT's task: Ilmari
    await bot.handle(say('lead', 'assign 4.2 @kaisa'));
    await bot.handle(say('lead', 'due 4.2 6.4.2027'));
  });
  afterEach(() => bot.deps.store.close());

  it('go to each person once on working days only, skip weekends and Easter, escalate to the lead, stop when done', async () => {
    const sent: Record<string, string[]> = {};
    for (const day of days('2027-03-15', '2027-04-09')) {
      at(day);
      const before = (await reminders()).length;
      await queueDailyReminders(bot.deps, ['console']);
      await queueDailyReminders(bot.deps, ['console']); // a restart, or a second instance: nothing twice
      const today = (await reminders()).slice(before);
      if (today.length > 0) sent[day] = today.map((e) => e.channel.replace('console:', '')).sort();
      if (day === '2027-04-01') await bot.handle(say('lead', 'done 1'));
    }
    expect(sent).toEqual({
      '2027-03-16': ['ilmari'], '2027-03-17': ['ilmari'], '2027-03-18': ['ilmari'], '2027-03-19': ['ilmari'],
      '2027-03-22': ['ilmari'], '2027-03-23': ['ilmari'], '2027-03-24': ['ilmari'], '2027-03-25': ['ilmari'],
      // Good Friday, the weekend and Easter Monday: nothing.
      '2027-03-30': ['ilmari'],
      '2027-03-31': ['ilmari', 'lead'],
      '2027-04-01': ['ilmari', 'kaisa', 'lead'],
      // The lead checked 1 off on 1 April: no more escalation of it.
      '2027-04-02': ['ilmari', 'kaisa'], '2027-04-05': ['ilmari', 'kaisa'], '2027-04-06': ['ilmari', 'kaisa'],
      '2027-04-07': ['ilmari', 'kaisa'],
      // 2.1 was due on 31 March: more than five working days later it is escalated to the lead.
      '2027-04-08': ['ilmari', 'kaisa', 'lead'], '2027-04-09': ['ilmari', 'kaisa', 'lead'],
    });
    const all = await reminders();
    expect(new Set(all.map((e) => e.idempotencyKey)).size).toBe(all.length);
  });

  it('list the tasks with their rollout and due date in the person\'s language, and the escalation with who has the task', async () => {
    at('2027-04-01');
    await queueDailyReminders(bot.deps, ['console']);
    const by = Object.fromEntries((await reminders()).map((e) => [e.channel.replace('console:', ''), e]));
    expect(by.ilmari.text.replace(/[\uE000\uE001]/g, '')).toBe([
      '⏰ Reminder: 2 of your tasks are due soon or overdue:',
      '',
      'Kunta',
      '• Investigate 1 Scope the transactions to offer: overdue by 7 working days (due 19 Mar 2027)',
      `• Investigate 2.1 ${by.ilmari.text.match(/2\.1 ([^:]+):/)![1]}: overdue by 1 working day (due 31 Mar 2027)`,
      '',
      'Check a task off in the rollout\'s channel: done <task> [<task> ...] [-- note]',
      'Snooze a task\'s reminders: snooze <task> <days> · Reminders off or on: remind [off|on]',
    ].join('\n'));
    expect(by.kaisa.locales).toEqual(['sv']);
    expect(by.kaisa.text).toMatch(/^⏰ Påminnelse: en av dina uppgifter ska snart vara klar eller är försenad:/);
    expect(by.kaisa.text).toContain('slutdatum 6.4.2027');
    expect(by.lead.text).toMatch(/^⚠️ Overdue by more than 5 working days in .*Kunta.*, which you lead:\n• Investigate 1 Scope the transactions to offer: overdue by 7 working days \(due 19 Mar 2027\) \(ilmari\)/);
  });

  it('are built at delivery as views with Done buttons, leaving out what was checked off since; nothing left, nothing sent', async () => {
    at('2027-04-01');
    await queueDailyReminders(bot.deps, ['console']);
    const entry = (await reminders()).find((e) => e.channel === 'console:lead')!;
    const built = (await reminderViews(bot.deps, entry))!;
    expect(built.locale).toBe('en');
    const view = built.views[0] as ReminderView;
    expect(view.heading).toBe('⏰ Reminder for the rollout lead');
    expect(view.groups.map((g) => [g.escalated, g.tasks.map((t) => [t.ref, t.due?.text, t.canChange, t.assignee?.id])])).toEqual([
      [true, [['1', 'overdue, was due 19 Mar 2027', true, 'console:ilmari']]],
    ]);
    const ilmari = (await reminderViews(bot.deps, (await reminders()).find((e) => e.channel === 'console:ilmari')!))!.views[0] as ReminderView;
    expect(ilmari.groups[0].tasks.map((t) => [t.ref, t.canChange])).toEqual([['1', false], ['2.1', true]]);
    await bot.handle(say('lead', 'done 1'));
    expect(await reminderViews(bot.deps, entry)).toBeUndefined();
    await bot.handle(say('kaisa', 'remind off'));
    expect(await reminderViews(bot.deps, (await reminders()).find((e) => e.channel === 'console:kaisa')!)).toBeUndefined();
  });

  it('send nothing on a weekend and only to people on platforms that take direct messages', async () => {
    at('2027-03-20');
    expect(await queueDailyReminders(bot.deps, ['console'])).toBe(0);
    at('2027-03-19');
    expect(await queueDailyReminders(bot.deps, ['slack'])).toBe(0);
    expect(await reminders()).toEqual([]);
  });
});

describe('remind off|on and snooze', () => {
  let bot: RolloutBot;
  let at: (day: string) => void;
  beforeEach(async () => {
    ({ bot, at } = calendarBot());
    at('2027-03-12');
    await bot.handle(say('lead', 'init Kunta'));
    await bot.handle(say('lead', 'role add it @ilmari'));
    await bot.handle(say('lead', 'due 2.1 16.3.2027'));
    await bot.handle(say('lead', 'due 2.2 16.3.2027'));
  });
  afterEach(() => bot.deps.store.close());

  /** Who is reminded of which task numbers on a day: `['console:ilmari 2.1']`. */
  const remindedOn = async (day: string): Promise<string[]> => {
    at(day);
    await queueDailyReminders(bot.deps, ['console']);
    const id = (await bot.deps.store.listRollouts('console:local'))[0].id;
    const entries = (await bot.deps.outbox.summary(id, 100)).recent.filter((e) => e.kind === 'reminder' && e.idempotencyKey.endsWith(day));
    return entries.map((e) => `${e.channel} ${[...e.text.matchAll(/^• \S+ (\d+(?:\.\d+)*) /gm)].map((m) => m[1]).join(' ')}`).sort();
  };
  const text = async (user: string, line: string, locale: 'en' | 'fi' = 'en') => {
    const reply = await bot.handle(say(user, line, { locale }));
    return reply.views.map((v) => ('text' in v ? v.text : v.kind)).join(' | ');
  };

  it('remind off stops a person\'s reminders until remind on, and remind says which holds', async () => {
    expect(await remindedOn('2027-03-15')).toEqual(['console:ilmari 2.1', 'console:lead 2.2']);
    expect(await text('ilmari', 'remind')).toMatch(/^⏰ You get a reminder each working day/);
    expect(await text('ilmari', 'muistuta pois', 'fi')).toBe('🔕 Et saa enää päivittäisiä muistutuksia. Ota ne takaisin: muistuta päälle');
    expect(await text('ilmari', 'remind')).toBe('🔕 Your daily reminders are off. Turn them on: remind on');
    expect(await remindedOn('2027-03-16')).toEqual(['console:lead 2.2']);
    expect(await text('ilmari', 'remind on')).toMatch(/^⏰ You get a reminder again/);
    expect(await remindedOn('2027-03-17')).toEqual(['console:ilmari 2.1', 'console:lead 2.2']);
    expect(await text('ilmari', 'remind maybe')).toMatch(/"maybe"/);
  });

  it('snooze keeps one task out of the reminders for that many days, today included; 0 ends it', async () => {
    at('2027-03-15');
    expect(await text('lead', 'snooze 2.2 2')).toBe('💤 2.2 Weigh the cost of each connection method: no reminders until 16 Mar 2027, that day included.');
    expect(await remindedOn('2027-03-15')).toEqual(['console:ilmari 2.1']);
    expect(await remindedOn('2027-03-16')).toEqual(['console:ilmari 2.1']);
    expect(await remindedOn('2027-03-17')).toEqual(['console:ilmari 2.1', 'console:lead 2.2']);
    expect(await text('ilmari', 'snooze 2.1 5')).toMatch(/^💤 2\.1 .*: no reminders until 21 Mar 2027, that day included\.$/);
    expect(await text('ilmari', 'snooze 2.1 0')).toMatch(/^⏰ 2\.1 .*: reminders go on again\.$/);
    expect(await remindedOn('2027-03-18')).toEqual(['console:ilmari 2.1', 'console:lead 2.2']);
    expect(await text('ilmari', 'snooze 2.2 3')).toBe('You cannot change 2.2 Weigh the cost of each connection method: only Rollout lead may.');
    expect(await text('ilmari', 'snooze 2.1 many')).toBe('"many" is not a number of days.');
    expect(await text('ilmari', 'snooze 2.1 61')).toBe('"61" is not a number of days.');
    const log = (await bot.handle(say('lead', 'log 50'))).views[0] as LogView;
    expect(log.entries.map((e) => e.text.replace(/^Investigate (2\.\d) [^:]+/, '$1')).filter((t) => /snooze|reminder/.test(t))).toEqual([
      'daily reminder queued for lead · by the bot itself', // 18 March
      'daily reminder queued for ilmari · by the bot itself',
      '2.1: snooze ended · console',
      '2.1: reminders snoozed until 21 Mar 2027 · console',
      'daily reminder queued for lead · by the bot itself', // 17 March
      'daily reminder queued for ilmari · by the bot itself',
      'daily reminder queued for ilmari · by the bot itself', // 16 March
      'daily reminder queued for ilmari · by the bot itself', // 15 March
      '2.2: reminders snoozed until 16 Mar 2027 · console',
    ]);
  });
});

describe('the reminder schedule', () => {
  let bot: RolloutBot;
  let at: (day: string) => void;
  beforeEach(async () => {
    ({ bot, at } = calendarBot());
    at('2027-03-12');
    await bot.handle(say('lead', 'init Kunta'));
    await bot.handle(say('lead', 'due 1 16.3.2027'));
  });
  afterEach(() => bot.deps.store.close());

  const queued = async () => (await bot.deps.outbox.summary((await bot.deps.store.listRollouts('console:local'))[0].id, 100)).recent.filter((e) => e.kind === 'reminder');
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('sends the day\'s missed reminders once at start when their time has passed, and none before it', async () => {
    at('2027-03-15'); // 09:00 in Helsinki
    const early = scheduleReminders(bot.deps, { time: '09:30', platforms: ['console'] });
    await settle();
    early.stop();
    expect(await queued()).toEqual([]);
    const late = scheduleReminders(bot.deps, { time: '08:45', platforms: ['console'] });
    const again = scheduleReminders(bot.deps, { time: '08:45', platforms: ['console'] });
    await settle();
    late.stop();
    again.stop();
    // 15 March 2027 is a Monday: the lead's weekly digest goes out with the reminder, once.
    expect((await queued()).map((e) => `${e.template ?? 'reminder'} ${e.channel}`).sort()).toEqual(['reminder console:lead', 'weekly-digest console:lead']);
  });

  it('are printed in the console as a message to the person', async () => {
    const output: string[] = [];
    const sender = new ConsoleSender({ write: (text: string) => output.push(text) });
    expect(sender.directMessages).toBe(true);
    await sender.post({ channel: 'console:ilmari', workspace: 'console:local', text: '⏰ Reminder', idempotencyKey: 'k', kind: 'reminder' });
    expect(output.join('')).toBe('✉ @ilmari\n⏰ Reminder\n\n');
  });
});
