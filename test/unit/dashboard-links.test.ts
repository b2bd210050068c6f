import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../src/compose';
import { checkLink, issueLink } from '../../src/web-links/dashboard-links';

describe('the secret that signs dashboard links', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-links-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is generated once and kept in the database, so links survive a restart; DASHBOARD_SECRET replaces it', async () => {
    const databaseUrl = path.join(dir, 'rollout.db');
    const first = createCore({ databaseUrl, defaultLocale: 'fi' });
    const token = await issueLink(first.deps, 'portfolio', 'slack:T1');
    await first.deps.store.close();

    const restarted = createCore({ databaseUrl, defaultLocale: 'fi' });
    expect(await checkLink(restarted.deps, token)).toMatchObject({ ok: true, claims: { scope: 'portfolio', subject: 'slack:T1' } });
    await restarted.deps.store.close();

    const configured = createCore({ databaseUrl, defaultLocale: 'fi', dashboardSecret: 's'.repeat(32) });
    expect(await checkLink(configured.deps, token)).toEqual({ ok: false, reason: 'invalid' });
    const own = await issueLink(configured.deps, 'portfolio', 'slack:T1');
    expect((await checkLink(configured.deps, own)).ok).toBe(true);
    await configured.deps.store.close();
  });

  it('opens no rollout that does not exist', async () => {
    const bot = createCore({ databaseUrl: ':memory:', defaultLocale: 'fi' });
    expect(await checkLink(bot.deps, await issueLink(bot.deps, 'rollout', 'no-such-rollout'))).toEqual({ ok: false, reason: 'invalid' });
    await bot.deps.store.close();
  });
});
