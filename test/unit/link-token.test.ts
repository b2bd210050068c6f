import { LINK_DAYS, signLink, verifyLink, type LinkClaims } from '../../src/web-links/link-token';

const secret = Buffer.from('a-secret-of-at-least-thirty-two-characters');
const iat = Date.parse('2026-11-23T09:00:00.000Z');
const claims: LinkClaims = { scope: 'rollout', subject: 'r-1', iat, exp: iat + LINK_DAYS * 86_400_000 };

describe('dashboard link tokens', () => {
  it('open while valid and carry their scope', () => {
    expect(verifyLink(secret, signLink(secret, claims), iat + 1000)).toEqual({ ok: true, claims });
  });

  it('expire after 14 days', () => {
    const token = signLink(secret, claims);
    expect(verifyLink(secret, token, iat + 14 * 86_400_000 - 1).ok).toBe(true);
    expect(verifyLink(secret, token, iat + 14 * 86_400_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse a changed payload, a changed signature, another secret and garbage', () => {
    const token = signLink(secret, claims);
    const [payload, signature] = token.split('.');
    const longer = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp * 2 })).toString('base64url');
    const other = Buffer.from(JSON.stringify({ ...claims, subject: 'r-2' })).toString('base64url');
    for (const bad of [`${longer}.${signature}`, `${other}.${signature}`, `${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`, '', 'x.y', `${payload}.`, `${payload}.${signature}.x`]) {
      expect(verifyLink(secret, bad, iat)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(verifyLink(Buffer.from('another-secret-of-thirty-two-characters!'), token, iat)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuse a correctly signed token whose claims are not a link', () => {
    const forged = (value: unknown) => {
      const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
      const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
      return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
    };
    expect(verifyLink(secret, forged({ ...claims, scope: 'admin' }), iat)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyLink(secret, forged({ ...claims, write: true }), iat)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyLink(secret, forged('just a string'), iat)).toEqual({ ok: false, reason: 'invalid' });
  });
});
