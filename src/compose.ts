import pino from 'pino';
import { createRolloutBot, type RolloutBot } from './app';
import type { Locale } from './core/locale';
import { defaultPlaybookDir, loadPlaybooks } from './domain/load-playbooks';
import { Translations } from './i18n/i18n';
import { systemClock, type Clock } from './ports/clock.port';
import type { Logger } from './ports/logger.port';
import { openStore } from './store/open-store';

export interface CoreOptions {
  databaseUrl: string;
  defaultLocale: Locale;
  logger?: Logger;
  clock?: Clock;
  playbookDir?: string;
}

/** Builds the core from configuration: playbooks validated, store opened and migrated, texts loaded. */
export function createCore(options: CoreOptions): RolloutBot {
  const playbooks = loadPlaybooks(options.playbookDir ?? defaultPlaybookDir());
  const store = openStore(options.databaseUrl);
  return createRolloutBot({
    store,
    playbooks,
    translations: new Translations(),
    clock: options.clock ?? systemClock,
    logger: options.logger ?? pino({ level: 'silent' }),
    defaultLocale: options.defaultLocale,
  });
}
