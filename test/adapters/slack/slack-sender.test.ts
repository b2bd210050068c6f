import { createSlackSender, sendFailure } from '../../../adapters/slack/slack-sender';
import { FakeSlackApi } from './fake-slack-api';

describe('Slack outbox sender (against the fake Web API)', () => {
  let fake: FakeSlackApi;
  beforeAll(async () => {
    fake = await new FakeSlackApi().start();
  });
  afterAll(async () => {
    await fake.close();
  });

  const message = { workspace: 'slack:T1', channel: 'slack:C0STAFF01', text: 'Go-live on Monday <!channel> & <https://evil|x>', idempotencyKey: 'k-1', kind: 'announcement' as const };

  it('posts escaped text with the idempotency key as metadata, and updates by ts', async () => {
    const sender = createSlackSender({ token: 'xoxb-outbox', apiUrl: fake.apiUrl });
    expect(sender.platform).toBe('slack');
    expect(sender.minIntervalMs).toBeGreaterThanOrEqual(1000);
    const posted = await sender.post(message);
    expect(posted.ok).toBe(true);
    const [call] = fake.of('chat.postMessage');
    expect(call.token).toBe('xoxb-outbox');
    expect(call.body).toMatchObject({ channel: 'C0STAFF01', text: 'Go-live on Monday &lt;!channel&gt; &amp; &lt;https://evil|x&gt;' });
    expect(call.body.metadata).toEqual({ event_type: 'rollout_outbox', event_payload: { idempotency_key: 'k-1', kind: 'announcement' } });
    const updated = await sender.update({ ...message, text: 'Moved to Tuesday', messageId: posted.ok ? posted.messageId : '' });
    expect(updated.ok).toBe(true);
    expect(fake.of('chat.update')[0].body).toMatchObject({ channel: 'C0STAFF01', ts: posted.ok ? posted.messageId : '', text: 'Moved to Tuesday' });
  });

  it('reports a 429 with its Retry-After without waiting, and tells permanent errors from passing ones', async () => {
    const sender = createSlackSender({ token: 'xoxb-outbox', apiUrl: fake.apiUrl });
    fake.failures.set('chat.postMessage', [
      { status: 429, headers: { 'retry-after': '7' }, body: { ok: false, error: 'ratelimited' } },
      { status: 200, body: { ok: false, error: 'not_in_channel' } },
      { status: 200, body: { ok: false, error: 'fatal_error' } },
      { status: 503, body: { ok: false } },
    ]);
    const started = Date.now();
    expect(await sender.post(message)).toMatchObject({ ok: false, retryable: true, retryAfterMs: 7000 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await sender.post(message)).toEqual({ ok: false, retryable: false, error: 'not_in_channel' });
    expect(await sender.post(message)).toEqual({ ok: false, retryable: true, uncertain: true, error: 'fatal_error' });
    expect(await sender.post(message)).toMatchObject({ ok: false, retryable: true, error: 'http_503' });
    // Only one request per post: the sender never retries by itself.
    expect(fake.of('chat.postMessage')).toHaveLength(1 + 4);
    expect(sendFailure(new Error('socket hang up'))).toMatchObject({ ok: false, retryable: true });
  });

  it('treats channel_not_found, is_archived and invalid_auth as final, 5xx and network errors as passing', async () => {
    const sender = createSlackSender({ token: 'xoxb-outbox', apiUrl: fake.apiUrl });
    for (const error of ['channel_not_found', 'is_archived', 'invalid_auth', 'token_revoked', 'missing_scope']) {
      fake.failures.set('chat.postMessage', [{ status: 200, body: { ok: false, error } }]);
      expect(await sender.post(message)).toEqual({ ok: false, retryable: false, error });
    }
    fake.failures.set('chat.postMessage', [{ status: 500, body: { ok: false } }]);
    expect(await sender.post(message)).toEqual({ ok: false, retryable: true, uncertain: true, error: 'http_500' });
    const unreachable = createSlackSender({ token: 'xoxb-outbox', apiUrl: 'http://127.0.0.1:9/api/' });
    expect(await unreachable.post(message)).toMatchObject({ ok: false, retryable: true });
  });

  it('in OAuth mode posts with the token of the message\'s workspace, and says so when there is none', async () => {
    const tokens: Record<string, string> = { 'slack:T0EAST001': 'xoxb-east', 'slack:T0WEST001': 'xoxb-west' };
    const sender = createSlackSender({ tokenFor: async (w) => tokens[w], apiUrl: fake.apiUrl });
    const before = fake.of('chat.postMessage').length;
    expect((await sender.post({ ...message, workspace: 'slack:T0WEST001' })).ok).toBe(true);
    expect((await sender.post({ ...message, workspace: 'slack:T0EAST001' })).ok).toBe(true);
    expect(fake.of('chat.postMessage').slice(before).map((c) => c.token)).toEqual(['xoxb-west', 'xoxb-east']);
    expect(await sender.post({ ...message, workspace: 'slack:T0GONE001' })).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/^not_installed/) });
  });

  it('finds a message delivered before a crash by its idempotency key in the channel history', async () => {
    const sender = createSlackSender({ token: 'xoxb-outbox', apiUrl: fake.apiUrl });
    const since = new Date(Date.now() - 60_000).toISOString();
    const target = { ...message, channel: 'slack:C0HIST001', idempotencyKey: 'k-history' };
    expect(await sender.findDelivered!(target, since)).toBeUndefined();
    const posted = await sender.post(target);
    await sender.post({ ...target, idempotencyKey: 'k-other' });
    expect(await sender.findDelivered!(target, since)).toBe(posted.ok ? posted.messageId : 'missing');
    const [lookup] = fake.of('conversations.history').slice(-1);
    expect(lookup.body).toMatchObject({ channel: 'C0HIST001', include_all_metadata: 'true' });
    expect(Number(lookup.body.oldest)).toBeCloseTo(Date.parse(since) / 1000, 3);
    // Older than `since` does not count.
    expect(await sender.findDelivered!(target, new Date(Date.now() + 5_000).toISOString())).toBeUndefined();
  });
});
