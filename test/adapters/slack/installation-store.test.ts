import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Installation } from '@slack/bolt';
import { INSTALLATION_RECORD, SlackInstallationStore, installationKey } from '../../../adapters/slack/installation-store';
import { openStore } from '../../../src/store/open-store';

const installation = (team: string, token: string) =>
  ({
    team: { id: team, name: 'Kunta' },
    enterprise: undefined,
    user: { id: 'U0ANNA001', token: undefined, scopes: undefined },
    bot: { token, scopes: ['commands'], id: 'B0ROLLOUT1', userId: 'U0ROLLBOT' },
    tokenType: 'bot',
    isEnterpriseInstall: false,
    appId: 'A0ROLLOUT1',
    authVersion: 'v2',
  }) as Installation<'v2', false>;

const query = (teamId: string) => ({ teamId, enterpriseId: undefined, isEnterpriseInstall: false as const });

describe('Slack installation store on the core store (platform records)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slack-install-'));
  const file = path.join(dir, 'rollout.db');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores, replaces, finds (also after reopening the database) and deletes installations per workspace', async () => {
    const core = openStore(file);
    const store = new SlackInstallationStore(core, () => new Date('2027-01-04T08:00:00Z'));
    await store.storeInstallation(installation('T0ROLLOUT', 'xoxb-old'));
    await store.storeInstallation(installation('T0ROLLOUT', 'xoxb-new'));
    await store.storeInstallation(installation('T0OTHER01', 'xoxb-other'));
    expect(JSON.parse((await core.platformRecord(INSTALLATION_RECORD, 'team:T0ROLLOUT'))!).bot.token).toBe('xoxb-new');
    await core.close();

    const reopened = openStore(`file:${file}`);
    const again = new SlackInstallationStore(reopened);
    expect((await again.fetchInstallation(query('T0ROLLOUT'))).bot?.token).toBe('xoxb-new');
    expect(await again.botToken('slack:T0ROLLOUT')).toBe('xoxb-new');
    await again.deleteInstallation(query('T0ROLLOUT'));
    await expect(again.fetchInstallation(query('T0ROLLOUT'))).rejects.toThrow(/No Slack installation/);
    expect(await again.botToken('slack:T0ROLLOUT')).toBeUndefined();
    expect((await again.fetchInstallation(query('T0OTHER01'))).bot?.token).toBe('xoxb-other');
    await reopened.close();
  });

  it('keys org-wide installs by enterprise', () => {
    expect(installationKey({ isEnterpriseInstall: true, enterpriseId: 'E1', teamId: undefined })).toBe('enterprise:E1');
    expect(installationKey({ isEnterpriseInstall: false, enterpriseId: 'E1', teamId: 'T1' })).toBe('team:T1');
    expect(() => installationKey({})).toThrow();
  });
});
