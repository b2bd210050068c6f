import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Installation } from '@slack/bolt';
import { SlackInstallationStore, installationKey } from '../../../adapters/slack/installation-store';
import { SqliteInstallationRecords } from '../../../adapters/slack/sqlite-installation-records';

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

describe('Slack installation store on the SQLite file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slack-install-'));
  const file = path.join(dir, 'rollout.db');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores, replaces, finds (also after reopening) and deletes installations per workspace', async () => {
    const records = new SqliteInstallationRecords(file);
    const store = new SlackInstallationStore(records);
    await store.storeInstallation(installation('T0ROLLOUT', 'xoxb-old'));
    await store.storeInstallation(installation('T0ROLLOUT', 'xoxb-new'));
    await store.storeInstallation(installation('T0OTHER01', 'xoxb-other'));
    await records.close();

    const reopened = new SqliteInstallationRecords(`file:${file}`);
    const again = new SlackInstallationStore(reopened);
    const found = await again.fetchInstallation({ teamId: 'T0ROLLOUT', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(found.bot?.token).toBe('xoxb-new');
    await again.deleteInstallation({ teamId: 'T0ROLLOUT', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(again.fetchInstallation({ teamId: 'T0ROLLOUT', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(/No Slack installation/);
    expect((await again.fetchInstallation({ teamId: 'T0OTHER01', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-other');
    await reopened.close();
  });

  it('keys org-wide installs by enterprise', () => {
    expect(installationKey({ isEnterpriseInstall: true, enterpriseId: 'E1', teamId: undefined })).toBe('enterprise:E1');
    expect(installationKey({ isEnterpriseInstall: false, enterpriseId: 'E1', teamId: 'T1' })).toBe('team:T1');
    expect(() => installationKey({})).toThrow();
  });
});
