import { queueDailyReminders } from '../../../src/comms/daily-reminders';
import { createOutboxWorker } from '../../../src/comms/delivery';
import type { OutboxWorker } from '../../../src/comms/outbox-worker';
import { ANNA, SlackHarness, buttonsOf, visibleText, type SentMessage } from './slack-harness';

const VILLE = 'U0VILLE01';

describe('Slack adapter end to end: daily reminders', () => {
  let h: SlackHarness;
  let worker: OutboxWorker;

  beforeAll(async () => {
    h = await SlackHarness.start();
    h.fake.users.set(VILLE, { locale: 'fi-FI', name: 'Ville' });
    // Tuesday 16 March 2027, 09:00 in Helsinki, moving on with real time: a working day whatever day the tests run.
    const start = Date.now();
    h.bot.deps.clock = { now: () => new Date(Date.parse('2027-03-16T07:00:00Z') + (Date.now() - start)) };
    worker = createOutboxWorker(h.bot.deps, h.server.senders.map((s) => ({ ...s, minIntervalMs: 100 })), { baseDelayMs: 50, maxDelayMs: 200 });
    h.bot.deps.onQueued = () => worker.wake();
    await worker.start();
    await h.ask('init Kotikunta');
    await h.ask(`role add it <@${VILLE}|ville>`);
    await h.ask('due 1 +1d'); // the lead's task
    await h.ask('due 2.1 18.3.2027'); // IT's: Ville
    await h.ask('due 3 +2w'); // not yet
    await h.ask(`lang fi`, { user: VILLE });
  });
  afterAll(async () => {
    await worker.stop();
    await h.close();
  });

  const dm = async (user: string): Promise<SentMessage> => {
    const channel = `D${user.slice(1)}`;
    await h.fake.until(() => h.calls('chat.postMessage').some((c) => c.body.channel === channel), 8000, () => `a reminder in ${channel}`);
    return h.calls('chat.postMessage').find((c) => c.body.channel === channel)!.body as SentMessage;
  };

  it('sends each person one direct message through conversations.open, with a Done button per task, in their language', async () => {
    expect(await queueDailyReminders(h.bot.deps, ['slack'])).toBe(2);
    expect(await queueDailyReminders(h.bot.deps, ['slack'])).toBe(2); // a second run queues nothing new
    const anna = await dm(ANNA);
    const ville = await dm(VILLE);
    expect(h.calls('conversations.open').map((c) => c.body.users).sort()).toEqual([ANNA, VILLE]);
    expect(visibleText(anna)).toContain('Reminder: one of your tasks is due soon or overdue');
    expect(visibleText(anna)).toContain('due 17 Mar 2027');
    expect(visibleText(ville)).toContain('Muistutus: yksi tehtäväsi erääntyy pian tai on myöhässä');
    expect(visibleText(ville)).toContain('määräpäivä 18.3.2027');
    expect(buttonsOf(anna).filter((b) => b.action.name === 'done').map((b) => b.action.task)).toEqual(['investigate-scope']);
    expect(buttonsOf(ville).filter((b) => b.action.name === 'done').map((b) => b.action.task)).toEqual(['investigate-conn-compare']);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.calls('chat.postMessage').filter((c) => String(c.body.channel).startsWith('D'))).toHaveLength(2);
  });

  it('the Done button in the reminder checks the task off', async () => {
    const anna = await dm(ANNA);
    const done = buttonsOf(anna).find((b) => b.action.name === 'done')!;
    const click = await h.click(anna, done, { user: ANNA });
    expect(click.reply.status).toBe(200);
    await h.fake.until(() => h.fake.of('response_url', click.target).length > 0, 5000);
    expect(visibleText(h.fake.of('response_url', click.target)[0].body as SentMessage)).toContain('Scope the transactions to offer');
    expect((await h.state())!.tasks['investigate-scope']).toMatchObject({ status: 'done', updatedBy: `slack:${ANNA}` });
  });
});
