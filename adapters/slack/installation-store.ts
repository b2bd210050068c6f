import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';

/**
 * Key-value persistence of OAuth installations. This is the method set the core store port
 * should offer (`saveInstallation`, `findInstallation`, `deleteInstallation`); until it does,
 * `SqliteInstallationRecords` provides it on the same database file.
 */
export interface InstallationRecords {
  save(key: string, json: string): Promise<void>;
  find(key: string): Promise<string | undefined>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

/** An org-wide (Enterprise Grid) install is keyed by the enterprise, any other by the team. */
export function installationKey(query: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  if (query.isEnterpriseInstall && query.enterpriseId) return `enterprise:${query.enterpriseId}`;
  if (query.teamId) return `team:${query.teamId}`;
  throw new Error('A Slack installation needs a team id or an enterprise id.');
}

/** Bolt's InstallationStore on top of key-value records: one row per workspace or org. */
export class SlackInstallationStore implements InstallationStore {
  constructor(private readonly records: InstallationRecords) {}

  async storeInstallation(installation: Installation<'v1' | 'v2', boolean>): Promise<void> {
    const key = installationKey({
      isEnterpriseInstall: installation.isEnterpriseInstall,
      enterpriseId: installation.enterprise?.id,
      teamId: installation.team?.id,
    });
    await this.records.save(key, JSON.stringify(installation));
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const json = await this.records.find(installationKey(query));
    if (!json) throw new Error(`No Slack installation for ${installationKey(query)}: install the app with /slack/install.`);
    return JSON.parse(json) as Installation<'v1' | 'v2', boolean>;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.records.delete(installationKey(query));
  }
}
