import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Installation } from '@slack/bolt';
import { randomBytes } from 'node:crypto';
import { INSTALLATION_RECORD, SlackInstallationStore, installationKey } from '../../../adapters/slack/installation-store';
import { SecretBox } from '../../../src/core/secret-box';
import { openStore } from '../../../src/store/open-store';

const KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);

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
    const store = new SlackInstallationStore(core, new SecretBox(KEY), () => new Date('2027-01-04T08:00:00Z'));
    await store.storeInstallation(installation('T0ROLLOUT', 'xoxb-old'));
    await store.storeInstallation(installation('T0ROLLOUT', 'xoxb-new'));
    await store.storeInstallation(installation('T0OTHER01', 'xoxb-other'));
    expect(await core.platformRecord(INSTALLATION_RECORD, 'team:T0ROLLOUT')).not.toContain('xoxb-');
    await core.close();

    const reopened = openStore(`file:${file}`);
    const again = new SlackInstallationStore(reopened, new SecretBox(KEY));
    expect((await again.fetchInstallation(query('T0ROLLOUT'))).bot?.token).toBe('xoxb-new');
    expect(await again.botToken('slack:T0ROLLOUT')).toBe('xoxb-new');
    await again.deleteInstallation(query('T0ROLLOUT'));
    await expect(again.fetchInstallation(query('T0ROLLOUT'))).rejects.toThrow(/No Slack installation/);
    expect(await again.botToken('slack:T0ROLLOUT')).toBeUndefined();
    expect((await again.fetchInstallation(query('T0OTHER01'))).bot?.token).toBe('xoxb-other');
    await reopened.close();
  });

  it('encrypts tokens at rest; after a key rotation reads with the previous key and seals again with the new one', async () => {
    const core = openStore(':memory:');
    await new SlackInstallationStore(core, new SecretBox(KEY)).storeInstallation(installation('T0ROTATE1', 'xoxb-rotate'));
    const sealedWithOld = await core.platformRecord(INSTALLATION_RECORD, 'team:T0ROTATE1');
    expect(sealedWithOld).not.toContain('xoxb-rotate');

    // Only the new key: the old record cannot be read, and says which variable is missing.
    await expect(new SlackInstallationStore(core, new SecretBox(NEW_KEY)).botToken('slack:T0ROTATE1')).rejects.toThrow(/ENCRYPTION_KEY_PREVIOUS/);
    expect(await core.platformRecord(INSTALLATION_RECORD, 'team:T0ROTATE1')).toBe(sealedWithOld);

    const rotating = new SlackInstallationStore(core, new SecretBox(NEW_KEY, [KEY]));
    expect(await rotating.botToken('slack:T0ROTATE1')).toBe('xoxb-rotate');
    const resealed = await core.platformRecord(INSTALLATION_RECORD, 'team:T0ROTATE1');
    expect(resealed).not.toBe(sealedWithOld);
    // Sealed with the new key now: the previous key may go.
    expect(await new SlackInstallationStore(core, new SecretBox(NEW_KEY)).botToken('slack:T0ROTATE1')).toBe('xoxb-rotate');
    await core.close();
  });

  it('seals an installation stored in plain JSON (before encryption) when it is first read', async () => {
    const core = openStore(':memory:');
    await core.savePlatformRecord(INSTALLATION_RECORD, 'team:T0PLAIN01', JSON.stringify(installation('T0PLAIN01', 'xoxb-plain')), '2027-01-04T08:00:00Z');
    const store = new SlackInstallationStore(core, new SecretBox(KEY));
    expect((await store.fetchInstallation(query('T0PLAIN01'))).bot?.token).toBe('xoxb-plain');
    expect(await core.platformRecord(INSTALLATION_RECORD, 'team:T0PLAIN01')).not.toContain('xoxb-plain');
    expect(await store.botToken('slack:T0PLAIN01')).toBe('xoxb-plain');
    await core.close();
  });

  it('keys org-wide installs by enterprise', () => {
    expect(installationKey({ isEnterpriseInstall: true, enterpriseId: 'E1', teamId: undefined })).toBe('enterprise:E1');
    expect(installationKey({ isEnterpriseInstall: false, enterpriseId: 'E1', teamId: 'T1' })).toBe('team:T1');
    expect(installationKey({ isEnterpriseInstall: true, enterpriseId: undefined, teamId: 'T2' })).toBe('team:T2');
    expect(() => installationKey({})).toThrow('A Slack installation needs a team id or an enterprise id.');
    expect(() => installationKey({ isEnterpriseInstall: true, teamId: undefined })).toThrow('A Slack installation needs a team id or an enterprise id.');
  });
});
