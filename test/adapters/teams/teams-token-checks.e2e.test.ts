// The signing keys the SDK fetches (jwks-rsa) are the far edge here: for kid `test-key` it gets the
// public half of a key made in this test, so tokens signed with it have a valid signature and the
// checks after the signature (issuer, tenant, serviceUrl) decide. jwks-rsa loads `jose`, an ES
// module jest cannot require on Node 20, so it is replaced as a whole.
jest.mock('jwks-rsa', () => () => ({
  getSigningKey: (kid: string, done: (err: Error | null, key?: { getPublicKey(): string }) => void) =>
    kid === 'test-key' ? done(null, { getPublicKey: () => mockSigningKeys.publicKey }) : done(new Error('unknown key')),
}));

import { generateKeyPairSync, sign } from 'node:crypto';
import { LEENA, TEAM, TENANT, channelMessage } from './support/activities';
import { startTeamsHarness, type TeamsHarness } from './support/teams-harness';

const mockSigningKeys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

const APP_ID = '0e3c1f5a-7b2d-4e8f-9a1b-2c3d4e5f6a7b';
const OTHER_TENANT = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const WORKSPACE = `teams:${TENANT}:${TEAM}`;

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A token with a valid signature (the test's key stands in for Microsoft's). */
function token(claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: 'test-key' });
  const body = b64({ aud: APP_ID, iat: now, nbf: now, exp: now + 600, ...claims });
  return `${head}.${body}.${sign('RSA-SHA256', Buffer.from(`${head}.${body}`), mockSigningKeys.privateKey).toString('base64url')}`;
}

/** The Bot Connector's own token (what Teams sends), for a service URL. */
const connectorToken = (serviceurl: string) => token({ iss: 'https://api.botframework.com', serviceurl });
/** An Entra token for this app id, issued in a tenant. */
const entraToken = (tenant: string) => token({ iss: `https://login.microsoftonline.com/${tenant}/v2.0`, tid: tenant, azp: APP_ID, ver: '2.0' });

/**
 * `expectReplies`, without a serviceUrl: the answer comes back in the HTTP response, so the turn
 * needs no token of the bot's own from Entra (which this offline test cannot get).
 */
function inlineMessage(text: string) {
  const { serviceUrl: _unused, ...activity } = channelMessage(LEENA, text, { serviceUrl: '' });
  return { ...activity, deliveryMode: 'expectReplies' };
}

describe('Teams token checks', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ credentials: { appId: APP_ID, appPassword: 'not-a-real-secret', tenantId: TENANT } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('serves a Bot Connector token and an Entra token of our own tenant', async () => {
    const res = await h.post(inlineMessage('init Kotikunta'), { authorization: `Bearer ${connectorToken('https://smba.trafficmanager.net/emea/')}` });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('Kotikunta');
    expect((await h.bot.deps.store.listRollouts(WORKSPACE)).map((r) => r.name)).toEqual(['Kotikunta']);

    const own = await h.post(inlineMessage('status'), { authorization: `Bearer ${entraToken(TENANT)}` });
    expect(own.status).toBe(200);
  });

  it('refuses a token for this app id issued in another tenant (401), and changes nothing', async () => {
    const before = await h.bot.deps.store.listRollouts(WORKSPACE);
    const res = await h.post(inlineMessage('init Toinen'), { authorization: `Bearer ${entraToken(OTHER_TENANT)}` });
    expect(res.status).toBe(401);
    expect(res.body).toHaveProperty('jwt-auth-error');
    expect(await h.bot.deps.store.listRollouts(WORKSPACE)).toEqual(before);
  });

  it('refuses a token whose issuer is not Microsoft (401)', async () => {
    const res = await h.post(inlineMessage('init Kolmas'), { authorization: `Bearer ${token({ iss: 'https://issuer.example/' })}` });
    expect(res.status).toBe(401);
    expect((await h.bot.deps.store.listRollouts(WORKSPACE)).map((r) => r.name)).not.toContain('Kolmas');
  });

  it.each([
    ['a host that is not the Bot Connector', 'https://evil.example/teams/', 'https://evil.example/teams/'],
    ['plain http to a connector host', 'http://smba.trafficmanager.net/emea/', 'http://smba.trafficmanager.net/emea/'],
    ['another URL than the token names', 'https://smba.trafficmanager.net.evil.example/', 'https://smba.trafficmanager.net/emea/'],
  ])('answers 400 to an activity whose serviceUrl is %s, and changes nothing', async (_label, serviceUrl, claim) => {
    const res = await h.post(channelMessage(LEENA, 'init Neljäs', { serviceUrl }), { authorization: `Bearer ${connectorToken(claim)}` });
    expect(res.status).toBe(400);
    expect((await h.bot.deps.store.listRollouts(WORKSPACE)).map((r) => r.name)).not.toContain('Neljäs');
  });
});

describe('Teams without credentials: serviceUrl', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({});
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 400 to an activity naming a serviceUrl that is neither local nor Microsoft, and changes nothing', async () => {
    const res = await h.post(channelMessage(LEENA, 'init Kotikunta', { serviceUrl: 'http://evil.example/' }));
    expect(res.status).toBe(400);
    expect(await h.bot.deps.store.listRollouts(WORKSPACE)).toEqual([]);
  });

  it('serves the local fake connector', async () => {
    const res = await h.post(channelMessage(LEENA, 'init Kotikunta', { serviceUrl: h.connector.url }));
    expect(res.status).toBe(200);
    expect((await h.bot.deps.store.listRollouts(WORKSPACE)).map((r) => r.name)).toEqual(['Kotikunta']);
  });
});
