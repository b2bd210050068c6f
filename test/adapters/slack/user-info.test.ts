import { TtlCache } from '../../../adapters/slack/ttl-cache';
import { UserInfoCache, type UsersInfoClient } from '../../../adapters/slack/user-info';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('users.info cache', () => {
  it('asks Slack once per user within the TTL, sharing concurrent lookups', async () => {
    let now = 0;
    let calls = 0;
    const client: UsersInfoClient = {
      users: {
        info: async ({ user, include_locale }) => {
          calls++;
          expect(include_locale).toBe(true);
          return { ok: true, user: { name: user, locale: 'sv-SE', profile: { display_name: 'Sven' } } };
        },
      },
    };
    const cache = new UserInfoCache(silent, 1000, () => now);
    const [a, b] = await Promise.all([cache.lookup(client, 'T1', 'U1'), cache.lookup(client, 'T1', 'U1')]);
    expect(a).toEqual({ locale: 'sv-SE', name: 'Sven' });
    expect(b).toBe(a);
    await cache.lookup(client, 'T1', 'U1');
    expect(calls).toBe(1);
    expect(cache.peek('T1', 'U1')).toEqual(a);
    now = 1001;
    await cache.lookup(client, 'T1', 'U1');
    expect(calls).toBe(2);
  });

  it('falls back to nothing when Slack fails, and tries again later', async () => {
    let calls = 0;
    const client: UsersInfoClient = {
      users: {
        info: async () => {
          calls++;
          throw new Error('missing_scope');
        },
      },
    };
    const cache = new UserInfoCache(silent);
    expect(await cache.lookup(client, 'T1', 'U2')).toEqual({});
    expect(await cache.lookup(client, 'T1', 'U2')).toEqual({});
    expect(calls).toBe(1);
  });

  it('knows a workspace admin or owner from users.info', async () => {
    const flags: Record<string, { is_admin?: boolean; is_owner?: boolean }> = { UADMIN: { is_admin: true }, UOWNER: { is_owner: true }, UMEMBER: { is_admin: false } };
    const client: UsersInfoClient = { users: { info: async ({ user }) => ({ ok: true, user: { name: user, ...flags[user] } }) } };
    const cache = new UserInfoCache(silent);
    expect(await cache.lookup(client, 'T1', 'UADMIN')).toEqual({ name: 'UADMIN', admin: true });
    expect(await cache.lookup(client, 'T1', 'UOWNER')).toEqual({ name: 'UOWNER', admin: true });
    expect(await cache.lookup(client, 'T1', 'UMEMBER')).toEqual({ name: 'UMEMBER' });
  });

  it('evicts the oldest entry when full', () => {
    const cache = new TtlCache<number>(1000, 2, () => 0);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([undefined, 2, 3, 2]);
  });
});
