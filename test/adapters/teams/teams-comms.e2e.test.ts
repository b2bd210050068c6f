// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20 (plain Node can); these
// tests run without credentials and never download signing keys.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline: no signing keys')) }));

import { CONVERSATION_RECORD } from '../../../adapters/teams/conversation-references';
import { createOutboxWorker } from '../../../src/comms/delivery';
import type { OutboxWorker } from '../../../src/comms/outbox-worker';
import { decodeAction } from '../../../src/core/action-codec';
import type { OutboxEntry } from '../../../src/ports/outbox.port';
import { finishPhase } from '../../support/fixtures';
import { CHANNEL, IIRO, LEENA, TEAM, TENANT, VIIVI, cardAction, channelMessage, type Person } from './support/activities';
import type { ConnectorCall } from './support/fake-bot-connector';
import { startTeamsHarness, type TeamsHarness } from './support/teams-harness';
import { nodes, ofType, texts } from './support/views';
import { unmarked } from '../../../src/comms/given-values';

/**
 * Issue #5 on Teams: role channels mapped from inside them, an announcement previewed and sent
 * with its card button, and the outbox worker (as adapters/main.ts starts it) posting into each
 * channel through the conversation reference the bot stored, through throttling and outages.
 */

const GENERAL = CHANNEL;
const COMMS = '19:c0a1b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2';
const STAFF = '19:5a1b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2';
const SERVICE = '19:5e1b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2';
const IT = '19:17a1b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2';
/** In the order announcements list them: the template's roles, communications before customer service before staff. */
const MAPPED = [COMMS, SERVICE, STAFF];
const CONTACT = '[Maija](https://evil.example) **040 123**';
const workspace = `teams:${TENANT}:${TEAM}`;

let h: TeamsHarness;
let worker: OutboxWorker;

beforeAll(async () => {
  h = await startTeamsHarness({});
  // Teams paces one message a second per conversation; a shorter pace keeps this run fast.
  h.server.senders.find((s) => s.platform === 'teams')!.minIntervalMs = 20;
  // As adapters/main.ts does, with a short backoff.
  worker = createOutboxWorker(h.bot.deps, h.server.senders, { baseDelayMs: 50, maxDelayMs: 200 });
  h.bot.deps.onQueued = () => worker.wake();
  await worker.start();
  await say(LEENA, 'init Kotikunta', GENERAL);
  await say(LEENA, 'role add communications <at>Viivi Viestintä</at>', GENERAL, { mentions: [VIIVI] });
  await say(LEENA, 'role add it <at>Iiro IT</at>', GENERAL, { mentions: [IIRO] });
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

/** Posts a channel message and returns the card the bot replied with, and that reply's message id. */
async function say(p: Person, text: string, channel: string, extra: { locale?: string; mentions?: Person[] } = {}) {
  const activity = channelMessage(p, text, { serviceUrl: h.connector.url, channel, ...extra });
  expect((await h.post(activity)).status).toBe(200);
  const reply = h.connector.calls.find((c) => c.operation === 'replyToActivity' && c.activityId === activity.id)!;
  expect(reply).toBeDefined();
  return { card: cardOf(reply), messageId: reply.id! };
}

/** Clicks a card button in a channel; returns the card of the invoke response. */
async function click(p: Person, data: unknown, channel: string, extra: { locale?: string; replyToId?: string } = {}) {
  const res = await h.post(cardAction(p, data as Record<string, unknown>, { serviceUrl: h.connector.url, channel, ...extra }));
  expect(res.status).toBe(200);
  const body = res.body as { statusCode: number; type: string; value: unknown };
  expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return body.value;
}

function cardOf(call: ConnectorCall): unknown {
  return (call.body as { attachments: Array<{ content: unknown }> }).attachments[0].content;
}

/** Proactive posts into a channel (new conversations in it, not replies), oldest first. */
const posts = (channel: string) => h.connector.to(channel).filter((c) => c.operation === 'sendToConversation');
const puts = (channel: string) => h.connector.to(channel).filter((c) => c.operation === 'updateActivity');
/** A message text as the card shows it: its lines, blank ones left out. */
/** A message text as a card shows it: its lines, without the marks around values people gave. */
const lines = (text: string) => unmarked(text).split('\n').filter((l) => l.trim()).join('\n');

async function rolloutId(): Promise<string> {
  return (await h.bot.deps.store.listRollouts(workspace))[0].id;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Everything queued is delivered (or failed for good). */
async function delivered(): Promise<void> {
  const id = await rolloutId();
  await until('the outbox is empty', async () => {
    const s = await h.bot.deps.outbox.summary(id, 0);
    return s.pending === 0 && (await h.bot.deps.outbox.inFlight(['teams'])).length === 0;
  });
}

async function entries(template: string): Promise<OutboxEntry[]> {
  const recent = (await h.bot.deps.outbox.summary(await rolloutId(), 100)).recent;
  return recent.filter((e) => e.template === template).sort((a, b) => a.id - b.id);
}

let preview: { card: unknown; messageId: string };
let send: Record<string, unknown>;

describe('announcements on Teams, end to end', () => {
  it('lets the lead map role channels from inside them, in one language or two, and keeps their references', async () => {
    const mapped = await say(LEENA, 'channel communications here fi+sv', COMMS);
    expect(texts(mapped.card)).toEqual(['Announcements for Communications now go to this channel (fi + sv).']);
    await say(LEENA, 'channel staff here fi', STAFF);
    await say(LEENA, 'kanava customer-service tässä sv', SERVICE, { locale: 'fi-FI' });

    for (const channel of MAPPED) {
      const stored = JSON.parse((await h.bot.deps.store.platformRecord(CONVERSATION_RECORD, `teams:${channel}`))!);
      expect(stored).toEqual({ channelId: 'msteams', serviceUrl: h.connector.url, conversation: { id: channel, conversationType: 'channel', tenantId: TENANT, isGroup: true }, agent: expect.any(Object) });
    }
    const shown = texts((await say(IIRO, 'channels', GENERAL)).card);
    expect(shown).toContain(`19:${COMMS.slice(3)} (fi + sv)`);
    expect(shown).toContain(`${STAFF} (fi)`);
    expect(shown).toContain(`${SERVICE} (sv)`);
    expect(shown).toContain('To map a channel, write there: @Rollout channel <role> here [fi|sv|en|fi+sv]');
  });

  it('previews every target channel with its languages and the exact text, user text as data', async () => {
    await say(VIIVI, 'set organisation Kotikunta', GENERAL);
    await say(VIIVI, 'set golive 1.3.2027', GENERAL);
    preview = await say(VIIVI, `announce golive-coming contact="${CONTACT}"`, GENERAL);
    const card = preview.card;
    expect(texts(card)[0]).toBe('Preview: Go-live is coming (Go live)');

    const sendButtons = ofType(card, 'Action.Execute');
    expect(sendButtons.map((b) => b.title)).toEqual(['Send']);
    send = sendButtons[0].data as Record<string, unknown>;
    const action = decodeAction(String(send.action))!;
    expect(action).toMatchObject({ name: 'send', rolloutId: await rolloutId() });
    const drafts = await h.bot.deps.outbox.batch(await rolloutId(), action.batch!);
    expect(drafts.map((d) => [d.channel, d.locales, d.status])).toEqual([
      [`teams:${COMMS}`, ['fi', 'sv'], 'draft'], [`teams:${SERVICE}`, ['sv'], 'draft'], [`teams:${STAFF}`, ['fi'], 'draft'],
    ]);

    // Each channel with its roles and languages, then the text it gets, quoted line for line.
    const shown = texts(card);
    for (const [channel, who] of [[COMMS, ' · Communications · fi + sv'], [STAFF, ' · Permit handlers · fi'], [SERVICE, ' · Customer service · sv']]) {
      expect(shown[shown.indexOf(channel) + 1]).toBe(who);
    }
    const quotes = ofType(card, 'Container').filter((c) => c.style === 'emphasis').map((c) => texts(c).join('\n'));
    expect(quotes).toEqual(drafts.map((d) => lines(d.text)));
    expect(quotes[0]).toMatch(/Yhteyshenkilö: \[Maija\]\(https:\/\/evil\.example\) \*\*040 123\*\*\n———\n📣 Kotikunta inför/);
    expect(quotes[0]).toContain(`Kontaktperson: ${CONTACT}`);
    expect(ofType(card, 'Action.OpenUrl')).toEqual([]);
    expect(nodes(card).filter((n) => n.type === 'TextBlock')).toEqual([]);
    expect(JSON.stringify(card).length).toBeLessThan(28_000);
  });

  it('refuses Send, translated, to someone who is neither lead nor communications, and sends nothing', async () => {
    const refused = await click(IIRO, send, GENERAL, { locale: 'fi-FI', replyToId: preview.messageId });
    // The error on top, and the preview kept below it (without a Send button for this user).
    const shown = texts(refused);
    expect(shown.slice(0, 2)).toEqual(['❌ Vain käyttöönoton vetäjä tai viestintä voi tehdä tämän.', 'Pyydä vetäjää tai viestintää tekemään tämä.']);
    expect(shown[2]).toBe('Esikatselu: Käyttöönotto lähestyy (Ota käyttöön)');
    expect(ofType(refused, 'Action.Execute')).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(MAPPED.map((c) => posts(c).length)).toEqual([0, 0, 0]);
    expect((await h.bot.deps.outbox.summary(await rolloutId(), 0)).draft).toBe(3);
    expect(puts(GENERAL)).toEqual([]);
  });

  it('sends with the button: the sent card at once, then each channel gets its message once, through 429 and 5xx', async () => {
    h.connector.script(STAFF, { status: 429, headers: { 'retry-after': '1' } }, { status: 500 }, { status: 500 });
    h.connector.script(COMMS, { status: 503 });
    const answer = await click(VIIVI, send, GENERAL, { replyToId: preview.messageId });
    const shown = texts(answer);
    expect(shown[0]).toBe('📣 The announcement is on its way to 3 channels.');
    expect(shown[1]).toBe('Sent: Go-live is coming (Go live)');
    expect(ofType(answer, 'Action.Execute')).toEqual([]);
    // Everyone else in the channel sees the preview turn into the sent card too.
    expect(puts(GENERAL).map((c) => c.activityId)).toEqual([preview.messageId]);

    await until('every channel has its announcement', () => MAPPED.every((c) => posts(c).length === 1));
    await delivered();
    const sent = await entries('golive-coming');
    expect(sent.map((e) => [e.channel, e.status])).toEqual(MAPPED.map((c) => [`teams:${c}`, 'sent']));
    for (const entry of sent) {
      const [post] = posts(entry.channel.slice('teams:'.length));
      // A new conversation in the channel (not a reply in someone's thread), through the stored reference.
      expect(post.conversationId).toBe(entry.channel.slice('teams:'.length));
      expect(entry.messageId).toBe(post.id);
      expect(texts(cardOf(post)).join('\n')).toBe(lines(entry.text));
    }
    const comms = texts(cardOf(posts(COMMS)[0]));
    expect(comms).toContain('📣 Kotikunta ottaa Luvat ja valvonta -palvelun käyttöön 1.3.2027.');
    expect(comms).toContain('📣 Kotikunta inför tjänsten Tillstånd och tillsyn den 1.3.2027.');

    const failedStaff = h.connector.failed.filter((c) => c.conversationId === STAFF);
    expect(failedStaff.map((c) => c.status)).toEqual([429, 500, 500]);
    expect(posts(STAFF)[0].at - failedStaff[0].at).toBeGreaterThanOrEqual(950);
    expect(h.connector.failed.filter((c) => c.conversationId === COMMS).map((c) => c.status)).toEqual([503]);
    expect(posts(SERVICE)).toHaveLength(1);

    const status = texts((await say(VIIVI, 'announce status', GENERAL)).card);
    expect(status).toContain('0 queued, 3 sent, 0 failed, 0 previews, 0 unconfirmed');
    expect(status.filter((t) => t === 'sent')).toHaveLength(3);
  });

  it('posts one living status message per channel and then edits it in place as tasks are checked off', async () => {
    await say(LEENA, 'done 1', GENERAL);
    await until('every channel has its status message', () => MAPPED.every((c) => posts(c).length === 2));
    await delivered();
    const statusPosts = MAPPED.map((c) => posts(c)[1]);
    expect(texts(cardOf(statusPosts[2]))[0]).toBe('📊 Luvat ja valvonta -palvelun käyttöönoton tilanne (vaihe: Selvitä)');
    expect(texts(cardOf(statusPosts[1]))[0]).toBe('📊 Läget i införandet av tjänsten Tillstånd och tillsyn (fas: Utred)');
    expect(texts(cardOf(statusPosts[0]))).toEqual(expect.arrayContaining([texts(cardOf(statusPosts[1]))[0], texts(cardOf(statusPosts[2]))[0]]));

    await say(LEENA, 'done 3', GENERAL);
    await until('every status message is edited', () => MAPPED.every((c) => puts(c).length === 1));
    await delivered();
    MAPPED.forEach((channel, i) => {
      expect(posts(channel)).toHaveLength(2);
      const [edit] = puts(channel);
      expect(edit.activityId).toBe(statusPosts[i].id);
      expect(texts(cardOf(edit))).not.toEqual(texts(cardOf(statusPosts[i])));
    });
    const open = (card: unknown) => Number(/^Avoimia tehtäviä: (\d+)\./.exec(texts(card).find((t) => t.startsWith('Avoimia'))!)![1]);
    expect(open(cardOf(puts(STAFF)[0]))).toBe(open(cardOf(posts(STAFF)[1])) - 1);
  });

  it('announces a phase change: phase complete and phase start to the role channels, and the status messages follow', async () => {
    await finishPhase(h.bot, await rolloutId(), 'investigate');
    const reply = texts((await say(LEENA, 'phase next', GENERAL)).card);
    expect(reply.join(' ')).toMatch(/announced with 3 messages/);
    await until('the phase messages are posted', () => posts(COMMS).length === 3 && posts(STAFF).length === 3 && posts(SERVICE).length === 3);
    await delivered();

    const complete = await entries('investigate-complete');
    const start = await entries('decide-start');
    expect(complete.map((e) => e.channel)).toEqual([`teams:${SERVICE}`, `teams:${STAFF}`]);
    expect(start.map((e) => e.channel)).toEqual([`teams:${COMMS}`]);
    expect(texts(cardOf(posts(SERVICE)[2])).join('\n')).toBe(lines(complete[0].text));
    expect(texts(cardOf(posts(STAFF)[2])).join('\n')).toBe(lines(complete[1].text));
    expect(texts(cardOf(posts(STAFF)[2]))[0]).toBe('✅ Kotikunta: Selvitä-vaihe on valmis. Luvat ja valvonta -palvelun käyttöönoton edellytykset on selvitetty.');
    expect(texts(cardOf(posts(COMMS)[2])).join('\n')).toBe(lines(start[0].text));
    expect(texts(cardOf(posts(COMMS)[2]))[0]).toBe('🧭 Kotikunta: Luvat ja valvonta -palvelun käyttöönotossa alkaa Päätä-vaihe.');

    // The living status message moved on to the new phase, still in place.
    await until('the status messages show the new phase', () => MAPPED.every((c) => puts(c).length === 2));
    expect(texts(cardOf(puts(STAFF)[1]))[0]).toBe('📊 Luvat ja valvonta -palvelun käyttöönoton tilanne (vaihe: Päätä)');
    expect(MAPPED.map((c) => puts(c).every((p) => p.activityId === posts(c)[1].id))).toEqual([true, true, true]);
    expect(h.connector.failed.filter((c) => c.status !== 429 && c.status < 500)).toEqual([]);
  });

  it('reports a channel that refuses the bot where the announcement was sent from, naming the lead', async () => {
    await say(LEENA, 'channel it here en', IT);
    h.connector.script(IT, { status: 403 });
    const progress = await say(VIIVI, 'announce progress', GENERAL);
    const button = ofType(progress.card, 'Action.Execute')[0];
    await click(VIIVI, button.data, GENERAL, { replyToId: progress.messageId });
    await until('the failure is reported', () => posts(GENERAL).length === 1);
    await delivered();

    expect(h.connector.failed.filter((c) => c.conversationId === IT).map((c) => c.status)).toEqual([403]);
    expect(posts(IT)).toEqual([]);
    const report = texts(cardOf(posts(GENERAL)[0])).join('\n');
    expect(report).toContain('⚠️ @Leena Lead An announcement could not be delivered to teams:19:');
    expect(report).not.toContain('<@');
    const status = texts((await say(VIIVI, 'announce status', GENERAL)).card);
    expect(status).toContain('failed');
    expect(status.some((t) => t.includes('403'))).toBe(true);
  });
});
