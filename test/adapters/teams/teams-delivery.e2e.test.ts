// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20 (plain Node can); these
// tests run without credentials and never download signing keys.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline: no signing keys')) }));

import { createOutboxWorker } from '../../../src/comms/delivery';
import type { OutboxWorker } from '../../../src/comms/outbox-worker';
import { CHANNEL, LEENA, TEAM, TENANT, channelMessage } from './support/activities';
import { startTeamsHarness, type TeamsHarness } from './support/teams-harness';

/**
 * Issue #14 item 3: what Teams delivery guarantees. The Bot Connector answers a post with the
 * new activity's id, but the bot cannot ask Teams afterwards whether an activity of its own got
 * through. So when the connector took a post and its answer was lost (a reset connection, a
 * timeout, a 5xx after accepting), the outbox sends it again: at least once. This test counts
 * exactly that: one duplicate per lost answer, none when the post never got through, none lost.
 */
const LOST_AFTER = ['19:aa01b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2', '19:aa02b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2', '19:aa03b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2'];
const LOST_BEFORE = ['19:bb01b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2', '19:bb02b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2'];
const CLEAN = ['19:cc01b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2'];
const ROLES = ['communications', 'staff', 'customer-service', 'it', 'change-support', 'management'];
const workspace = `teams:${TENANT}:${TEAM}`;

let h: TeamsHarness;
let worker: OutboxWorker;

beforeAll(async () => {
  h = await startTeamsHarness({});
  h.server.senders.find((s) => s.platform === 'teams')!.minIntervalMs = 20;
  worker = createOutboxWorker(h.bot.deps, h.server.senders, { baseDelayMs: 20, maxDelayMs: 100, lookupDelayMs: 50 });
  h.bot.deps.onQueued = () => worker.wake();
  await worker.start();
  await say('init Kotikunta', CHANNEL);
  for (const [i, channel] of [...LOST_AFTER, ...LOST_BEFORE, ...CLEAN].entries()) await say(`channel ${ROLES[i]} here fi`, channel);
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

async function say(text: string, channel: string): Promise<void> {
  expect((await h.post(channelMessage(LEENA, text, { serviceUrl: h.connector.url, channel }))).status).toBe(200);
}

const posts = (channel: string) => h.connector.to(channel).filter((c) => c.operation === 'sendToConversation');

it('sends again after a lost answer: at least once, one duplicate per lost answer, none lost', async () => {
  for (const channel of LOST_AFTER) h.connector.script(channel, { status: 0, drop: 'after' });
  for (const channel of LOST_BEFORE) h.connector.script(channel, { status: 0, drop: 'before' });
  await say('announce progress organisation=Kotikunta', CHANNEL);
  await say('announce send', CHANNEL);

  const rolloutId = (await h.bot.deps.store.listRollouts(workspace))[0].id;
  const end = Date.now() + 8000;
  for (;;) {
    const s = await h.bot.deps.outbox.summary(rolloutId, 0);
    if (s.pending === 0 && s.sent >= 6) break;
    if (Date.now() > end) throw new Error(`not settled: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const count = (channels: string[]) => channels.map((c) => posts(c).length);
  const all = [...LOST_AFTER, ...LOST_BEFORE, ...CLEAN];
  const lost = all.filter((c) => posts(c).length === 0).length;
  const duplicated = all.filter((c) => posts(c).length > 1).length;
  process.stdout.write(
    `Teams outbox: ${LOST_AFTER.length} answers lost after the connector took the post, ${LOST_BEFORE.length} posts reset before: ` +
      `delivered ${all.length - lost}, lost ${lost}, duplicated ${duplicated}\n`,
  );
  expect(count(LOST_AFTER)).toEqual([2, 2, 2]);
  expect(count(LOST_BEFORE)).toEqual([1, 1]);
  expect(count(CLEAN)).toEqual([1]);
  expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: LOST_AFTER.length });
  // The outbox keeps the id the connector returned for the post that answered.
  const sent = (await h.bot.deps.outbox.summary(rolloutId, 20)).recent.filter((e) => e.kind === 'announcement');
  for (const channel of LOST_AFTER) {
    expect(sent.find((e) => e.channel === `teams:${channel}`)?.messageId).toBe(posts(channel)[1].id);
  }
});

it('sends again what a crash left between the connector taking a post and the bot recording it: each one twice', async () => {
  const rolloutId = (await h.bot.deps.store.listRollouts(workspace))[0].id;
  await worker.stop();
  await say('announce progress organisation=Kotikunta', CHANNEL);
  await say('announce send', CHANNEL);
  // The process that claimed these posted them (the connector took every one) and died before
  // recording a single id: what SIGKILL at that moment leaves behind.
  const claimed = await h.bot.deps.outbox.claimDue(new Date().toISOString(), 100, ['teams'], []);
  const announcements = claimed.filter((e) => e.kind === 'announcement');
  expect(announcements).toHaveLength(6);
  const sender = h.server.senders.find((s) => s.platform === 'teams')!;
  for (const e of announcements) {
    expect(await sender.post({ channel: e.channel, workspace: e.workspace, text: e.text, idempotencyKey: e.idempotencyKey, kind: e.kind })).toMatchObject({ ok: true });
  }
  const before = new Map(announcements.map((e) => [e.channel, posts(e.channel.slice('teams:'.length)).length]));

  // The restarted worker cannot ask Teams, so it sends them again.
  worker = createOutboxWorker(h.bot.deps, h.server.senders, { baseDelayMs: 20, maxDelayMs: 100 });
  h.bot.deps.onQueued = () => worker.wake();
  await worker.start();
  const end = Date.now() + 8000;
  while ((await h.bot.deps.outbox.summary(rolloutId, 0)).pending > 0) {
    if (Date.now() > end) throw new Error('not settled after the restart');
    await new Promise((r) => setTimeout(r, 20));
  }
  const twice = announcements.filter((e) => posts(e.channel.slice('teams:'.length)).length === before.get(e.channel)! + 1).length;
  process.stdout.write(`Teams outbox after a crash between the connector's answer and recording it: ${twice} of ${announcements.length} sent twice, 0 lost\n`);
  expect(twice).toBe(announcements.length);
});
