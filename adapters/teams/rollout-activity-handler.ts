import { ActivityHandler, MessageFactory, type AdaptiveCardInvokeResponse, type InvokeResponse, type TurnContext } from '@microsoft/agents-hosting';
import type { RolloutBot } from '../../src/app';
import { toLocale, type Locale } from '../../src/core/locale';
import type { BotAction, BotRequest, BotResponse } from '../../src/core/request';
import type { View } from '../../src/core/views';
import type { Translate } from '../../src/i18n/i18n';
import type { Logger } from '../../src/ports/logger.port';
import type { AdaptiveCard } from './card-elements';
import { readCardAction } from './card-action';
import { TeamsChannelNames } from './channel-names';
import { referenceOf, type ConversationReferences } from './conversation-references';
import { renderCard, renderUpdateCard, renderWelcomeCard } from './render-adaptive-card';
import { CARD_TYPE, cardMessage, replyWithCard } from './send-card';
import { consentAttachment, FILE_CONSENT_INVOKE, fileInfoAttachment, readConsent, uploadFile } from './file-consent';
import {
  botWasAdded, channelOf, conversationKind, mentionedUsers, messageRequest, requestBase, type TeamsActivity,
} from './translate-activity';

export interface RolloutHandlerDeps {
  bot: RolloutBot;
  refs: ConversationReferences;
  logger: Logger;
}

/** Shown to the person who clicked, without changing the card. */
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';

/**
 * The Teams side of the bot in botbuilder's model: messages become command requests, an
 * `Action.Execute` click is answered with the updated card, and every conversation the bot
 * sees leaves a reference for posting into it later. Faults are logged and answered with a
 * translated apology; nothing here decides anything about the rollout.
 */
export class RolloutActivityHandler extends ActivityHandler {
  private readonly t: (locale: Locale) => Translate;
  private readonly channelNames: TeamsChannelNames;

  constructor(private readonly deps: RolloutHandlerDeps) {
    super();
    this.channelNames = new TeamsChannelNames(deps.logger);
    this.t = (locale) => deps.bot.t(locale);
    this.onMessage(async (context, next) => {
      await this.message(context);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await this.conversationUpdate(context);
      await next();
    });
    this.onInstallationUpdate(async (context, next) => {
      await this.remember(context.activity);
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === FILE_CONSENT_INVOKE) return this.fileConsent(context);
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    if (!isCardInvokeValue(context.activity.value)) {
      // Teams always sends the clicked action; without it there is nothing to do or to answer.
      this.deps.logger.warn({ activityId: context.activity.id }, 'teams: card action without an action refused with 400');
      const t = this.t(this.fallbackLocale(context.activity));
      const body: AdaptiveCardInvokeResponse = {
        statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: t('errors.action.invalid') },
      };
      return { status: 400, body };
    }
    await this.remember(context.activity);
    try {
      return await this.cardAction(context);
    } catch (err) {
      this.deps.logger.error({ err, activityId: context.activity.id }, 'teams: card action failed');
      const t = this.t(this.fallbackLocale(context.activity));
      const body: AdaptiveCardInvokeResponse = {
        statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalError', message: faultText(t) },
      };
      return { status: 200, body };
    }
  }

  private async message(context: TurnContext): Promise<void> {
    const activity: TeamsActivity = context.activity;
    await this.remember(activity);
    const request = messageRequest(activity);
    if (!request) return;
    // An `Action.Submit` of some other card arrives as a message with a value and no text: it is
    // not meant for the bot, and answering it with the help card would only be noise.
    if (!request.text && activity.value !== undefined && activity.value !== null) {
      this.deps.logger.debug({ activityId: activity.id }, 'teams: a card submission without text ignored');
      return;
    }
    const { bot, logger } = this.deps;
    let response: BotResponse;
    try {
      await this.rememberMentionedNames(activity);
      response = await bot.handle(request);
    } catch (err) {
      logger.error({ err, activityId: activity.id, channel: request.channel }, 'teams: message failed');
      await context.sendActivity(MessageFactory.text(faultText(this.t(this.fallbackLocale(activity)))));
      return;
    }
    if (response.duplicate || response.views.length === 0) return;
    // A file (the `my data` export) is offered in personal chat only, through a consent card.
    const personal = conversationKind(activity) === 'personal';
    const t = this.t(response.locale);
    const notice = (key: string): View => ({ kind: 'notice', tone: 'info', text: t(key) });
    const views = !response.file ? response.views : personal ? [...response.views, notice('teams:file_consent_hint')] : [notice('teams:file_personal_only')];
    try {
      const filled = await this.channelNames.fill(context, views);
      await replyWithCard(context, renderCard(filled, t));
      if (response.file && personal) await context.sendActivity(MessageFactory.attachment(consentAttachment(response.file)));
    } catch (err) {
      // The change, if any, is made, so "nothing changed" would be wrong (and the Bot Connector
      // that just failed would have to carry it): logged, and the person can ask again.
      logger.error({ err, activityId: activity.id, channel: request.channel }, 'teams: could not deliver the reply');
    }
  }

  /**
   * An `Action.Execute` click. The invoke response card replaces the card for the person who
   * clicked; when the rollout changed in a shared conversation, the message is also updated for
   * everyone else, so nobody keeps acting on a stale checklist.
   */
  private async cardAction(context: TurnContext): Promise<InvokeResponse> {
    const activity: TeamsActivity = context.activity;
    const { bot } = this.deps;
    const base = requestBase(activity);
    const parsed = readCardAction(activity.value);
    if (!base || !parsed.ok) {
      // Not our button, or tampered with: there is no view to keep, only the error.
      const t = this.t(base ? await bot.locale(base) : this.fallbackLocale(activity));
      const error: View = { kind: 'error', code: 'action.invalid', text: t('errors.action.invalid'), hint: t('hints.action.invalid') };
      return cardResponse(renderCard([error], t));
    }
    if ('batch' in parsed && parsed.batch.length === 0) {
      const t = this.t(await bot.locale(base));
      return { status: 200, body: { statusCode: 200, type: MESSAGE_TYPE, value: t('teams:nothing_to_save') } };
    }
    const response = 'batch' in parsed ? await this.handleBatch(base, parsed.batch) : await bot.handle({ ...base, action: parsed.action });
    const t = this.t(response.locale);
    if (response.duplicate) {
      return { status: 200, body: { statusCode: 200, type: MESSAGE_TYPE, value: t('teams:already_recorded') } };
    }
    // A refused click comes back with the view it sat on, unchanged: the error shows above it.
    // Channel names are looked up once for the updated view and the messages together.
    const filled = await this.channelNames.fill(context, response.update ? [response.update, ...response.views] : response.views);
    const card = response.update ? renderUpdateCard(filled.slice(1), filled[0], t) : renderCard(filled, t);
    if (response.changed && !base.personal && context.activity.replyToId) await this.updateShared(context, card);
    return cardResponse(card);
  }

  /**
   * The person answered a file consent card. Accepted: the export is made afresh for the person
   * who clicked (the card carries no data), PUT into the OneDrive upload session Teams opened, and
   * shown with a file info card; declined: they are told how to ask again. The consent card is
   * removed either way, so it cannot be answered twice. Teams expects 200 whatever happened.
   */
  private async fileConsent(context: TurnContext): Promise<InvokeResponse> {
    const activity: TeamsActivity = context.activity;
    await this.remember(activity);
    const base = requestBase(activity);
    const answer = readConsent(activity.value);
    if (!base || !answer || conversationKind(activity) !== 'personal') {
      this.deps.logger.warn({ activityId: activity.id }, 'teams: file consent invoke that is not ours');
      return { status: 400 };
    }
    const { bot, logger } = this.deps;
    const t = this.t(await bot.locale(base));
    try {
      if (answer.action === 'decline') {
        await context.sendActivity(MessageFactory.text(t('teams:file_declined')));
      } else {
        const response = await bot.handle({ ...base, text: 'my data' });
        if (!answer.upload || !response.file) throw new Error(answer.upload ? 'the export could not be made' : 'the consent answer has no usable upload details');
        await uploadFile(answer.upload.uploadUrl, response.file.content);
        await context.sendActivity(MessageFactory.attachment(fileInfoAttachment(answer.upload)));
      }
    } catch (err) {
      logger.error({ err, activityId: activity.id }, 'teams: file could not be handed over');
      await context.sendActivity(MessageFactory.text(t('teams:file_failed'))).catch(() => undefined);
    }
    if (context.activity.replyToId) {
      await context.deleteActivity(context.activity.replyToId).catch((err: unknown) => logger.warn({ err }, 'teams: could not remove the consent card'));
    }
    return { status: 200 };
  }

  /**
   * Save on a checklist: each changed checkbox is its own action, in card order, each with its
   * own delivery id (a retried invoke changes nothing twice). The card comes back once, as the
   * last answer left it, with every notice and refusal on top.
   */
  private async handleBatch(base: Omit<BotRequest, 'text' | 'action'>, batch: BotAction[]): Promise<BotResponse> {
    const responses: BotResponse[] = [];
    for (const [i, action] of batch.entries()) {
      const requestId = base.requestId ? `${base.requestId}#${i}` : undefined;
      responses.push(await this.deps.bot.handle({ ...base, ...(requestId ? { requestId } : {}), action }));
    }
    const fresh = responses.filter((r) => !r.duplicate);
    const last = responses[responses.length - 1];
    if (fresh.length === 0) return last;
    const messages = fresh.flatMap((r) => r.views.filter((v) => v.kind === 'notice' || v.kind === 'error'));
    const update = [...fresh].reverse().find((r) => r.update)?.update;
    return {
      locale: last.locale,
      views: messages,
      visibility: fresh.some((r) => r.visibility === 'channel') ? 'channel' : 'private',
      ...(update ? { update } : {}),
      changed: fresh.some((r) => r.changed),
    };
  }

  private async updateShared(context: TurnContext, card: AdaptiveCard): Promise<void> {
    const update = cardMessage(card);
    update.id = context.activity.replyToId;
    try {
      await context.updateActivity(update);
    } catch (err) {
      this.deps.logger.warn({ err, activityId: update.id }, 'teams: could not update the shared card');
    }
  }

  private async conversationUpdate(context: TurnContext): Promise<void> {
    const activity: TeamsActivity = context.activity;
    await this.remember(activity);
    if (!botWasAdded(activity)) return;
    const t = this.t(this.fallbackLocale(activity));
    await context.sendActivity(cardMessage(renderWelcomeCard(conversationKind(activity) === 'personal', t)));
  }

  /** Keeps the conversation's reference for later posts; a failure here must not cost the user their reply. */
  private async remember(activity: TeamsActivity): Promise<void> {
    const channel = channelOf(activity);
    const reference = referenceOf(activity);
    if (!channel || !reference) return;
    try {
      await this.deps.refs.save(channel, reference);
      // A personal chat is where the person's daily reminders go.
      const user = activity.from?.id;
      if (conversationKind(activity) === 'personal' && typeof user === 'string' && user) await this.deps.refs.savePersonalChat(`teams:${user}`, channel);
    } catch (err) {
      this.deps.logger.warn({ err, channel }, 'teams: could not store the conversation reference');
    }
  }

  /** `assign 1.2 @Anna` should show "Anna" later, not an id: Teams tells the names of mentioned people. */
  private async rememberMentionedNames(activity: TeamsActivity): Promise<void> {
    for (const m of mentionedUsers(activity)) {
      if (m.id && m.name) await this.deps.bot.deps.store.rememberUserName(`teams:${m.id}`, m.name);
    }
  }

  /** Language of a fault message: `activity.locale`, without asking a store that may be what failed. */
  private fallbackLocale(activity: TeamsActivity): Locale {
    return toLocale(activity.locale) ?? this.deps.bot.deps.defaultLocale;
  }
}

/** The core's own words for a fault: nothing changed, try again. */
function faultText(t: Translate): string {
  return `${t('errors.internal.error')} ${t('hints.internal.error')}`;
}

/** An `adaptiveCard/action` value carries the clicked action as an object. */
function isCardInvokeValue(value: unknown): boolean {
  const action = value !== null && typeof value === 'object' ? (value as { action?: unknown }).action : undefined;
  return action !== null && typeof action === 'object' && !Array.isArray(action);
}

function cardResponse(card: AdaptiveCard): InvokeResponse<AdaptiveCardInvokeResponse> {
  return { status: 200, body: { statusCode: 200, type: CARD_TYPE, value: card } };
}
