import type { webApi } from '@slack/bolt';
import type { RolloutBot } from '../../src/app';
import { toLocale, type Locale } from '../../src/core/locale';
import type { BotRequest, BotResponse } from '../../src/core/request';
import type { Logger } from '../../src/ports/logger.port';
import { deliver, type Surface } from './reply';
import type { ResponseUrlPoster } from './response-url';
import { renderHome } from './render-home';
import { translateHome, type UserInfo } from './translate';
import { TtlCache } from './ttl-cache';
import { UserInfoCache } from './user-info';

type WebClient = webApi.WebClient;

/** Slack retries an event for up to about an hour; remembering ids a little longer is enough. */
const SEEN_EVENT_TTL = 2 * 60 * 60 * 1000;

/** What every listener shares: the core, the logger and the adapter's caches. */
export class SlackRuntime {
  readonly users: UserInfoCache;
  private readonly seenEvents = new TtlCache<true>(SEEN_EVENT_TTL, 50_000);

  constructor(
    readonly bot: RolloutBot,
    readonly logger: Logger,
    readonly postResponse?: ResponseUrlPoster,
  ) {
    this.users = new UserInfoCache(logger);
  }

  /**
   * True the first time an event id is seen. Slack redelivers an event (`X-Slack-Retry-Num`)
   * when it thinks the first delivery failed; a retry of one already handled is ignored here,
   * and the core's requestId check catches a retry after a restart.
   */
  firstDelivery(eventId: string | undefined, retryNum: number | undefined): boolean {
    if (!eventId) return true;
    if (this.seenEvents.has(eventId)) {
      this.logger.info({ eventId, retryNum }, 'slack event already handled; retry ignored');
      return false;
    }
    this.seenEvents.set(eventId, true);
    return true;
  }

  /** The language of replies the adapter writes itself: the user's choice, else Slack's, else the default. */
  async localeFor(user: string, info: UserInfo): Promise<Locale> {
    const chosen = await this.bot.deps.store.userLocale(user).catch(() => undefined);
    return chosen ?? toLocale(info.locale) ?? this.bot.deps.defaultLocale;
  }

  /** An error view of the adapter's own (a fault, or a button that cannot be read). */
  adapterError(locale: Locale, kind: 'internal' | 'action'): BotResponse {
    const t = this.bot.t(locale);
    const key = kind === 'internal' ? 'error_internal' : 'action_invalid';
    const code = kind === 'internal' ? 'internal.error' : 'action.invalid';
    return {
      locale,
      visibility: 'private',
      changed: false,
      views: [{ kind: 'error', code, text: t(`slack:${key}`), hint: t(`slack:${key}_hint`) }],
    };
  }

  /** Runs a request through the core and sends the answer. A fault becomes a translated error, and is logged once here. */
  async answer(client: WebClient, request: BotRequest, surface: Surface): Promise<void> {
    let response: BotResponse;
    try {
      response = await this.bot.handle(request);
    } catch (err) {
      this.logger.error({ err, requestId: request.requestId, user: request.user, channel: request.channel }, 'core failed on a slack request');
      response = this.adapterError(toLocale(request.locale) ?? this.bot.deps.defaultLocale, 'internal');
    }
    await this.send(client, response, surface, request);
  }

  async send(client: WebClient, response: BotResponse, surface: Surface, request?: BotRequest): Promise<void> {
    try {
      await deliver(response, surface, {
        client,
        t: this.bot.t(response.locale),
        ...(this.postResponse ? { postResponse: this.postResponse } : {}),
        publishHome: (user) => this.publishHome(client, request?.workspace.replace(/^slack:/, '') ?? '', user),
      });
    } catch (err) {
      this.logger.error({ err, surface: surface.kind, requestId: request?.requestId }, 'slack reply failed');
    }
  }

  /** Renders and publishes a user's App Home. */
  async publishHome(client: WebClient, team: string, user: string, channel?: string): Promise<void> {
    const info = await this.users.lookup(client, team, user);
    const response = await this.bot.home(translateHome(team, user, channel, info));
    await client.views.publish({ user_id: user, view: renderHome(response.views, this.bot.t(response.locale)) });
  }
}
