import { randomBytes } from 'node:crypto';
import type { CoreDeps } from '../app';
import { LINK_DAYS, signLink, verifyLink, type LinkCheck, type LinkScope } from './link-token';

/** Where the generated signing secret is kept when `DASHBOARD_SECRET` is not set. */
const SECRET_RECORD = ['dashboard', 'secret'] as const;
/** Rollout setting: links issued before this time (ISO) no longer open. */
export const LINKS_REVOKED_BEFORE = 'dashboard_revoked_before';

const secrets = new WeakMap<CoreDeps, Promise<Buffer>>();

/**
 * The key that signs dashboard links: `DASHBOARD_SECRET`, else one generated on first use and
 * kept in the database, so links survive a restart and every process on the file agrees.
 */
function secretOf(deps: CoreDeps): Promise<Buffer> {
  let secret = secrets.get(deps);
  if (!secret) {
    secret = (async () => {
      if (deps.dashboardSecret) return Buffer.from(deps.dashboardSecret, 'utf8');
      const [kind, key] = SECRET_RECORD;
      // Platform records hold JSON text: the secret is kept as a JSON string of base64url.
      const kept = await deps.store.platformRecord(kind, key);
      if (kept) return Buffer.from(JSON.parse(kept) as string, 'base64url');
      await deps.store.savePlatformRecord(kind, key, JSON.stringify(randomBytes(32).toString('base64url')), deps.clock.now().toISOString());
      // Read back: if another process saved one first, both use the same.
      return Buffer.from(JSON.parse((await deps.store.platformRecord(kind, key))!) as string, 'base64url');
    })();
    secret.catch(() => secrets.delete(deps));
    secrets.set(deps, secret);
  }
  return secret;
}

/** A signed token for a rollout (`subject` = rollout id) or a workspace's portfolio (`subject` = workspace). */
export async function issueLink(deps: CoreDeps, scope: LinkScope, subject: string): Promise<string> {
  const iat = deps.clock.now().getTime();
  return signLink(await secretOf(deps), { scope, subject, iat, exp: iat + LINK_DAYS * 86_400_000 });
}

/** Signature, expiry, and for a rollout its "revoked before" time and that it still exists. */
export async function checkLink(deps: CoreDeps, token: string): Promise<LinkCheck> {
  const check = verifyLink(await secretOf(deps), token, deps.clock.now().getTime());
  if (!check.ok || check.claims.scope !== 'rollout') return check;
  const state = await deps.store.load(check.claims.subject);
  if (!state) return { ok: false, reason: 'invalid' };
  const revokedBefore = state.rollout.settings[LINKS_REVOKED_BEFORE];
  if (revokedBefore && check.claims.iat < Date.parse(revokedBefore)) return { ok: false, reason: 'revoked' };
  return check;
}

/** The external address of a page, or undefined when `PUBLIC_URL` is not configured. */
export function linkUrl(deps: CoreDeps, token: string, page = ''): string | undefined {
  if (!deps.publicUrl) return undefined;
  return `${deps.publicUrl.replace(/\/+$/, '')}/dashboard/${token}${page ? `/${page}` : '/'}`;
}
