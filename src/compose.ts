import pino from 'pino';
import { createRolloutBot, type RolloutBot } from './app';
import type { Locale } from './core/locale';
import { defaultPlaybookDir, loadPlaybooks } from './domain/load-playbooks';
import { Translations } from './i18n/i18n';
import { systemClock, type Clock } from './ports/clock.port';
import type { Logger } from './ports/logger.port';
import { defaultTemplateDir, loadTemplates } from './comms/load-templates';
import { openStores } from './store/open-store';

export interface CoreOptions {
  databaseUrl: string;
  defaultLocale: Locale;
  logger?: Logger;
  clock?: Clock;
  playbookDir?: string;
  /** Organisation's template overrides (TEMPLATES_DIR). */
  templateOverridesDir?: string;
  /** Bound of the store's read cache, in entries (READ_CACHE_ENTRIES). */
  readCacheEntries?: number;
  /** PUBLIC_URL and DASHBOARD_SECRET, for dashboard links. */
  publicUrl?: string;
  dashboardSecret?: string;
}

/** Builds the core from configuration: playbooks validated, store opened and migrated, texts loaded. */
export function createCore(options: CoreOptions): RolloutBot {
  const playbooks = loadPlaybooks(options.playbookDir ?? defaultPlaybookDir());
  const templates = loadTemplates(defaultTemplateDir(), playbooks, options.templateOverridesDir);
  const { rollouts, outbox } = openStores(options.databaseUrl, { readCacheEntries: options.readCacheEntries });
  return createRolloutBot({
    store: rollouts,
    outbox,
    playbooks,
    templates,
    translations: new Translations(),
    clock: options.clock ?? systemClock,
    logger: options.logger ?? pino({ level: 'silent' }),
    defaultLocale: options.defaultLocale,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.dashboardSecret ? { dashboardSecret: options.dashboardSecret } : {}),
  });
}
