// The shared server also loads the Teams adapter, whose jwks-rsa requires `jose`, an ES module
// jest cannot require on Node 20 (plain Node can). Teams is not configured in these tests.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline')) }));

import { createOutboxWorker } from '../../../src/comms/delivery';
import type { OutboxWorker } from '../../../src/comms/outbox-worker';
import { ANNA, SlackHarness, buttonsOf, type SentMessage } from './slack-harness';

const STAFF = 'C0888';
/** A contact as someone might type it: a line break, emphasis, a link, a domain and a mention. */
const CONTACT = 'Maija *KIIREELLINEN*\nsoita _heti_ https://evil.example tai www.evil.example <@U0VILLE01>';

/**
 * What the bot posts in its own name to whole channels, as Slack receives it (the text of
 * `chat.postMessage` through the real outbox worker and sender): values people gave are plain
 * text, and the bot's own mentions are live.
 */
describe('Slack: values people give are plain text in announcements; the bot\'s own mentions are live', () => {
  let h: SlackHarness;
  let worker: OutboxWorker;

  beforeAll(async () => {
    h = await SlackHarness.start();
    worker = createOutboxWorker(h.bot.deps, h.server.senders, { baseDelayMs: 20, maxDelayMs: 50 });
    h.bot.deps.onQueued = () => worker.wake();
    await worker.start();
    await h.ask('init Kunta');
    await h.ask(`channel staff <#${STAFF}|henkilosto> fi`);
  });
  afterAll(async () => {
    await worker.stop();
    await h.close();
  });

  const send = async (preview: SentMessage) => {
    const button = buttonsOf(preview).find((b) => b.action.name === 'send');
    if (!button) throw new Error('no Send button');
    await h.click(preview, button);
  };

  it('posts a given value on one line, without emphasis, links or mentions, and without link previews', async () => {
    const preview = await h.ask(`announce golive-coming organisation=Kotikunta date=1.3.2027 contact="${CONTACT}"`);
    const quoted = JSON.stringify(preview.blocks);
    expect(quoted).not.toContain('*KIIREELLINEN*');
    await send(preview);
    await h.fake.until(() => h.fake.delivered(STAFF).length === 1, 5000, () => 'the announcement');
    const [call] = h.calls('chat.postMessage').filter((c) => c.body.channel === STAFF);
    const text = String(call.body.text);

    const line = text.split('\n').find((l) => l.includes('Maija'))!;
    expect(line).toContain('soita');
    expect(text).not.toMatch(/\*KIIREELLINEN\*/);
    expect(text).toContain('*\u200BKIIREELLINEN*\u200B');
    expect(text).not.toMatch(/_heti_/);
    expect(text).not.toContain('https://evil.example');
    expect(text).not.toContain('www.evil.example');
    expect(text).toContain('&lt;@\u200BU0VILLE01&gt;');
    expect(text).not.toMatch(/<@U0VILLE01>/);
    // Form-encoded, as Slack receives it.
    expect(call.body).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' });
    // What the bot wrote itself is untouched: the template's own line breaks and words.
    expect(text).toMatch(/^📣 Kotikunta ottaa .* käyttöön 1\.3\.2027\.\n/);
    expect(text.split('\n')).toHaveLength(4);
    expect(text.split('\n')[3]).toMatch(/^Yhteyshenkilö: Maija /);
  });

  it('reports a failed delivery to the lead with a live mention, not the literal &lt;@…&gt;', async () => {
    h.fake.failures.set('chat.postMessage', [{ status: 200, body: { ok: false, error: 'not_in_channel' } }]);
    const before = h.calls('chat.postMessage').length;
    await send(await h.ask('announce golive-coming organisation=Kotikunta date=1.3.2027 contact=Maija'));
    await h.fake.until(() => h.calls('chat.postMessage').length >= before + 2, 5000, () => 'the failure report');
    const report = h.calls('chat.postMessage').slice(before).map((c) => String(c.body.text)).find((t) => t.includes('⚠️'));
    expect(report).toBeDefined();
    expect(report).toMatch(new RegExp(`^⚠️ <@${ANNA}> `));
    expect(report).not.toContain('&lt;@');
    // The platform's error is shown as given: inert, like any value the bot did not write.
    expect(report).toContain('not_\u200Bin_\u200Bchannel');
  });
});
