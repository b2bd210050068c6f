// The shared server also loads the Teams adapter, whose jwks-rsa requires `jose`, an ES module
// jest cannot require on Node 20 (plain Node can). Teams is not configured in these tests.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline')) }));

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SlackHarness, visibleText } from './slack-harness';

/** Multi-workspace mode: install through OAuth, then serve the installed workspace with its own token. */
describe('Slack adapter end to end: OAuth install', () => {
  let h: SlackHarness;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slack-oauth-'));
  const databaseUrl = path.join(dir, 'installations.db');
  const saved = process.env.DATABASE_URL;

  beforeAll(async () => {
    // The installation table lives in the DATABASE_URL file (see README: SlackConfig lacks the path).
    process.env.DATABASE_URL = databaseUrl;
    h = await SlackHarness.start({ botToken: undefined, oauth: { clientId: '1234.5678', clientSecret: 'client-secret', stateSecret: 'state-secret' } });
  });
  afterAll(async () => {
    await h.close();
    process.env.DATABASE_URL = saved;
    fs.rmSync(dir, { recursive: true, force: true });
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

    const db = new Database(databaseUrl, { readonly: true });
    const row = db.prepare('SELECT install_key, installation FROM slack_installations').get() as { install_key: string; installation: string };
    db.close();
    expect(row.install_key).toBe('team:T0OAUTH01');
    expect(JSON.parse(row.installation).bot.token).toBe('xoxb-installed-token');

    const { reply, target } = await h.command('help', { team: 'T0OAUTH01' });
    expect(reply.status).toBe(200);
    expect(visibleText(await h.answer(target))).toContain('help');
    const [lookup] = await h.fake.waitFor('users.info');
    expect(lookup.token).toBe('xoxb-installed-token');
  });

  it('does not answer a workspace that never installed the app', async () => {
    const { reply, target } = await h.command('help');
    expect(reply.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.of('response_url', target)).toHaveLength(0);
  });
});
