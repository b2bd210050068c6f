import type { webApi } from '@slack/bolt';
import type { RolloutBot } from '../../src/app';
import { toLocale, type Locale } from '../../src/core/locale';
import type { BotRequest, BotResponse } from '../../src/core/request';
import type { Translate } from '../../src/i18n/i18n';
import type { Logger } from '../../src/ports/logger.port';
import { commandAnswer, deliver, type Surface } from './reply';
import { postToResponseUrl, type ResponseUrlMessage, type ResponseUrlPoster } from './response-url';
import { renderHome } from './render-home';
import { sendFile } from './send-file';
import { translateCommand, translateHome, type SlashCommandPayload, type UserInfo } from './translate';
import { TtlCache } from './ttl-cache';
import { UserInfoCache } from './user-info';

type WebClient = webApi.WebClient;

/** Slack retries an event for up to about an hour; remembering ids a little longer is enough. */
const SEEN_EVENT_TTL = 2 * 60 * 60 * 1000;

/**
 * How long a slash command waits for the core before it acknowledges. Slack wants the ack within
 * 3 s of sending; this leaves a second for the network both ways. An answer ready by then goes in
 * the ack itself (one HTTP exchange); a later one follows through response_url.
 */
export const ACK_BUDGET_MS = 2000;

export interface RuntimeOptions {
  postResponse?: ResponseUrlPoster;
  ackBudgetMs?: number;
}

/** The outcome of a race against a time budget. */
type Raced<T> = { done: true; value: T } | { done: false };

/** Waits for `work` at most `ms`; the work itself goes on either way. */
export async function within<T>(work: Promise<T>, ms: number): Promise<Raced<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Raced<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value): Raced<T> => ({ done: true, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** What every listener shares: the core, the logger and the adapter's caches. */
export class SlackRuntime {
  readonly users: UserInfoCache;
  readonly postResponse?: ResponseUrlPoster;
  readonly ackBudgetMs: number;
  private readonly seenEvents = new TtlCache<true>(SEEN_EVENT_TTL, 50_000);

  constructor(
    readonly bot: RolloutBot,
    readonly logger: Logger,
    options: RuntimeOptions = {},
  ) {
    this.users = new UserInfoCache(logger);
    this.postResponse = options.postResponse;
    this.ackBudgetMs = options.ackBudgetMs ?? ACK_BUDGET_MS;
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

  /** The translator of a language for the renderers (the core keeps labels once looked up). */
  t(locale: Locale): Translate {
    return this.bot.t(locale);
  }

  /** The language of replies the adapter writes itself, as the core decides it (own choice, Slack's, default). */
  async localeFor(user: string, info: UserInfo): Promise<Locale> {
    return this.bot.locale({ user, ...(info.locale ? { locale: info.locale } : {}) }).catch(() => toLocale(info.locale) ?? this.bot.deps.defaultLocale);
  }

  /** An error view of the adapter's own (a fault, or a button that cannot be read). */
  adapterError(locale: Locale, kind: 'internal' | 'action'): BotResponse {
    const t = this.t(locale);
    const key = kind === 'internal' ? 'error_internal' : 'action_invalid';
    const code = kind === 'internal' ? 'internal.error' : 'action.invalid';
    return {
      locale,
      visibility: 'private',
      changed: false,
      views: [{ kind: 'error', code, text: t(`slack:${key}`), hint: t(`slack:${key}_hint`) }],
    };
  }

  /** Runs a request through the core. A fault becomes a translated error, and is logged once here. */
  async respond(request: BotRequest): Promise<BotResponse> {
    try {
      return await this.bot.handle(request);
    } catch (err) {
      this.logger.error({ err, requestId: request.requestId, user: request.user, channel: request.channel }, 'core failed on a slack request');
      return this.adapterError(toLocale(request.locale) ?? this.bot.deps.defaultLocale, 'internal');
    }
  }

  /** Runs a request through the core and sends the answer. */
  async answer(client: WebClient, request: BotRequest, surface: Surface): Promise<void> {
    await this.send(client, await this.withFile(client, request, await this.respond(request)), surface, request);
  }

  /** A file in the answer (the `my data` export) goes to the asker's DM; the answer says so. */
  private async withFile(client: WebClient, request: BotRequest, response: BotResponse): Promise<BotResponse> {
    if (!response.file) return response;
    return sendFile(client, response, request.user.replace(/^slack:/, ''), this.t(response.locale), this.logger);
  }

  /**
   * A slash command: the core races the ack budget. Ready in time, the answer is the ack's body
   * (`response_type` + blocks, no second HTTP exchange). Not ready, the command is acknowledged
   * empty at the budget, well inside Slack's 3 s, and the answer follows through response_url.
   */
  async answerCommand(client: WebClient, command: SlashCommandPayload & { response_url: string }, ack: (answer?: ResponseUrlMessage) => Promise<void>): Promise<void> {
    const answer = this.commandAnswer(client, command);
    const raced = await within(answer, this.ackBudgetMs);
    if (raced.done) {
      await ack(raced.value);
      return;
    }
    await ack();
    const late = await answer;
    if (!late) return;
    this.logger.info({ budgetMs: this.ackBudgetMs, user: command.user_id }, 'slack command answered after its ack, through response_url');
    await (this.postResponse ?? postToResponseUrl)(command.response_url, late).catch((err: unknown) => {
      this.logger.error({ err, user: command.user_id }, 'slack reply failed');
    });
  }

  /** What a slash command answers; never rejects (a fault becomes a translated error). */
  private async commandAnswer(client: WebClient, command: SlashCommandPayload): Promise<ResponseUrlMessage | undefined> {
    try {
      const info = await this.users.lookup(client, command.team_id, command.user_id);
      const request = translateCommand(command, info);
      const response = await this.withFile(client, request, await this.respond(request));
      return commandAnswer(response, this.t(response.locale));
    } catch (err) {
      this.logger.error({ err, user: command.user_id }, 'slack command could not be answered');
      const locale = this.bot.deps.defaultLocale;
      return commandAnswer(this.adapterError(locale, 'internal'), this.t(locale));
    }
  }

  async send(client: WebClient, response: BotResponse, surface: Surface, request?: BotRequest): Promise<void> {
    try {
      await deliver(response, surface, {
        client,
        t: this.t(response.locale),
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
    await client.views.publish({ user_id: user, view: renderHome(response.views, this.t(response.locale)) });
  }
}
