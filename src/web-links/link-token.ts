import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a link opens: one rollout's dashboard, or every rollout of a workspace. */
export type LinkScope = 'rollout' | 'portfolio';

/** How long a link works. */
export const LINK_DAYS = 14;

export interface LinkClaims {
  scope: LinkScope;
  /** Rollout id for `rollout`, workspace id for `portfolio`. */
  subject: string;
  /** Issued at and expires at, in milliseconds since the epoch. */
  iat: number;
  exp: number;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'invalid' | 'expired' | 'revoked' };

const claimsSchema = z.object({
  scope: z.enum(['rollout', 'portfolio']),
  subject: z.string().min(1).max(200),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
}).strict();

const TOKEN = /^[A-Za-z0-9_-]{10,600}\.[A-Za-z0-9_-]{43}$/;

function mac(secret: Buffer, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/** `base64url(claims).base64url(HMAC-SHA256(secret, base64url(claims)))`: read-only, expiring, unforgeable. */
export function signLink(secret: Buffer, claims: LinkClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** Checks the signature first, then the claims and the expiry. Revocation is the caller's (it needs the store). */
export function verifyLink(secret: Buffer, token: string, now: number): LinkCheck {
  if (!TOKEN.test(token)) return { ok: false, reason: 'invalid' };
  const [payload, signature] = token.split('.');
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const claims = claimsSchema.safeParse(parsed);
  if (!claims.success) return { ok: false, reason: 'invalid' };
  if (claims.data.exp <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: claims.data };
}
