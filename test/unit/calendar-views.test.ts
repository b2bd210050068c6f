import { renderText } from '../../adapters/console/render-text';
import { renderMessage } from '../../adapters/slack/render-block-kit';
import { renderHome } from '../../adapters/slack/render-home';
import { renderCard } from '../../adapters/teams/render-adaptive-card';
import type { RolloutBot } from '../../src/app';
import type { BotResponse } from '../../src/core/request';
import type { ChecklistView, NextView } from '../../src/core/views';
import { addWorkingDays } from '../../src/domain/working-days';
import { calendarBot } from '../support/calendar-bot';
import { say } from '../support/fixtures';

const nextOf = (r: BotResponse) => r.views.find((v): v is NextView => v.kind === 'next')!;
const checklistOf = (r: BotResponse) => r.views.find((v): v is ChecklistView => v.kind === 'checklist')!;

describe('due dates in next, status, App Home and the cards', () => {
  let bot: RolloutBot;
  let at: (day: string) => void;
  const target = addWorkingDays('2027-09-01', -90); // Investigate ends 90 working days before go-live
  beforeEach(async () => {
    ({ bot, at } = calendarBot());
    await bot.handle(say('lead', 'init Kunta'));
    await bot.handle(say('lead', 'role add it @ilmari'));
    await bot.handle(say('lead', 'set golive 1.9.2027'));
    await bot.handle(say('lead', 'due 3 +1d')); // 12 Jan
    await bot.handle(say('lead', 'due 5 +2d')); // 13 Jan; task 5 waits for tasks 2 and 4
    await bot.handle(say('lead', 'due 4.1 +20d')); // 31 Jan
    at('2027-01-14');
  });
  afterEach(() => bot.deps.store.close());

  it('next lists overdue tasks first, the longest overdue first, also one that waits for other tasks', async () => {
    expect(target > '2027-01-14').toBe(true);
    const next = nextOf(await bot.handle(say('lead', 'next')));
    expect(next.tasks[0].due).toEqual({ date: '12 Jan 2027', overdue: true, text: 'overdue, was due 12 Jan 2027' });
    expect(next.tasks[2].due).toBeUndefined(); // due with its phase, which the heading says
    expect(next.target).toMatchObject({ overdue: false, text: expect.stringMatching(/^target \d+ \w+ 2027$/) });
    expect(next.tasks.map((t) => t.ref)).toEqual(['3', '5', '1', '2.1', '2.2']);
    expect(next.more).toBe(4); // nine open tasks in the phase
  });

  it('without overdue tasks next keeps the playbook order', async () => {
    at('2027-01-11');
    const next = nextOf(await bot.handle(say('lead', 'next')));
    expect(next.tasks.map((t) => t.ref)[0]).toBe('1');
    expect(next.tasks.every((t) => !t.due?.overdue)).toBe(true);
  });

  it('status shows the phase target once and the dates of tasks that differ or are overdue', async () => {
    const list = checklistOf(await bot.handle(say('lead', 'status')));
    const due = Object.fromEntries(list.tasks.filter((t) => t.due).map((t) => [t.ref, t.due!.text]));
    expect(due).toEqual({ '3': 'overdue, was due 12 Jan 2027', '5': 'overdue, was due 13 Jan 2027', '4.1': 'due 31 Jan 2027' });
    expect(list.target?.overdue).toBe(false);
    await bot.handle(say('lead', 'done 3'));
    expect(checklistOf(await bot.handle(say('lead', 'status'))).tasks.find((t) => t.ref === '3')!.due).toBeUndefined();
  });

  it('a passed phase target makes every open task of the phase overdue', async () => {
    at(addWorkingDays(target, 2));
    const fi = checklistOf(await bot.handle(say('lead', 'tila', { locale: 'fi' })));
    expect(fi.target).toMatchObject({ overdue: true, text: expect.stringMatching(/^tavoitepäivä \d+\.\d+\.2027 on ohitettu$/) });
    expect(fi.tasks.filter((t) => t.status === 'open').every((t) => t.due?.overdue)).toBe(true);
  });

  it('are rendered in the console, Slack (messages and App Home) and Teams', async () => {
    const t = bot.t('en');
    const reply = await bot.handle(say('lead', 'next'));
    const console = renderText(t, nextOf(reply));
    expect(console).toContain('3 ');
    expect(console).toMatch(/^Next steps.* · target \d+ \w+ 2027$/m);
    expect(console).toContain('⚠ overdue, was due 12 Jan 2027');
    const slack = JSON.stringify(renderMessage(reply.views, t).blocks);
    expect(slack).toContain(':warning: *overdue, was due 12 Jan 2027*');
    expect(slack).toContain(':calendar: target ');
    const teams = JSON.stringify(renderCard(reply.views, t));
    expect(teams).toContain('⚠️ overdue, was due 12 Jan 2027');
    const status = await bot.handle(say('lead', 'status'));
    expect(JSON.stringify(renderCard(status.views, t))).toContain('due 31 Jan 2027');
    expect(JSON.stringify(renderMessage(status.views, t).blocks)).toContain('due 31 Jan 2027');

    const home = await bot.home({ platform: 'console', workspace: 'console:local', channel: 'console:main', user: 'console:lead', locale: 'en' });
    const mine = home.views.find((v): v is NextView => v.kind === 'next')!;
    expect(mine.tasks[0]).toMatchObject({ ref: '3', due: { overdue: true } });
    expect(JSON.stringify(renderHome(home.views, t))).toContain('overdue, was due 12 Jan 2027');
  });
});
