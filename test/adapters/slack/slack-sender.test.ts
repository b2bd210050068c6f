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
    const sender = createSlackSender('xoxb-outbox', fake.apiUrl);
    expect(sender.platform).toBe('slack');
    expect(sender.minIntervalMs).toBeGreaterThanOrEqual(1000);
    const posted = await sender.post(message);
    expect(posted.ok).toBe(true);
    const [call] = fake.of('chat.postMessage');
    expect(call.token).toBe('xoxb-outbox');
    expect(call.body).toMatchObject({ channel: 'C0STAFF01', text: 'Go-live on Monday &lt;!channel&gt; &amp; &lt;https://evil|x&gt;' });
    expect(JSON.parse(String(call.body.metadata))).toEqual({ event_type: 'rollout_outbox', event_payload: { idempotency_key: 'k-1', kind: 'announcement' } });
    const updated = await sender.update({ ...message, text: 'Moved to Tuesday', messageId: posted.ok ? posted.messageId : '' });
    expect(updated.ok).toBe(true);
    expect(fake.of('chat.update')[0].body).toMatchObject({ channel: 'C0STAFF01', ts: posted.ok ? posted.messageId : '', text: 'Moved to Tuesday' });
  });

  it('reports a 429 with its Retry-After without waiting, and tells permanent errors from passing ones', async () => {
    const sender = createSlackSender('xoxb-outbox', fake.apiUrl);
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
    expect(await sender.post(message)).toEqual({ ok: false, retryable: true, error: 'fatal_error' });
    expect(await sender.post(message)).toMatchObject({ ok: false, retryable: true });
    expect(sendFailure(new Error('socket hang up'))).toMatchObject({ ok: false, retryable: true });
  });
});
