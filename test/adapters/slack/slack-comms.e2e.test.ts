// The shared server also loads the Teams adapter, whose jwks-rsa requires `jose`, an ES module
// jest cannot require on Node 20 (plain Node can). Teams is not configured in these tests.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline')) }));

import { messageMrkdwn } from '../../../adapters/slack/mrkdwn';
import { unmarked } from '../../../src/comms/given-values';
import { createOutboxWorker } from '../../../src/comms/delivery';
import { BILINGUAL_SEPARATOR } from '../../../src/comms/render-template';
import type { OutboxWorker } from '../../../src/comms/outbox-worker';
import type { OutboxEntry } from '../../../src/ports/outbox.port';
import { finishPhase } from '../../support/fixtures';
import type { StoredMessage } from './fake-slack-api';
import { SlackHarness, buttonsOf, visibleText, type SentMessage } from './slack-harness';

const VILLE = 'U0VILLE01'; // communications, Finnish Slack
const IDA = 'U0IDA0001'; // IT, Swedish Slack
/** Native ids of the role channels, as Slack escapes them in a slash command. */
const VIESTINTA = 'C0777';
const HENKILOSTO = 'C0888';
const KUNDTJANST = 'C0999';
const CHANNELS = [VIESTINTA, HENKILOSTO, KUNDTJANST];

/**
 * Issue #5 on Slack, end to end: role channels, previews, Send, delivery through the real outbox
 * worker and the Slack sender against the fake Web API (rate limits, 5xx), the living status
 * message and the phase-change announcements. Slack's pace (1 message per second per channel)
 * is scaled down to 100 ms in the fake and 150 ms in the sender, so this runs in seconds; the
 * fan-out benchmark runs the real pace.
 */
describe('Slack adapter end to end: communication', () => {
  let h: SlackHarness;
  let worker: OutboxWorker;

  beforeAll(async () => {
    h = await SlackHarness.start();
    h.fake.users.set(VILLE, { locale: 'fi-FI', name: 'Ville' });
    h.fake.users.set(IDA, { locale: 'sv-SE', name: 'Ida' });
    h.fake.perChannelIntervalMs = 100;
    // As adapters/main.ts does, with a short retry policy and the scaled-down pace.
    const senders = h.server.senders.map((s) => ({ ...s, minIntervalMs: 150 }));
    worker = createOutboxWorker(h.bot.deps, senders, { baseDelayMs: 50, maxDelayMs: 200 });
    h.bot.deps.onQueued = () => worker.wake();
    await worker.start();

    await h.ask('init Kotikunta');
    await h.ask(`role add communications <@${VILLE}|ville>`);
    await h.ask(`role add it <@${IDA}|ida>`);
  });
  afterAll(async () => {
    await worker.stop();
    await h.close();
  });

  const rolloutId = async () => (await h.state())!.rollout.id;
  const kindOf = (m: StoredMessage) => m.metadata?.event_payload?.kind;
  const announcements = (channel: string) => h.fake.delivered(channel).filter((m) => kindOf(m) === 'announcement');
  const statusMessages = (channel: string) => h.fake.delivered(channel).filter((m) => kindOf(m) === 'status');
  const until = (check: () => boolean, what: string, timeoutMs = 8000) => h.fake.until(check, timeoutMs, () => what);

  it('the lead maps role channels from Slack channel mentions, each with its languages', async () => {
    const mapped = await h.ask(`channel communications <#${VIESTINTA}|viestinta> fi+sv`);
    expect(mapped.response_type).toBe('in_channel');
    expect(visibleText(mapped)).toContain('Announcements for Communications now go to #viestinta (fi + sv)');
    await h.ask(`channel staff <#${HENKILOSTO}|henkilosto> fi`);
    await h.ask(`channel customer-service <#${KUNDTJANST}|kundtjanst> sv`);
    expect((await h.state())!.channels).toEqual(
      expect.arrayContaining([
        { role: 'communications', channel: `slack:${VIESTINTA}`, name: 'viestinta', locales: ['fi', 'sv'] },
        { role: 'staff', channel: `slack:${HENKILOSTO}`, name: 'henkilosto', locales: ['fi'] },
        { role: 'customer-service', channel: `slack:${KUNDTJANST}`, name: 'kundtjanst', locales: ['sv'] },
      ]),
    );
    // Only the lead maps channels, refused in the asker's language.
    expect(visibleText(await h.ask(`channel it <#C0ITTEAM1|it> fi`, { user: IDA }))).toContain('Endast införandeansvarig kan göra detta.');
  });

  let preview: SentMessage;
  let drafts: OutboxEntry[];

  it('announce golive-coming previews every target channel with its languages and the exact text', async () => {
    preview = await h.ask('announce golive-coming organisation=Kotikunta date=1.3.2027 contact="Maija, 040 123"', { user: VILLE });
    expect(preview.response_type).toBe('ephemeral');
    const batch = buttonsOf(preview).find((b) => b.action.name === 'send')!.action.batch as string;
    drafts = await h.bot.deps.outbox.batch(await rolloutId(), batch);
    expect(drafts.map((d) => [d.channel, d.locales, d.status])).toEqual(
      expect.arrayContaining([
        [`slack:${VIESTINTA}`, ['fi', 'sv'], 'draft'],
        [`slack:${HENKILOSTO}`, ['fi'], 'draft'],
        [`slack:${KUNDTJANST}`, ['sv'], 'draft'],
      ]),
    );
    expect(drafts).toHaveLength(3);
    const sections = (preview.blocks ?? []).filter((b) => b.type === 'section').map((b) => (b.text as { text: string }).text);
    for (const draft of drafts) {
      const native = draft.channel.replace('slack:', '');
      const section = sections.find((s) => s.startsWith(`<#${native}>`));
      expect(section).toBeDefined();
      expect(section!.split('\n')[0]).toMatch(new RegExp(`· ${draft.locales.join(' \\+ ')}$`));
      // The quoted text is exactly what Send will post (as mrkdwn, as the sender renders it).
      expect(section!.split('\n').slice(1).join('\n')).toBe(messageMrkdwn(draft.text).split('\n').map((l) => `>${l}`).join('\n'));
    }
    const bilingual = drafts.find((d) => d.channel === `slack:${VIESTINTA}`)!.text;
    const [fi, sv] = bilingual.split(BILINGUAL_SEPARATOR);
    expect(fi).toContain('1.3.2027');
    expect(fi).toContain('Maija, 040 123');
    expect(fi).toBe(drafts.find((d) => d.channel === `slack:${HENKILOSTO}`)!.text);
    expect(sv).toBe(drafts.find((d) => d.channel === `slack:${KUNDTJANST}`)!.text);
    expect(unmarked(sv)).toContain('Kontaktperson: Maija, 040 123');
  });

  it('only the lead or communications may press Send: others are refused in their language', async () => {
    const send = buttonsOf(preview).find((b) => b.action.name === 'send')!;
    const click = await h.click(preview, send, { user: IDA });
    const [refusal] = await h.fake.waitFor('response_url', 1, click.target);
    expect(refusal.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(visibleText(refusal.body as SentMessage)).toContain('Endast införandeansvarig eller kommunikation kan göra detta.');
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.messages.size).toBe(0);
    expect((await h.bot.deps.outbox.batch(await rolloutId(), drafts[0].batch)).every((e) => e.status === 'draft')).toBe(true);
  });

  it('Send posts exactly the previewed texts, once each, through a 429 with Retry-After and 500s', async () => {
    h.fake.failures.set('chat.postMessage', [
      { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } },
      { status: 500, body: { ok: false, error: 'internal_error' } },
      { status: 503, body: { ok: false } },
      { status: 500, body: { ok: false, error: 'internal_error' } },
    ]);
    const send = buttonsOf(preview).find((b) => b.action.name === 'send')!;
    const click = await h.click(preview, send, { user: VILLE });
    const [updated] = await h.fake.waitFor('response_url', 1, click.target);
    expect(updated.body).toMatchObject({ replace_original: true });
    expect(buttonsOf(updated.body as SentMessage)).toEqual([]);

    await until(() => CHANNELS.every((c) => announcements(c).length >= 1), 'an announcement in every channel');
    await until(() => h.fake.failures.get('chat.postMessage')!.length === 0, 'the scripted failures used up');
    const tried = h.calls('chat.postMessage').length;
    expect(tried).toBeGreaterThanOrEqual(3 + 4);
    await new Promise((r) => setTimeout(r, 200));
    for (const draft of drafts) {
      const [message, ...more] = announcements(draft.channel.replace('slack:', ''));
      expect(more).toEqual([]);
      expect(message.text).toBe(messageMrkdwn(draft.text));
      expect(message.metadata?.event_payload?.idempotency_key).toBe(draft.idempotencyKey);
    }
    for (const draft of drafts) expect(h.fake.keyCounts().get(draft.idempotencyKey)).toBe(1);
    const settled = await h.bot.deps.outbox.batch(await rolloutId(), drafts[0].batch);
    expect(settled.map((e) => e.status)).toEqual(['sent', 'sent', 'sent']);
    // Pressing Send again sends nothing more.
    const again = await h.click(preview, send, { user: VILLE });
    await h.fake.waitFor('response_url', 1, again.target);
    await new Promise((r) => setTimeout(r, 100));
    expect(CHANNELS.map((c) => announcements(c).length)).toEqual([1, 1, 1]);
  });

  it('deviation <reason> <date> changes=... contact=... is previewed with every value in place', async () => {
    const answer = await h.ask('deviation integration tests were delayed 15.3.2027 changes="go-live moves two weeks" contact=Maija');
    const text = visibleText(answer);
    expect(text).toContain(`<#${VIESTINTA}> · Communications · fi + sv`);
    expect(text).toContain(`<#${KUNDTJANST}> · Customer service · sv`);
    for (const value of ['integration tests were delayed', '15.3.2027', 'go-live moves two weeks', 'Maija']) expect(text).toContain(value);
    expect(buttonsOf(answer).map((b) => b.action.name)).toEqual(['send']);
    // A preview posts nothing.
    await new Promise((r) => setTimeout(r, 100));
    expect(CHANNELS.map((c) => announcements(c).length)).toEqual([1, 1, 1]);
  });

  it('the living status message is posted once per role channel and then edited in place as tasks are checked off', async () => {
    await h.ask('done 1');
    await until(() => CHANNELS.every((c) => statusMessages(c).length === 1), 'a status message in every channel');
    const first = new Map(CHANNELS.map((c) => [c, statusMessages(c)[0]]));
    expect(first.get(VIESTINTA)!.text).toContain('(vaihe: Selvitä)');
    expect(first.get(VIESTINTA)!.text).toContain('(fas: Utred)');

    await h.ask('done 2.1');
    await until(() => CHANNELS.every((c) => first.get(c)!.edits.length >= 1), 'an edit of every status message');
    await h.ask('done 2.2');
    await until(() => CHANNELS.every((c) => /33 %/.test(first.get(c)!.edits.at(-1) ?? '')), 'the status showing a third of the phase done');

    for (const channel of CHANNELS) {
      // One message, edited: no new status message per change.
      expect(statusMessages(channel)).toHaveLength(1);
      const updates = h.calls('chat.update').filter((c) => c.body.channel === channel);
      expect(updates.length).toBeGreaterThanOrEqual(1);
      expect(updates.every((u) => u.body.ts === first.get(channel)!.ts)).toBe(true);
    }
    expect(first.get(KUNDTJANST)!.edits.at(-1)).not.toBe(first.get(KUNDTJANST)!.text);
  });

  it('advancing the phase posts phase-complete and phase-start to the mapped channels, and updates the status', async () => {
    await finishPhase(h.bot, await rolloutId(), 'investigate');
    const answer = await h.ask('phase next');
    expect(visibleText(answer)).toMatch(/announced with 3 messages/);
    const phaseMessages = (channel: string) => announcements(channel).filter((m) => m.metadata?.event_payload?.idempotency_key?.startsWith('phase:'));
    await until(() => [HENKILOSTO, KUNDTJANST, VIESTINTA].every((c) => phaseMessages(c).length >= 1), 'phase messages');
    await until(() => CHANNELS.every((c) => (statusMessages(c)[0].edits.at(-1) ?? '').match(/Päätä|Besluta/) !== null), 'the status in the new phase');
    await new Promise((r) => setTimeout(r, 200));
    // Investigate complete: to staff (fi) and customer service (sv); Decide starts: to communications (fi+sv).
    expect(phaseMessages(HENKILOSTO)).toHaveLength(1);
    expect(phaseMessages(HENKILOSTO)[0].metadata?.event_payload?.idempotency_key).toMatch(/investigate-complete/);
    expect(phaseMessages(KUNDTJANST)).toHaveLength(1);
    expect(phaseMessages(KUNDTJANST)[0].metadata?.event_payload?.idempotency_key).toMatch(/investigate-complete/);
    expect(phaseMessages(VIESTINTA)).toHaveLength(1);
    expect(phaseMessages(VIESTINTA)[0].metadata?.event_payload?.idempotency_key).toMatch(/decide-start/);
    expect(phaseMessages(VIESTINTA)[0].text).toContain(BILINGUAL_SEPARATOR.trim());
    for (const channel of CHANNELS) expect(statusMessages(channel)).toHaveLength(1);
    for (const [key, count] of h.fake.keyCounts()) expect([key, count]).toEqual([key, 1]);
  });
});
