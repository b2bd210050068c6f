import type { BotRequest } from '../../src/core/request';

/**
 * Pure translation of Teams activities into BotRequests. The types below are the parts of a
 * Bot Framework activity this adapter reads, loose on purpose: real payloads differ from the
 * documentation (the team may be only in `channelData.teamsTeamId`, group chats have no team,
 * a channel thread's conversation id ends in `;messageid=...`).
 */

export interface TeamsAccount {
  id?: string;
  name?: string;
  aadObjectId?: string;
}

export interface TeamsConversation {
  id?: string;
  conversationType?: string;
  tenantId?: string;
  isGroup?: boolean;
  name?: string;
}

export interface TeamsActivity {
  type?: string;
  id?: string;
  name?: string;
  text?: string;
  locale?: string;
  value?: unknown;
  channelId?: string;
  serviceUrl?: string;
  from?: TeamsAccount;
  recipient?: TeamsAccount;
  conversation?: TeamsConversation;
  channelData?: unknown;
  entities?: ReadonlyArray<{ type?: string; [key: string]: unknown }>;
  membersAdded?: TeamsAccount[];
}

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

interface TeamsChannelData {
  tenant?: { id?: unknown };
  team?: { id?: unknown };
  teamsTeamId?: unknown;
  channel?: { id?: unknown };
}

function channelData(activity: TeamsActivity): TeamsChannelData {
  const data = activity.channelData;
  return data !== null && typeof data === 'object' ? (data as TeamsChannelData) : {};
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function conversationKind(activity: TeamsActivity): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'personal' || type === 'groupChat' || type === 'channel') return type;
  if (str(channelData(activity).channel?.id) || str(channelData(activity).teamsTeamId)) return 'channel';
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

export function tenantOf(activity: TeamsActivity): string | undefined {
  return str(channelData(activity).tenant?.id) ?? str(activity.conversation?.tenantId);
}

/** The team of a channel conversation: `channelData.team.id`, or only `channelData.teamsTeamId` in some payloads. */
export function teamOf(activity: TeamsActivity): string | undefined {
  const data = channelData(activity);
  return str(data.team?.id) ?? str(data.teamsTeamId);
}

/** `19:abc@thread.tacv2;messageid=1712` -> `19:abc@thread.tacv2`: a channel is the same in every thread. */
export function baseConversationId(id: string): string {
  const at = id.toLowerCase().indexOf(';messageid=');
  return at >= 0 ? id.slice(0, at) : id;
}

/** The platform-qualified channel id of an activity's conversation. */
export function channelOf(activity: TeamsActivity): string | undefined {
  const id = str(activity.conversation?.id);
  return id ? `teams:${baseConversationId(id)}` : undefined;
}

/** Team channels belong to `teams:<tenant>:<team>`; personal and group chats to the tenant. */
export function workspaceOf(activity: TeamsActivity): string {
  const tenant = tenantOf(activity) ?? 'unknown-tenant';
  const team = conversationKind(activity) === 'channel' ? teamOf(activity) : undefined;
  return team ? `teams:${tenant}:${team}` : `teams:${tenant}`;
}

/** Bot ids appear as `28:<app id>` in one place and bare in another. */
function sameAccount(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const bare = (id: string) => id.replace(/^\d+:/, '').toLowerCase();
  return a === b || bare(a) === bare(b);
}

/**
 * The command text: the bot's own `<at>` mention removed, other mentions rewritten to `<@id>`
 * (the core qualifies them), non-breaking spaces made plain, surrounding space trimmed.
 */
export function commandText(activity: TeamsActivity): string {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention') continue;
    const mentioned = (entity.mentioned ?? {}) as TeamsAccount;
    const tag = str(entity.text) ?? (mentioned.name ? `<at>${mentioned.name}</at>` : undefined);
    if (!tag) continue;
    const replacement = sameAccount(mentioned.id, botId) ? '' : mentioned.id ? `<@${mentioned.id}>` : mentioned.name ?? '';
    text = text.split(tag).join(replacement);
  }
  return text
    .replace(/<at>([^<]*)<\/at>/gi, '$1')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** The people an activity mentions, other than the bot: their display names are worth remembering. */
export function mentionedUsers(activity: TeamsActivity): TeamsAccount[] {
  const botId = activity.recipient?.id;
  return (activity.entities ?? [])
    .filter((e) => e.type === 'mention')
    .map((e) => (e.mentioned ?? {}) as TeamsAccount)
    .filter((m) => m.id && !sameAccount(m.id, botId));
}

/**
 * Who, where and in which language, without text or action. `undefined` when the activity
 * lacks a sender or a conversation (nothing can be attributed to it).
 */
export function requestBase(activity: TeamsActivity): Omit<BotRequest, 'text' | 'action'> | undefined {
  const user = str(activity.from?.id);
  const channel = channelOf(activity);
  if (!user || !channel) return undefined;
  const request: Omit<BotRequest, 'text' | 'action'> = {
    platform: 'teams',
    workspace: workspaceOf(activity),
    channel,
    user: `teams:${user}`,
  };
  const userName = str(activity.from?.name);
  if (userName) request.userName = userName;
  const locale = str(activity.locale);
  if (locale) request.locale = locale;
  if (conversationKind(activity) === 'personal') request.personal = true;
  const requestId = str(activity.id);
  if (requestId) request.requestId = requestId;
  return request;
}

/** A message activity as a command request. */
export function messageRequest(activity: TeamsActivity): BotRequest | undefined {
  const base = requestBase(activity);
  return base ? { ...base, text: commandText(activity) } : undefined;
}

/** True when a `conversationUpdate` says the bot itself was added (installed in a team, chat or personal scope). */
export function botWasAdded(activity: TeamsActivity): boolean {
  return (activity.membersAdded ?? []).some((m) => sameAccount(m.id, activity.recipient?.id));
}
