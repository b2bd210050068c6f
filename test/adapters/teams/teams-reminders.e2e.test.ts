// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20 (plain Node can); these
// tests run without credentials and never download signing keys.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline: no signing keys')) }));

import { queueDailyReminders } from '../../../src/comms/daily-reminders';
import { createOutboxWorker } from '../../../src/comms/delivery';
import type { OutboxWorker } from '../../../src/comms/outbox-worker';
import { CHANNEL, IIRO, LEENA, TEAM, TENANT, cardAction, channelMessage, personalMessage, type Person } from './support/activities';
import { startTeamsHarness, type TeamsHarness } from './support/teams-harness';
import { ofType, texts } from './support/views';

const workspace = `teams:${TENANT}:${TEAM}`;
const leenaChat = `a:1${LEENA.id.slice(4)}-personal`;
let h: TeamsHarness;
let worker: OutboxWorker;

async function say(p: Person, text: string, extra: { mentions?: Person[]; locale?: string } = {}): Promise<void> {
  expect((await h.post(channelMessage(p, text, { serviceUrl: h.connector.url, channel: CHANNEL, ...extra }))).status).toBe(200);
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  h = await startTeamsHarness({});
  // Tuesday 16 March 2027, 09:00 in Helsinki, moving on with real time: a working day whatever day the tests run.
  const start = Date.now();
  h.bot.deps.clock = { now: () => new Date(Date.parse('2027-03-16T07:00:00Z') + (Date.now() - start)) };
  h.server.senders.find((s) => s.platform === 'teams')!.minIntervalMs = 20;
  worker = createOutboxWorker(h.bot.deps, h.server.senders, { baseDelayMs: 50, maxDelayMs: 200 });
  h.bot.deps.onQueued = () => worker.wake();
  await worker.start();
  await say(LEENA, 'init Kotikunta');
  await say(LEENA, 'role add it <at>Iiro IT</at>', { mentions: [IIRO] });
  await say(LEENA, 'due 1 +1d');
  await say(LEENA, 'due 2.1 +2d');
  // Leena has a personal chat with the bot; Iiro has never opened one.
  expect((await h.post(personalMessage(LEENA, 'lang en', { serviceUrl: h.connector.url }))).status).toBe(200);
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

const isDone = (a: Record<string, unknown>) => JSON.parse(String((a.data as { action?: string } | undefined)?.action ?? '{}')).name === 'done';
const rolloutId = async () => (await h.bot.deps.store.listRollouts(workspace))[0].id;
const reminderCard = () => {
  const post = h.connector.to(leenaChat).find((c) => c.operation === 'sendToConversation');
  return post ? (post.body as { attachments: Array<{ content: unknown }> }).attachments[0].content : undefined;
};

it('a reminder goes into the person\'s personal chat as a card with a Done button; one without a personal chat fails without a retry', async () => {
  expect(await queueDailyReminders(h.bot.deps, ['teams'])).toBe(2);
  await until('the reminder reached Leena', () => reminderCard() !== undefined);
  const card = reminderCard();
  expect(texts(card).join(' ')).toContain('Reminder: one of your tasks is due soon or overdue');
  expect(texts(card).join(' ')).toContain('due 17 Mar 2027');
  const done = ofType(card, 'Action.Execute').filter(isDone);
  expect(done).toHaveLength(1);
  await until('Iiro\'s reminder is settled', async () => (await h.bot.deps.outbox.summary(await rolloutId(), 50)).recent.some((e) => e.channel === `teams:${IIRO.id}` && e.status === 'failed'));
  const iiro = (await h.bot.deps.outbox.summary(await rolloutId(), 50)).recent.find((e) => e.channel === `teams:${IIRO.id}`)!;
  expect(iiro).toMatchObject({ attempts: 1, lastError: `teams:${IIRO.id} has no personal chat with the bot yet: no reminder.` });
  expect(h.connector.calls.filter((c) => c.operation === 'sendToConversation' && c.conversationId !== leenaChat && String(c.conversationId).includes('personal'))).toEqual([]);
});

it('the Done button in the personal chat checks the task of the team\'s rollout off', async () => {
  const done = ofType(reminderCard(), 'Action.Execute').find(isDone)!;
  // The same button from a personal chat in another tenant reaches nothing.
  const elsewhere = cardAction(LEENA, done.data as Record<string, unknown>, { serviceUrl: h.connector.url, personal: true });
  const other = '0a0a0a0a-1d2b-4c6a-9e7f-0a1b2c3d4e5f';
  Object.assign(elsewhere, { channelData: { ...(elsewhere.channelData as object), tenant: { id: other } }, conversation: { ...(elsewhere.conversation as object), tenantId: other } });
  expect(JSON.stringify((await h.post(elsewhere)).body)).toContain('This message is out of date.');
  expect((await h.bot.deps.store.load(await rolloutId()))!.tasks['investigate-scope'].status).toBe('open');

  const res = await h.post(cardAction(LEENA, done.data as Record<string, unknown>, { serviceUrl: h.connector.url, personal: true }));
  expect(res.status).toBe(200);
  expect(JSON.stringify(res.body)).toContain('Scope the transactions to offer');
  const state = await h.bot.deps.store.load(await rolloutId());
  expect(state!.tasks['investigate-scope']).toMatchObject({ status: 'done', updatedBy: `teams:${LEENA.id}` });
});
