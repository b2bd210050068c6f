// The shared server also loads the Teams adapter, whose jwks-rsa requires `jose`, an ES module
// jest cannot require on Node 20 (plain Node can). Teams is not configured in these tests.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline')) }));

import { createSlackSender } from '../../../adapters/slack/slack-sender';
import { createOutboxWorker } from '../../../src/comms/delivery';
import type { OutboxWorker } from '../../../src/comms/outbox-worker';
import { SlackHarness, visibleText } from './slack-harness';

const IDA = 'U0IDA0001'; // IT, no right to send
/** A public channel the bot posts to through chat:write.public without being a member: its history cannot be read. */
const PUBLIC = 'C0PUBLIC1';

/**
 * Issue #14 item 4 on Slack: a post whose answer is lost, to a channel whose history the bot may
 * not read (`not_in_channel`). The worker cannot tell whether it arrived, so it neither sends it
 * blindly nor leaves it `sending` for ever: it is given up as unconfirmed, the lead is told with
 * the command that sends it again, `announce status` says so, and the lead chooses to resend.
 */
describe('Slack: a message whose delivery cannot be confirmed', () => {
  let h: SlackHarness;
  let worker: OutboxWorker;

  beforeAll(async () => {
    h = await SlackHarness.start();
    h.fake.users.set(IDA, { locale: 'en-US', name: 'Ida' });
    const sender = createSlackSender({ token: 'xoxb-e2e-token', apiUrl: h.fake.apiUrl, timeoutMs: 1000 });
    worker = createOutboxWorker(h.bot.deps, [{ ...sender, minIntervalMs: 20 }], { baseDelayMs: 20, maxDelayMs: 100, lookupDelayMs: 50 });
    h.bot.deps.onQueued = () => worker.wake();
    await worker.start();
    await h.ask('init Kotikunta');
    await h.ask(`role add it <@${IDA}|ida>`);
    await h.ask(`channel staff <#${PUBLIC}|yleinen> fi`);
  });
  afterAll(async () => {
    await worker.stop();
    await h.close();
  });

  const rolloutId = async () => (await h.state())!.rollout.id;

  it('is given up as unconfirmed after a lost answer and not_in_channel, the lead is told, and announce status says so', async () => {
    let faulted = false;
    h.fake.postFault = (channel) => (channel === PUBLIC && !faulted ? ((faulted = true), 'hang-after') : undefined);
    h.fake.failures.set('conversations.history', [{ status: 200, body: { ok: false, error: 'not_in_channel' } }]);
    await h.ask('announce progress organisation=Kotikunta');
    await h.ask('announce send');

    await h.fake.until(() => h.fake.of('conversations.history').length === 1, 8000, () => 'the lookup');
    let summary = await h.bot.deps.outbox.summary(await rolloutId(), 10);
    // The report to the lead is queued with the unconfirmed mark and sent right after it.
    for (let i = 0; i < 50 && (summary.unconfirmed === 0 || summary.pending > 0); i++) {
      await new Promise((r) => setTimeout(r, 50));
      summary = await h.bot.deps.outbox.summary(await rolloutId(), 10);
    }
    expect(summary).toMatchObject({ pending: 0, unconfirmed: 1 });
    const entry = summary.recent.find((e) => e.channel === `slack:${PUBLIC}`)!;
    expect(entry).toMatchObject({ status: 'failed', unconfirmed: true, lastError: 'conversations.history: not_in_channel' });
    // Posted once (the fake has it; the bot cannot know), never sent blindly again.
    expect(h.fake.delivered(PUBLIC)).toHaveLength(1);

    // The lead hears of it where Send was pressed, with the command that sends it again.
    await h.fake.until(() => h.fake.of('chat.postMessage').some((c) => String(c.body.text).includes('announce resend')), 5000, () => 'the report');
    const report = h.fake.of('chat.postMessage').find((c) => String(c.body.text).includes('announce resend'))!;
    // The platform's error is a given value: zero-width spaces keep Slack from linking it.
    expect(String(report.body.text).replace(/\u200b/g, '')).toContain(`I could not confirm whether an announcement reached #yleinen: conversations.history: not_in_channel. Look in the channel: if it is not there, send it again with "announce resend ${entry.id}".`);

    const status = visibleText(await h.ask('announce status'));
    expect(status).toContain('0 queued, 1 sent, 0 failed, 0 previews, 1 unconfirmed') // the report was sent;
    expect(status).toContain(`unconfirmed: look in the channel; to send it again: announce resend ${entry.id}`);
  });

  it('only those who may send can resend; the lead resends it once, and it is recorded', async () => {
    const entry = (await h.bot.deps.outbox.summary(await rolloutId(), 10)).recent.find((e) => e.channel === `slack:${PUBLIC}`)!;
    expect(visibleText(await h.ask(`announce resend ${entry.id}`, { user: IDA }))).toContain('Only the rollout lead or communications can do this.');
    expect(visibleText(await h.ask('announce resend 99999'))).toContain('There is no failed or unconfirmed announcement message 99999 to send again.');

    expect(visibleText(await h.ask(`announce resend ${entry.id}`))).toContain('The message to #yleinen is on its way again.');
    await h.fake.until(() => h.fake.delivered(PUBLIC).length === 2, 5000, () => 'the resent message');
    const status = visibleText(await h.ask('announce status'));
    expect(status).toContain('0 queued, 2 sent, 0 failed, 0 previews, 0 unconfirmed');
    // Sent now: a second resend changes nothing.
    expect(visibleText(await h.ask(`announce resend ${entry.id}`))).toContain(`There is no failed or unconfirmed announcement message ${entry.id} to send again.`);
    expect(visibleText(await h.ask('log 3'))).toContain(`message ${entry.id} to #yleinen sent again`);
  });
});
