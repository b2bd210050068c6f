import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { SecretBox } from '../../src/core/secret-box';
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
 * org), kind `slack.installation`, in the same database as the rollouts. An installation holds
 * the workspace's bot token, so the record holds it sealed (`{"sealed": "v1..."}`, AES-256-GCM
 * with ENCRYPTION_KEY). A record in plain JSON (written before encryption) or sealed with
 * ENCRYPTION_KEY_PREVIOUS is still read, and written back sealed with the current key at once.
 */
export class SlackInstallationStore implements InstallationStore {
  constructor(
    private readonly records: InstallationRecords,
    private readonly box: SecretBox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async storeInstallation(installation: Installation<'v1' | 'v2', boolean>): Promise<void> {
    const key = installationKey({
      isEnterpriseInstall: installation.isEnterpriseInstall,
      enterpriseId: installation.enterprise?.id,
      teamId: installation.team?.id,
    });
    await this.save(key, JSON.stringify(installation));
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const installation = await this.read(installationKey(query));
    if (!installation) throw new Error(`No Slack installation for ${installationKey(query)}: install the app with /slack/install.`);
    return installation;
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
    return (await this.read(installationKey({ teamId: team })))?.bot?.token;
  }

  private async save(key: string, json: string): Promise<void> {
    const record: SealedRecord = { sealed: this.box.seal(json) };
    await this.records.savePlatformRecord(INSTALLATION_RECORD, key, JSON.stringify(record), this.now().toISOString());
  }

  private async read(key: string): Promise<Installation<'v1' | 'v2', boolean> | undefined> {
    const stored = await this.records.platformRecord(INSTALLATION_RECORD, key);
    if (!stored) return undefined;
    const record = JSON.parse(stored) as Partial<SealedRecord>;
    let json: string;
    let reseal: boolean;
    if (typeof record.sealed === 'string') {
      const opened = this.box.open(record.sealed);
      json = opened.plain;
      reseal = opened.stale;
    } else {
      json = stored;
      reseal = true;
    }
    if (reseal) await this.save(key, json);
    return JSON.parse(json) as Installation<'v1' | 'v2', boolean>;
  }
}

/** How an installation is stored: only the sealed JSON, nothing readable beside it. */
interface SealedRecord {
  sealed: string;
}
