import type { Logger } from '../../src/ports/logger.port';
import { TtlCache } from './ttl-cache';
import type { UserInfo } from './translate';

/** The part of the Web API client we use, so tests and benchmarks can pass a stub. */
export interface UsersInfoClient {
  users: {
    info(args: { user: string; include_locale?: boolean }): Promise<{
      ok?: boolean;
      user?: { locale?: string; name?: string; real_name?: string; is_admin?: boolean; is_owner?: boolean; profile?: { display_name?: string; real_name?: string } };
    }>;
  };
}

const HOUR = 60 * 60 * 1000;
/** After a failed lookup, try again soon rather than never. */
const FAILURE_TTL = 60 * 1000;

/**
 * A user's Slack locale, display name and admin status via `users.info` (include_locale), cached per user so
 * that only the first request of a person in an hour waits for the API. Concurrent lookups of
 * the same user share one call. A failure (missing scope, rate limit) yields `{}`: the core then
 * falls back to the rollout's language.
 */
export class UserInfoCache {
  private readonly cache: TtlCache<UserInfo>;
  private readonly pending = new Map<string, Promise<UserInfo>>();

  constructor(
    private readonly logger: Logger,
    ttlMs = HOUR,
    now: () => number = Date.now,
  ) {
    this.cache = new TtlCache<UserInfo>(ttlMs, 20_000, now);
  }

  async lookup(client: UsersInfoClient, team: string, user: string): Promise<UserInfo> {
    const key = `${team}:${user}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const promise = this.fetch(client, key, user).finally(() => this.pending.delete(key));
    this.pending.set(key, promise);
    return promise;
  }

  /** What is cached, without calling Slack: for answers that must not wait (a modal's validation). */
  peek(team: string, user: string): UserInfo {
    return this.cache.get(`${team}:${user}`) ?? {};
  }

  private async fetch(client: UsersInfoClient, key: string, user: string): Promise<UserInfo> {
    try {
      const res = await client.users.info({ user, include_locale: true });
      const u = res.user ?? {};
      const name = u.profile?.display_name || u.profile?.real_name || u.real_name || u.name;
      const info: UserInfo = { ...(u.locale ? { locale: u.locale } : {}), ...(name ? { name } : {}), ...(u.is_admin || u.is_owner ? { admin: true } : {}) };
      this.cache.set(key, info);
      return info;
    } catch (err) {
      this.logger.warn({ err, user }, 'slack users.info failed; using the rollout language');
      this.cache.set(key, {}, FAILURE_TTL);
      return {};
    }
  }
}
