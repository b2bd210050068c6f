import type { RolloutBot } from '../../src/app';
import type { BotResponse } from '../../src/core/request';
import type { ErrorView, LogView, NoticeView, ScheduleView } from '../../src/core/views';
import { parseDate } from '../../src/domain/date-input';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../../src/domain/working-days';
import { calendarBot } from '../support/calendar-bot';
import { finishPhase, say } from '../support/fixtures';

const error = (r: BotResponse) => r.views.find((v): v is ErrorView => v.kind === 'error');
const notices = (r: BotResponse) => r.views.filter((v): v is NoticeView => v.kind === 'notice').map((n) => n.text);
const schedule = (r: BotResponse) => r.views.find((v): v is ScheduleView => v.kind === 'schedule')!;
const rows = (r: BotResponse) => schedule(r).rows.map((row) => [row.phase.key, row.target ?? '-', row.timing, row.status]);

describe('dates as people type them', () => {
  it('reads full dates, day and month (the next such day) and days or weeks from today', () => {
    const today = '2027-03-16';
    expect(parseDate('2027-03-15', today)).toBe('2027-03-15');
    expect(parseDate('15.3.2027', today)).toBe('2027-03-15');
    expect(parseDate('16.3.', today)).toBe('2027-03-16');
    expect(parseDate('15.3.', today)).toBe('2028-03-15');
    expect(parseDate('1.12.', today)).toBe('2027-12-01');
    expect(parseDate('29.2.', today)).toBe('2028-02-29');
    expect(parseDate('+3d', today)).toBe('2027-03-19');
    expect(parseDate('+2w', today)).toBe('2027-03-30');
    expect(parseDate('+2vk', today)).toBe('2027-03-30');
    expect(parseDate('+2V', today)).toBe('2027-03-30');
    expect(parseDate('+0d', today)).toBe(today);
  });

  it('refuses what is not a calendar date, and needs today for the short and relative forms', () => {
    for (const text of ['31.2.2027', '2027-13-01', '32.1.', '15.3', '+3', '+3x', '-3d', 'huomenna', '0099-01-01', '15.13.']) {
      expect([text, parseDate(text, '2027-03-16')]).toEqual([text, undefined]);
    }
    expect(parseDate('15.3.')).toBeUndefined();
    expect(parseDate('+3d')).toBeUndefined();
    expect(parseDate('15.3.2027')).toBe('2027-03-15');
  });
});

describe('working days counted back and forth', () => {
  it('skip weekends and Finnish public holidays', () => {
    expect(addWorkingDays('2027-06-01', -10)).toBe('2027-05-18'); // over Ascension Day, Thu 6 May is before it
    expect(addWorkingDays('2027-05-07', -1)).toBe('2027-05-05'); // Ascension Day 2027-05-06 is skipped
    expect(addWorkingDays('2026-12-23', 2)).toBe('2026-12-28'); // Christmas Eve, then Christmas and the weekend
    expect(addWorkingDays('2027-03-13', 1)).toBe('2027-03-15'); // from a Saturday
    expect(addWorkingDays('2027-03-15', 0)).toBe('2027-03-15');
  });
});

describe('plan: the schedule from go-live', () => {
  let bot: RolloutBot;
  let at: (day: string) => void;
  beforeEach(async () => {
    ({ bot, at } = calendarBot());
    await bot.handle(say('lead', 'init Kunta'));
    await bot.handle(say('lead', 'role add it @ilmari'));
  });
  afterEach(() => bot.deps.store.close());

  it('without a go-live date says what to do', async () => {
    const view = schedule(await bot.handle(say('lead', 'plan')));
    expect(view.rows.every((r) => r.timing === 'unplanned')).toBe(true);
    expect(view.summary).toBe('No go-live date is set, so the phases cannot be planned. Set it: set golive <date>');
  });

  it('plans each phase back from go-live by the lead times in the playbook, on working days', async () => {
    await bot.handle(say('lead', 'set golive 1.6.2027'));
    const reply = await bot.handle(say('ilmari', 'plan'));
    const view = schedule(reply);
    const targets = view.rows.map((r) => r.target);
    expect(targets[4]).toBe('1 Jun 2027'); // the go-live phase ends on the go-live date
    expect(targets[3]).toBe('18 May 2027'); // 10 working days before it, over Ascension Day
    const iso = (['investigate', 'decide', 'plan', 'implement', 'deploy', 'sustain'] as const).map((_, i) => addWorkingDays('2027-06-01', [-90, -70, -50, -10, 0, 40][i]));
    expect(iso.every(isWorkingDay)).toBe(true);
    expect(workingDaysBetween(iso[2], iso[3])).toBe(40); // implement takes 40 working days
    expect(rows(reply)[0]).toEqual(['investigate', new Date(`${iso[0]}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }), 'on_track', `on track, ${workingDaysBetween('2027-01-11', iso[0])} working days left`]);
    expect(view.fits).toBe(true);
    expect(view.summary).toBe(`Go-live 1 Jun 2027, ${workingDaysBetween('2027-01-11', '2027-06-01')} working days to go. The schedule holds.`);
  });

  it('shows a phase whose target has passed as late, and the schedule as not fitting', async () => {
    await bot.handle(say('lead', 'set golive 1.6.2027'));
    at(addWorkingDays(addWorkingDays('2027-06-01', -90), 3));
    const view = schedule(await bot.handle(say('lead', 'aikataulu', { locale: 'fi' })));
    expect(view.rows[0]).toMatchObject({ timing: 'late', status: 'myöhässä 3 työpäivää', current: true });
    expect(view.rows[1].timing).toBe('on_track');
    expect(view.fits).toBe(false);
    expect(view.summary).toMatch(/^Käyttöönotto 1\.6\.2027: aikataulu ei pidä\./);
  });

  it('counts a phase the rollout moved past as done only when its tasks are; left open after its target, it is late', async () => {
    await bot.handle(say('lead', 'set golive 1.6.2027'));
    const id = (await bot.deps.store.listRollouts('console:local'))[0].id;
    await finishPhase(bot, id, 'investigate');
    await bot.handle(say('lead', 'phase next'));
    await bot.handle(say('lead', 'phase next override the decision is taken in the council next week'));
    at(addWorkingDays(addWorkingDays('2027-06-01', -70), 1)); // the day after Decide's target
    const view = schedule(await bot.handle(say('lead', 'plan')));
    expect(view.rows.slice(0, 3).map((r) => [r.phase.key, r.timing, r.current])).toEqual([
      ['investigate', 'done', false], ['decide', 'late', false], ['plan', 'on_track', true],
    ]);
    expect(view.rows[1].status).toBe('late by 1 working day');
    expect(view.fits).toBe(false);
  });

  it('lets the lead set a phase target; one out of order with the next phase is shown as such, not accepted silently', async () => {
    await bot.handle(say('lead', 'set golive 1.6.2027'));
    const refused = await bot.handle(say('ilmari', 'plan decide 1.3.2027'));
    expect(error(refused)?.code).toBe('auth.lead_only');

    const moved = await bot.handle(say('lead', 'plan decide 1.5.2027'));
    expect(notices(moved)).toEqual(['📅 The target date of phase Decide is now 1 May 2027.']);
    expect(rows(moved)[1]).toEqual(['decide', '1 May 2027', 'out_of_order', 'out of order with the phases around it']);
    expect(schedule(moved).rows[1].manual).toBe(true);
    expect(schedule(moved).fits).toBe(false);

    const back = await bot.handle(say('lead', 'tidsplan Besluta ingen', { locale: 'sv' }));
    expect(notices(back)).toEqual(['📅 Måldatumet för fasen Besluta räknas igen från införandedatumet.']);
    expect(schedule(back).fits).toBe(true);

    const log = (await bot.handle(say('lead', 'log 2'))).views[0] as LogView;
    expect(log.entries.map((e) => e.text)).toEqual([
      'target date of phase Decide planned from go-live again · console',
      'target date of phase Decide: 1 May 2027 · console',
    ]);
  });

  it('keeps the go-live phase on the go-live date and refuses past and malformed dates with the accepted forms', async () => {
    await bot.handle(say('lead', 'set golive 1.6.2027'));
    const anchor = error(await bot.handle(say('lead', 'plan deploy 15.5.2027')))!;
    expect(anchor).toMatchObject({ code: 'plan.golive_phase', text: 'The target date of phase Go live is the go-live date.', hint: 'Change the go-live date: set golive <date>' });
    const bad = error(await bot.handle(say('lead', 'plan decide 31.2.')))!;
    expect(bad.code).toBe('date.invalid');
    expect(bad.hint).toBe('Write the date in one of these forms: 15.3.2027, 15.3., 2027-03-15, +3d, +2w, +2vk, +2v (d = days, w = weeks).');
    expect(error(await bot.handle(say('lead', 'plan decide 1.1.2027')))!.code).toBe('date.past');
    expect(error(await bot.handle(say('lead', 'plan nosuch 1.3.2027')))!.code).toBe('phase.not_found');
    expect((await bot.deps.store.events((await bot.deps.store.listRollouts('console:local'))[0].id, 1))[0].type).toBe('rollout.setting');
    expect(schedule(await bot.handle(say('lead', 'plan'))).rows.every((r) => !r.manual)).toBe(true);
  });
});

describe('due: a task\'s own due date', () => {
  let bot: RolloutBot;
  beforeEach(async () => {
    ({ bot } = calendarBot());
    await bot.handle(say('lead', 'init Kunta'));
    await bot.handle(say('lead', 'role add it @ilmari'));
    await bot.handle(say('lead', 'set golive 1.6.2027'));
  });
  afterEach(() => bot.deps.store.close());

  const task = async (key: string) => (await bot.deps.store.load((await bot.deps.store.listRollouts('console:local'))[0].id))!.tasks[key];

  it('is set by the lead in any date form, kept through done and undo, and removed with none', async () => {
    const set = await bot.handle(say('lead', 'due 1 +2w'));
    expect(notices(set)).toEqual(['📅 1 Scope the transactions to offer: due 25 Jan 2027.']);
    expect(await task('investigate-scope')).toMatchObject({ status: 'open', due: '2027-01-25' });
    await bot.handle(say('lead', 'done 1'));
    await bot.handle(say('lead', 'undo 1'));
    expect((await task('investigate-scope')).due).toBe('2027-01-25');
    const cleared = await bot.handle(say('lead', 'määräpäivä 1 ei', { locale: 'fi' }));
    expect(notices(cleared)[0]).toMatch(/oma määräpäivä poistettu; tehtävä erääntyy vaiheensa tavoitepäivänä \d+\.\d+\.2027\.$/);
    expect((await task('investigate-scope')).due).toBeUndefined();
    const log = (await bot.handle(say('lead', 'log 5'))).views[0] as LogView;
    expect(log.entries[0].text).toMatch(/^Investigate 1 Scope the transactions to offer: own due date removed · console$/);
    expect(log.entries.map((e) => e.text)).toContainEqual(expect.stringMatching(/^Investigate 1 Scope the transactions to offer: due 25 Jan 2027 · console$/));
  });

  it('may be set only by the task\'s role or the lead, on an open task, with a real date', async () => {
    const refused = error(await bot.handle(say('ilmari', 'due 1 15.3.')))!;
    expect(refused.code).toBe('auth.forbidden');
    expect(error(await bot.handle(say('lead', 'due 1 soon')))!).toMatchObject({ code: 'date.invalid', text: '"soon" is not a date.' });
    expect(error(await bot.handle(say('lead', 'due 1 1.1.2027')))!.code).toBe('date.past');
    expect(error(await bot.handle(say('lead', 'due 99 15.3.')))!.code).toBe('task.not_found');
    expect(error(await bot.handle(say('lead', 'due 1')))!.code).toBe('command.usage');
    await bot.handle(say('lead', 'skip 2 not needed here'));
    expect(error(await bot.handle(say('lead', 'due 2 15.3.')))!.code).toBe('task.already_na');
    expect(await task('investigate-scope')).toBeUndefined();
  });
});

describe('lead times as playbook data', () => {
  it('are validated at load: whole working days, at least one', () => {
    const { validatePlaybook } = jest.requireActual<typeof import('../../src/domain/playbook-schema')>('../../src/domain/playbook-schema');
    const shipped = () => JSON.parse(JSON.stringify(jest.requireActual('../../src/playbooks/luvat-ja-valvonta.json')));
    expect(validatePlaybook(shipped(), 'x.json').phases.map((p) => p.leadDays)).toEqual([20, 20, 20, 40, 10, 40]);
    for (const bad of [0, 2.5, '10', -3]) {
      const pb = shipped();
      pb.phases[1].leadDays = bad;
      expect(() => validatePlaybook(pb, 'x.json')).toThrow(/phases\.1\.leadDays/);
    }
  });
});
