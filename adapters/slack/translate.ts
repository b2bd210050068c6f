import { decodeAction } from '../../src/core/action-codec';
import type { BotAction, BotRequest } from '../../src/core/request';
import { EXPECTED_ACTION, actionKind, type ActionKind } from './action-ids';
import { slackTextToCore, stripBotMention } from './slack-text';

/**
 * Pure translation of Slack payloads into BotRequests. The shapes below list only the fields
 * we read; Bolt's full payload types are assignable to them. Ids are qualified with `slack:`.
 */

/** What we know about the person beyond the payload (from `users.info`, cached). */
export interface UserInfo {
  locale?: string;
  name?: string;
  /** A workspace admin or owner (`is_admin`, `is_owner`). */
  admin?: boolean;
}

export interface SlashCommandPayload {
  team_id: string;
  enterprise_id?: string;
  channel_id: string;
  channel_name?: string;
  user_id: string;
  user_name?: string;
  text: string;
  trigger_id?: string;
}

export interface MessageEventPayload {
  type: string;
  user?: string;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
}

/** The envelope of an Events API callback: the event plus its delivery id. */
export interface EventEnvelope {
  team_id?: string;
  event_id?: string;
}

export interface BlockActionPayload {
  team?: { id: string } | null;
  user: { id: string; name?: string; username?: string; team_id?: string };
  channel?: { id: string } | null;
  container?: { type?: string; message_ts?: string; view_id?: string; is_ephemeral?: boolean };
  view?: { id?: string };
  actions: Array<{ action_id: string; value?: string; action_ts?: string }>;
}

export interface ViewSubmissionPayload {
  team?: { id: string } | null;
  user: { id: string; name?: string; username?: string; team_id?: string };
  view: { id: string; callback_id: string; state: { values: Record<string, Record<string, { value?: string | null }>> } };
}

const id = (native: string) => `slack:${native}`;

function identity(team: string, channel: string, user: string, info: UserInfo, fallbackName?: string) {
  const userName = info.name ?? fallbackName;
  return {
    platform: 'slack' as const,
    workspace: id(team),
    channel: id(channel),
    user: id(user),
    ...(userName ? { userName } : {}),
    ...(info.locale ? { locale: info.locale } : {}),
    ...(info.admin ? { workspaceAdmin: true } : {}),
  };
}

/** Direct-message channel ids start with D; there only the asker sees the conversation. */
export function isDirectChannel(channel: string, channelName?: string): boolean {
  return channel.startsWith('D') || channelName === 'directmessage';
}

/** `/rollout <text>`. A slash command has no delivery id; its trigger_id is unique per invocation. */
export function translateCommand(cmd: SlashCommandPayload, info: UserInfo = {}): BotRequest {
  return {
    ...identity(cmd.team_id || cmd.enterprise_id || 'unknown', cmd.channel_id, cmd.user_id, info, cmd.user_name),
    personal: isDirectChannel(cmd.channel_id, cmd.channel_name),
    text: slackTextToCore(cmd.text ?? ''),
    ...(cmd.trigger_id ? { requestId: id(`trigger:${cmd.trigger_id}`) } : {}),
  };
}

/** A message the bot should answer: `@Rollout ...` in a channel, or anything in the bot's DM. */
export function isUserMessage(event: MessageEventPayload): boolean {
  return Boolean(event.user) && !event.bot_id && !event.subtype && typeof event.text === 'string';
}

export function translateMessage(event: MessageEventPayload, envelope: EventEnvelope, botUserId: string | undefined, info: UserInfo = {}): BotRequest {
  const personal = event.channel_type === 'im' || isDirectChannel(event.channel);
  // In a DM people sometimes still start with the bot's mention; strip it there only when we know whose it is.
  const strip = event.type === 'app_mention' || botUserId !== undefined;
  const text = strip ? stripBotMention(event.text ?? '', botUserId) : (event.text ?? '');
  return {
    ...identity(envelope.team_id ?? 'unknown', event.channel, event.user ?? 'unknown', info),
    personal,
    text: slackTextToCore(text),
    ...(envelope.event_id ? { requestId: id(`event:${envelope.event_id}`) } : {}),
  };
}

export type ActionTranslation =
  | { ok: true; kind: ActionKind; action: BotAction; request: BotRequest }
  | { ok: false; kind?: ActionKind };

function teamOf(body: { team?: { id: string } | null; user: { team_id?: string } }): string {
  return body.team?.id ?? body.user.team_id ?? 'unknown';
}

/**
 * A button click. The value must decode to an action of the kind the action id promises;
 * anything else (tampered, stale format) is refused. Buttons on the App Home have no channel:
 * the request then names the user's home.
 */
export function translateBlockAction(body: BlockActionPayload, info: UserInfo = {}): ActionTranslation {
  const clicked = body.actions[0];
  const kind = clicked ? actionKind(clicked.action_id) : undefined;
  if (!clicked || !kind) return { ok: false };
  const action = decodeAction(clicked.value);
  if (!action || action.name !== EXPECTED_ACTION[kind]) return { ok: false, kind };
  const channel = body.channel?.id ?? `home:${body.user.id}`;
  const container = body.container?.message_ts ?? body.container?.view_id ?? body.view?.id ?? 'unknown';
  const request: BotRequest = {
    ...identity(teamOf(body), channel, body.user.id, info, body.user.name ?? body.user.username),
    personal: !body.channel || isDirectChannel(body.channel.id),
    action,
    ...(clicked.action_ts ? { requestId: id(`action:${container}:${clicked.action_ts}`) } : {}),
  };
  return { ok: true, kind, action, request };
}

/**
 * A click on a button the bot no longer knows (left by an earlier version): what it is answered
 * with is the current state where it was clicked, as `status` shows it.
 */
export function translateOutdatedAction(body: BlockActionPayload, info: UserInfo = {}): BotRequest {
  const channel = body.channel?.id ?? `home:${body.user.id}`;
  return {
    ...identity(teamOf(body), channel, body.user.id, info, body.user.name ?? body.user.username),
    personal: !body.channel || isDirectChannel(body.channel.id),
    text: 'status',
  };
}

/** Reads the reason typed into a modal (input values arrive as typed, not as mrkdwn); blank is missing. */
export function modalReason(body: ViewSubmissionPayload, block: string, input: string): string | undefined {
  const value = body.view.state.values[block]?.[input]?.value;
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed || undefined;
}

/**
 * A reason modal submitted: the stored button action plus the reason. The modal's id makes
 * the delivery id, so submitting the same modal twice changes the rollout once.
 */
export function translateSubmission(body: ViewSubmissionPayload, action: BotAction, channel: string | undefined, reason: string, info: UserInfo = {}): BotRequest {
  return {
    ...identity(teamOf(body), channel ?? `home:${body.user.id}`, body.user.id, info, body.user.name ?? body.user.username),
    personal: !channel || isDirectChannel(channel),
    action: { ...action, reason },
    requestId: id(`view:${body.view.id}`),
  };
}

/** The App Home of a user. */
export function translateHome(team: string, user: string, channel: string | undefined, info: UserInfo = {}): Omit<BotRequest, 'text' | 'action'> {
  return { ...identity(team, channel ?? `home:${user}`, user, info), personal: true };
}
