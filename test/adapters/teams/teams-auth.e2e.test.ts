// jwks-rsa loads `jose`, an ES module that jest cannot require on Node 20 (plain Node can). Here the
// key download always fails, as it would for a token signed by a key Microsoft never published.
jest.mock('jwks-rsa', () => () => ({ getSigningKey: (_kid: string, done: (err: Error) => void) => done(new Error('offline: no signing keys')) }));

import { generateKeyPairSync, sign } from 'node:crypto';
import express from 'express';
import pino from 'pino';
import { mountTeams } from '../../../adapters/teams/mount-teams';
import { LEENA, TEAM, TENANT, channelMessage } from './support/activities';
import { startTeamsHarness, type TeamsHarness } from './support/teams-harness';

const APP_ID = '0e3c1f5a-7b2d-4e8f-9a1b-2c3d4e5f6a7b';
let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness({ credentials: { appId: APP_ID, appPassword: 'not-a-real-secret', tenantId: TENANT } });
});
afterAll(async () => {
  await h.close();
});

const b64 = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');

/** A well-formed RS256 token signed with a key of our own, which no Microsoft key set contains. */
function forgedToken(claims: Record<string, unknown>): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' });
  const body = b64({ iss: 'https://api.botframework.com', aud: APP_ID, iat: now, nbf: now, exp: now + 600, serviceurl: h.connector.url, ...claims });
  return `${head}.${body}.${b64(sign('RSA-SHA256', Buffer.from(`${head}.${body}`), privateKey))}`;
}

describe('Teams with credentials configured', () => {
  it.each([
    ['no Authorization header', () => ({})],
    ['a malformed header', () => ({ authorization: 'Basic Zm9vOmJhcg==' })],
    ['a token that is not a JWT', () => ({ authorization: 'Bearer not-a-token' })],
    ['a token for another bot', () => ({ authorization: `Bearer ${forgedToken({ aud: 'someone-else' })}` })],
    ['a token signed by an unknown key', () => ({ authorization: `Bearer ${forgedToken({})}` })],
  ])('answers 401 to a request with %s and changes nothing', async (_label, headers) => {
    const res = await h.post(channelMessage(LEENA, 'init Kotikunta', { serviceUrl: h.connector.url }), headers());
    expect(res.status).toBe(401);
    expect(res.body).toHaveProperty('jwt-auth-error');
    expect(await h.bot.deps.store.listRollouts(`teams:${TENANT}:${TEAM}`)).toEqual([]);
    expect(h.connector.calls).toEqual([]);
  });

  it('still serves the health check', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});

describe('Teams without credentials', () => {
  it('is refused in production', async () => {
    await expect(mountTeams(express(), h.bot, {}, pino({ level: 'silent' }), true)).rejects.toThrow(/refused when NODE_ENV=production/);
  });
});
