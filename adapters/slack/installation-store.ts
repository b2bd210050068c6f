import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { RolloutStore } from '../../src/ports/rollout-store.port';

/** The kind of the core store's platform records that hold Slack OAuth installations. */
export const INSTALLATION_RECORD = 'slack.installation';

/** The part of the core store the installations live in (same database, one atomic unit per call). */
export type InstallationRecords = Pick<RolloutStore, 'savePlatformRecord' | 'platformRecord' | 'deletePlatformRecord'>;

/** An org-wide (Enterprise Grid) install is keyed by the enterprise, any other by the team. */
export function installationKey(query: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  if (query.isEnterpriseInstall && query.enterpriseId) return `enterprise:${query.enterpriseId}`;
  if (query.teamId) return `team:${query.teamId}`;
  throw new Error('A Slack installation needs a team id or an enterprise id.');
}

/**
 * Bolt's InstallationStore on the core store's platform records: one record per workspace (or
 * org), kind `slack.installation`, in the same database as the rollouts. The installation holds
 * the bot token, so the database is backed up and protected like any secret store.
 */
export class SlackInstallationStore implements InstallationStore {
  constructor(
    private readonly records: InstallationRecords,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async storeInstallation(installation: Installation<'v1' | 'v2', boolean>): Promise<void> {
    const key = installationKey({
      isEnterpriseInstall: installation.isEnterpriseInstall,
      enterpriseId: installation.enterprise?.id,
      teamId: installation.team?.id,
    });
    await this.records.savePlatformRecord(INSTALLATION_RECORD, key, JSON.stringify(installation), this.now().toISOString());
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const json = await this.records.platformRecord(INSTALLATION_RECORD, installationKey(query));
    if (!json) throw new Error(`No Slack installation for ${installationKey(query)}: install the app with /slack/install.`);
    return JSON.parse(json) as Installation<'v1' | 'v2', boolean>;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.records.deletePlatformRecord(INSTALLATION_RECORD, installationKey(query));
  }

  /**
   * The bot token of a workspace (`slack:T123`) for the outbox, which has only the workspace.
   * Undefined when the workspace never installed the app (or uninstalled it).
   */
  async botToken(workspace: string): Promise<string | undefined> {
    const team = workspace.replace(/^slack:/, '');
    const json = await this.records.platformRecord(INSTALLATION_RECORD, installationKey({ teamId: team }));
    if (!json) return undefined;
    return (JSON.parse(json) as Installation<'v1' | 'v2', boolean>).bot?.token;
  }
}
