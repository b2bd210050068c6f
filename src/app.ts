import type { Locale } from './core/locale';
import type { BotRequest, BotResponse } from './core/request';
import type { LoadedPlaybook } from './domain/playbook';
import type { Translate, Translations } from './i18n/i18n';
import type { Clock } from './ports/clock.port';
import type { Logger } from './ports/logger.port';
import type { OutboxStore } from './ports/outbox.port';
import type { RolloutStore } from './ports/rollout-store.port';
import type { TemplateSet } from './comms/template';
import { handleHome, handleRequest, localeFor } from './commands/engine';

export interface CoreDeps {
  store: RolloutStore;
  outbox: OutboxStore;
  playbooks: ReadonlyMap<string, LoadedPlaybook>;
  /** Message templates per playbook id. */
  templates: ReadonlyMap<string, TemplateSet>;
  translations: Translations;
  clock: Clock;
  logger: Logger;
  /** Language of a new rollout and the fallback for users with no locale. */
  defaultLocale: Locale;
  /** External base URL of the web dashboard (`PUBLIC_URL`); without it the bot gives no links. */
  publicUrl?: string;
  /** Signs dashboard links (`DASHBOARD_SECRET`); without it a secret is generated once and kept in the store. */
  dashboardSecret?: string;
  /** Called after a change queued messages, so delivery starts at once. */
  onQueued?: () => void;
}

/** The platform-neutral bot: every adapter turns what it receives into a BotRequest and renders the response. */
export interface RolloutBot {
  handle(request: BotRequest): Promise<BotResponse>;
  /** A user's own page (Slack App Home): next tasks of their roles and progress, per rollout of the workspace. */
  home(request: Omit<BotRequest, 'text' | 'action'>): Promise<BotResponse>;
  /** The language the core answers this user in, for an adapter's own texts (modals, its own errors). */
  locale(request: Pick<BotRequest, 'user' | 'locale'>): Promise<Locale>;
  /** A translator for renderers' own labels (`ui.*`). */
  t(locale: Locale): Translate;
  readonly deps: CoreDeps;
}

export function createRolloutBot(deps: CoreDeps): RolloutBot {
  return {
    deps,
    handle: (request) => handleRequest(deps, request),
    home: (request) => handleHome(deps, request),
    locale: (request) => localeFor(deps, request),
    t: (locale) => deps.translations.t(locale),
  };
}
