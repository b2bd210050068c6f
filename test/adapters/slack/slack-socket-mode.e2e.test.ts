// The shared server also loads the Teams adapter, whose jwks-rsa requires `jose`, an ES module
// jest cannot require on Node 20 (plain Node can). Teams is not configured in these tests.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline')) }));

import express from 'express';
import pino from 'pino';
import { mountSlack } from '../../../adapters/slack/mount-slack';
import appMention from './fixtures/app-mention.json';
import commandFixture from './fixtures/slash-command.json';
import { FakeSocketMode } from './fake-socket-mode';
import { SlackHarness, visibleText, type SentMessage } from './slack-harness';

/** Socket Mode (SLACK_APP_TOKEN): the app dials out to Slack over a WebSocket, for development behind a firewall. */
describe('Slack adapter end to end: Socket Mode', () => {
  let h: SlackHarness;
  const socket = new FakeSocketMode();

  beforeAll(async () => {
    h = await SlackHarness.start({ appToken: 'xapp-1-A0ROLLOUT1-test' }, (fake) => {
      socket.attach(fake.httpServer);
      fake.socketUrl = fake.apiUrl.replace('http://', 'ws://').replace('/api/', '/socket');
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('connects with the app token, acks each envelope over the socket and answers', async () => {
    const [open] = h.calls('apps.connections.open');
    expect(open.token).toBe('xapp-1-A0ROLLOUT1-test');
    expect(socket.connected).toBe(true);

    socket.send({
      envelope_id: 'env-init-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { ...commandFixture, text: 'init Socket', response_url: h.fake.responseUrl('socket-init'), trigger_id: 'socket.trigger.1' },
    });
    // The core was fast: the answer rides on the envelope's ack, as Socket Mode allows.
    const acked = await socket.waitFor((m) => m.envelope_id === 'env-init-1');
    expect(acked.payload).toMatchObject({ response_type: 'in_channel' });
    expect(visibleText(acked.payload as SentMessage)).toContain('Rollout "Socket" started');
    expect(h.fake.of('response_url', 'socket-init')).toHaveLength(0);

    socket.send({ envelope_id: 'env-mention-1', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload: appMention });
    await socket.waitFor((m) => m.envelope_id === 'env-mention-1');
    const [reply] = await h.fake.waitFor('chat.postEphemeral');
    expect(visibleText(reply.body as SentMessage)).toContain('Next steps: Investigate');
  });

  it('refuses Socket Mode with OAuth, saying what to set instead', async () => {
    const oauth = { clientId: 'c', clientSecret: 's', stateSecret: 'x' };
    await expect(mountSlack(express(), h.bot, { signingSecret: 's', appToken: 'xapp-1', oauth }, pino({ level: 'silent' }))).rejects.toThrow(/set SLACK_BOT_TOKEN instead of the OAuth variables, or unset SLACK_APP_TOKEN/);
  });

  it('does not serve the HTTP endpoint in Socket Mode', async () => {
    const res = await fetch(h.eventsUrl, { method: 'POST', body: 'x' });
    expect(res.status).toBe(404);
  });
});
