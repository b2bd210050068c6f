// The shared server also loads the Teams adapter, whose jwks-rsa requires `jose`, an ES module
// jest cannot require on Node 20 (plain Node can). Teams is not configured in these tests.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline')) }));

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { INSTALLATION_RECORD } from '../../../adapters/slack/installation-store';
import { SlackHarness, visibleText } from './slack-harness';

/** Multi-workspace mode: install through OAuth, then serve the installed workspace with its own token. */
describe('Slack adapter end to end: OAuth install', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await SlackHarness.start({
      botToken: undefined,
      oauth: { clientId: '1234.5678', clientSecret: 'client-secret', stateSecret: 'state-secret' },
      secretKeys: { current: randomBytes(32), previous: [] },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('installs into a workspace and then answers it with the installed bot token', async () => {
    const base = `http://127.0.0.1:${h.server.port}`;
    const install = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(install.status).toBe(200);
    const page = await install.text();
    const authorize = /href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]+)"/.exec(page)?.[1].replace(/&amp;/g, '&');
    expect(authorize).toBeDefined();
    const params = new URL(authorize!).searchParams;
    expect(params.get('client_id')).toBe('1234.5678');
    expect(params.get('scope')?.split(',')).toEqual(expect.arrayContaining(['commands', 'chat:write', 'users:read', 'im:history']));
    const cookie = install.headers.get('set-cookie')!.split(';')[0];

    const redirect = await fetch(`${base}/slack/oauth_redirect?code=temp-code&state=${encodeURIComponent(params.get('state')!)}`, { headers: { cookie } });
    expect(redirect.status).toBe(200);
    await redirect.text();
    const [exchange] = await h.fake.waitFor('oauth.v2.access');
    expect(exchange.body).toMatchObject({ code: 'temp-code', client_id: '1234.5678' });

    // Kept in the core store, in the same database as the rollouts, sealed: neither the record
    // nor the database file holds the token readable.
    const record = await h.bot.deps.store.platformRecord(INSTALLATION_RECORD, 'team:T0OAUTH01');
    expect(Object.keys(JSON.parse(record!))).toEqual(['sealed']);
    expect(record).not.toContain('xoxb-');
    const files = fs.readdirSync(h.dir).map((f) => fs.readFileSync(path.join(h.dir, f)).toString('latin1'));
    expect(files.join('')).not.toContain('xoxb-installed-token');

    const { reply, target } = await h.command('help', { team: 'T0OAUTH01' });
    expect(reply.status).toBe(200);
    expect(visibleText(await h.answer(target))).toContain('help');
    const [lookup] = await h.fake.waitFor('users.info');
    expect(lookup.token).toBe('xoxb-installed-token');
  });

  it('delivers the outbox in OAuth mode too, with the token of the message\'s workspace', async () => {
    const [sender] = h.server.senders;
    expect(sender.platform).toBe('slack');
    const message = { workspace: 'slack:T0OAUTH01', channel: 'slack:C0OAUTH01', text: 'Hei', idempotencyKey: 'oauth-1', kind: 'announcement' as const };
    expect((await sender.post(message)).ok).toBe(true);
    expect(h.calls('chat.postMessage').at(-1)?.token).toBe('xoxb-installed-token');
    expect(await sender.post({ ...message, workspace: 'slack:T0NEVER01' })).toMatchObject({ ok: false, retryable: false });
  });

  it('does not answer a workspace that never installed the app', async () => {
    const { reply, target } = await h.command('help');
    expect(reply.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.of('response_url', target)).toHaveLength(0);
  });
});
