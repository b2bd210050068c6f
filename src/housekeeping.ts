import { Cron } from 'croner';
import type { CoreDeps } from './app';
import { configuredTimeZone } from './domain/working-days';

/**
 * How long a platform delivery id is remembered. Platforms repeat a delivery within minutes
 * (Slack retries for up to an hour); a week leaves room for a process that was down for days.
 */
export const REQUEST_MEMORY_DAYS = 7;

/** Forgets delivery ids older than REQUEST_MEMORY_DAYS, so that the table of them stays small. */
export async function forgetOldRequests(deps: CoreDeps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - REQUEST_MEMORY_DAYS * 24 * 60 * 60 * 1000).toISOString();
  const forgotten = await deps.store.forgetRequests(before);
  if (forgotten > 0) deps.logger.info({ forgotten, before }, 'old delivery ids forgotten');
  return forgotten;
}

/**
 * Deletes audit events older than `days` (AUDIT_RETENTION_DAYS), so that the trail holds no one's
 * doings longer than the organisation's records policy allows. Without a setting nothing is deleted.
 */
export async function forgetOldEvents(deps: CoreDeps, days: number | undefined): Promise<number> {
  if (days === undefined) return 0;
  const before = new Date(deps.clock.now().getTime() - days * 24 * 60 * 60 * 1000).toISOString();
  const forgotten = await deps.store.forgetEvents(before);
  if (forgotten > 0) deps.logger.info({ forgotten, before }, 'audit events past their retention deleted');
  return forgotten;
}

export interface HousekeepingOptions {
  /** AUDIT_RETENTION_DAYS; absent: audit events are kept. */
  auditRetentionDays?: number;
}

/** Housekeeping at start-up and every night. */
export function scheduleHousekeeping(deps: CoreDeps, options: HousekeepingOptions = {}): Cron {
  const run = async (): Promise<void> => {
    await forgetOldRequests(deps).catch((err: unknown) => deps.logger.error({ err }, 'housekeeping failed'));
    await forgetOldEvents(deps, options.auditRetentionDays).catch((err: unknown) => deps.logger.error({ err }, 'audit retention failed'));
  };
  void run();
  return new Cron('30 3 * * *', { timezone: configuredTimeZone(), protect: true, unref: true }, run);
}
