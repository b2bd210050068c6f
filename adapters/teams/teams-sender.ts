import { HttpError, type CloudAdapter, type SendActivitiesHandler } from '@microsoft/agents-hosting';
import { spansOf } from '../../src/comms/given-values';
import type { Locale } from '../../src/core/locale';
import type { View } from '../../src/core/views';
import type { Translate } from '../../src/i18n/i18n';
import type { MessageSender, OutgoingMessage, SendResult } from '../../src/ports/message-sender.port';
import type { AdaptiveCard } from './card-elements';
import type { ConversationReferences } from './conversation-references';
import { renderCard, renderTextCard } from './render-adaptive-card';
import { cardMessage } from './send-card';

/** The bot's identity for `continueConversation`: its app id, or an anonymous `{}` without credentials. */
export type BotIdentity = Parameters<CloudAdapter['continueConversation']>[0];

/** Posts into Teams conversations without being spoken to: the outbox's sender, and views for reminders. */
export interface TeamsSender extends MessageSender {
  /** Posts views as one card into a channel the bot has seen. */
  postViews(channel: string, views: readonly View[], locale: Locale): Promise<SendResult>;
}

/**
 * Teams allows a bot about 7 messages a second in one conversation and 60 in 30 seconds
 * (Teams rate limits per bot per thread); one a second keeps well clear of both.
 */
export const TEAMS_MIN_INTERVAL_MS = 1000;

/**
 * A failed Bot Connector call as the outbox wants it: 429 with its Retry-After, 5xx and network
 * faults worth retrying. A network fault, a timeout or a 5xx may come after the connector took
 * the activity (`uncertain`); Teams cannot be asked whether it did, so the outbox sends it again:
 * delivery to Teams is at least once (see the README).
 */
export function sendFailure(err: unknown): SendResult {
  const message = err instanceof Error ? err.message : String(err);
  if (!(err instanceof HttpError)) return { ok: false, retryable: true, uncertain: true, error: message };
  if (err.status === 429) {
    const header = err.response?.headers?.get?.('retry-after') ?? undefined;
    const seconds = header !== undefined && header !== null ? Number(header) : NaN;
    const dateMs = header ? Date.parse(header) - Date.now() : NaN;
    const retryAfterMs = Number.isFinite(seconds) ? seconds * 1000 : Number.isFinite(dateMs) ? Math.max(0, dateMs) : undefined;
    return { ok: false, retryable: true, error: message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  const retryable = err.status >= 500 || err.status === 408;
  return { ok: false, retryable, ...(retryable ? { uncertain: true } : {}), error: message };
}

/** `<@29:1abc>`: how the core writes a person into an outbox text (the leads in a failure report). */
const USER_TOKEN = /<@([^<>\s]{1,200})>/g;

/**
 * The core writes people as `<@id>`. A card shows text as written, so they become `@Name`, with
 * the display names Teams told the bot (the id when none is known).
 */
export async function withUserNames(text: string, userNames: (users: string[]) => Promise<Record<string, string>>): Promise<string> {
  // Only the bot's own text names people; a value someone gave is shown as it was given.
  const spans = spansOf(text);
  const ids = [...new Set(spans.flatMap((s) => (s.given ? [] : [...s.text.matchAll(USER_TOKEN)].map((m) => m[1]))))];
  const names = ids.length > 0 ? await userNames(ids.map((id) => `teams:${id}`)) : {};
  return spans.map((s) => (s.given ? s.text : s.text.replace(USER_TOKEN, (_token, id: string) => `@${names[`teams:${id}`] ?? id}`))).join('');
}

/**
 * Posts start a new conversation in the channel (`POST /v3/conversations/{id}/activities`). The
 * SDK would otherwise make them replies to the made-up id of the continuation activity.
 */
const asNewPost: SendActivitiesHandler = async (_context, activities, next) => {
  for (const activity of activities) delete activity.replyToId;
  return next();
};

/**
 * `identity` is the app id with credentials; without them `{}` (an anonymous identity):
 * `continueConversation('', ...)` throws in @microsoft/agents-hosting.
 */
export function createTeamsSender(
  adapter: CloudAdapter,
  refs: ConversationReferences,
  translate: (locale: Locale) => Translate,
  identity: BotIdentity,
  userNames: (users: string[]) => Promise<Record<string, string>> = async () => ({}),
): TeamsSender {
  async function deliver(channel: string, card: AdaptiveCard, messageId?: string): Promise<SendResult> {
    const reference = await refs.get(channel);
    if (!reference) return { ok: false, retryable: false, error: `The bot has not been added to ${channel}: no conversation reference.` };
    let id = messageId ?? '';
    // The adapter hands errors inside the turn to `onTurnError` instead of throwing them, so they
    // are caught here to reach the outbox as failures.
    let failure: unknown;
    try {
      await adapter.continueConversation(identity, reference, async (context) => {
        try {
          const activity = cardMessage(card);
          if (messageId) {
            activity.id = messageId;
            await context.updateActivity(activity);
          } else {
            context.onSendActivities(asNewPost);
            id = (await context.sendActivity(activity))?.id ?? '';
          }
        } catch (err) {
          failure = err;
        }
      });
    } catch (err) {
      failure = err;
    }
    return failure === undefined ? { ok: true, messageId: id } : sendFailure(failure);
  }

  /** A reminder goes into the person's personal chat with the bot, as a card with its Done buttons. */
  async function remind(message: OutgoingMessage): Promise<SendResult> {
    const chat = await refs.personalChat(message.channel);
    if (!chat) return { ok: false, retryable: false, error: `${message.channel} has no personal chat with the bot yet: no reminder.` };
    const card = message.views && message.locale ? renderCard(message.views, translate(message.locale)) : renderTextCard(message.text);
    return deliver(chat, card);
  }

  return {
    platform: 'teams',
    minIntervalMs: TEAMS_MIN_INTERVAL_MS,
    directMessages: true,
    post: async (message: OutgoingMessage) =>
      message.kind === 'reminder' ? remind(message) : deliver(message.channel, renderTextCard(await withUserNames(message.text, userNames))),
    update: async (message: OutgoingMessage & { messageId: string }) =>
      deliver(message.channel, renderTextCard(await withUserNames(message.text, userNames)), message.messageId),
    postViews: (channel, views, locale) => deliver(channel, renderCard(views, translate(locale))),
  };
}
