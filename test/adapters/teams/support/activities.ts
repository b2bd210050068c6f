import type { TeamsActivity } from '../../../../adapters/teams/translate-activity';

/**
 * Activities in the shapes Teams really sends (recorded from the Bot Connector, ids replaced):
 * the team sometimes only in `channelData.teamsTeamId`, channel threads with `;messageid=`,
 * mentions as `<at>` tags plus `mention` entities, `clientInfo` entities, locale per activity.
 */

export const TENANT = '5f0c8a3e-1d2b-4c6a-9e7f-0a1b2c3d4e5f';
export const BOT = { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'Rollout' };
export const TEAM = '19:Qm9nVGVhbUlk0001@thread.tacv2';
export const CHANNEL = '19:a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6@thread.tacv2';
export const GROUP_CHAT = '19:meeting_ZjY4ZTNhYWQtNjRiZC00OWIxLWE3NjgtZDQ1NjQ5YzVmNDk5@thread.v2';

export interface Person {
  id: string;
  name: string;
  aadObjectId: string;
}

export const LEENA: Person = { id: '29:1Leena-AbCdEfGhIjKlMnOp', name: 'Leena Lead', aadObjectId: 'a7e4c1d2-0000-4000-8000-00000000000a' };
export const IIRO: Person = { id: '29:1Iiro-QrStUvWxYz012345', name: 'Iiro IT', aadObjectId: 'b8f5d2e3-0000-4000-8000-00000000000b' };
export const OUTSIDER: Person = { id: '29:1Outi-6789AbCdEfGhIjKl', name: 'Outi Outsider', aadObjectId: 'c9a6e3f4-0000-4000-8000-00000000000c' };
export const VIIVI: Person = { id: '29:1Viivi-MnOpQrStUvWx6789', name: 'Viivi Viestintä', aadObjectId: 'd0b7f4a5-0000-4000-8000-00000000000d' };

let counter = 0;
/** Teams message ids are millisecond timestamps; invoke and update ids look like `f:<number>`. */
export function nextId(prefix = ''): string {
  counter += 1;
  return `${prefix}${1763888400000 + counter}`;
}

function clientInfo(locale: string) {
  return { type: 'clientInfo', locale, country: locale.slice(-2), platform: 'Web', timezone: 'Europe/Helsinki' };
}

function fromOf(p: Person) {
  return { id: p.id, name: p.name, aadObjectId: p.aadObjectId };
}

export interface Where {
  serviceUrl: string;
  locale?: string;
}

/** A message in the personal chat between one person and the bot. */
export function personalMessage(p: Person, text: string, where: Where & { id?: string }): TeamsActivity & Record<string, unknown> {
  const locale = where.locale ?? 'fi-FI';
  return {
    text,
    textFormat: 'plain',
    type: 'message',
    timestamp: '2026-11-23T09:00:00.1234567Z',
    localTimestamp: '2026-11-23T11:00:00.1234567+02:00',
    id: where.id ?? nextId(),
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from: fromOf(p),
    conversation: { conversationType: 'personal', tenantId: TENANT, id: `a:1${p.id.slice(4)}-personal` },
    recipient: BOT,
    entities: [clientInfo(locale)],
    channelData: { tenant: { id: TENANT } },
    locale,
    localTimezone: 'Europe/Helsinki',
  };
}

/**
 * A channel message that @mentions the bot (and maybe people), in CHANNEL or another channel of
 * the team. `teamIn: 'teamsTeamId'` gives the payload variant without `channelData.team`.
 */
export function channelMessage(
  p: Person,
  text: string,
  where: Where & { id?: string; mentions?: Person[]; teamIn?: 'team' | 'teamsTeamId'; thread?: string; channel?: string },
): TeamsActivity & Record<string, unknown> {
  const locale = where.locale ?? 'en-US';
  const id = where.id ?? nextId();
  const channel = where.channel ?? CHANNEL;
  const mentions = [{ id: BOT.id, name: BOT.name }, ...(where.mentions ?? []).map((m) => ({ id: m.id, name: m.name }))];
  const channelData: Record<string, unknown> = {
    teamsChannelId: channel,
    teamsTeamId: TEAM,
    channel: { id: channel },
    tenant: { id: TENANT },
  };
  if (where.teamIn !== 'teamsTeamId') channelData.team = { id: TEAM };
  return {
    text: `<at>${BOT.name}</at> ${text}`,
    textFormat: 'plain',
    attachments: [{ contentType: 'text/html', content: `<p><span itemtype="http://schema.skype.com/Mention" itemid="0">${BOT.name}</span>&nbsp;${text}</p>` }],
    type: 'message',
    timestamp: '2026-11-23T09:00:00.1234567Z',
    id,
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from: fromOf(p),
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: `${channel};messageid=${where.thread ?? id}` },
    recipient: BOT,
    entities: [
      ...mentions.map((m) => ({ mentioned: m, text: `<at>${m.name}</at>`, type: 'mention' })),
      clientInfo(locale),
    ],
    channelData,
    locale,
  };
}

/** A group chat message (no team) that @mentions the bot. */
export function groupChatMessage(p: Person, text: string, where: Where): TeamsActivity & Record<string, unknown> {
  const locale = where.locale ?? 'sv-SE';
  return {
    text: `<at>${BOT.name}</at> ${text}`,
    type: 'message',
    id: nextId(),
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from: fromOf(p),
    conversation: { isGroup: true, conversationType: 'groupChat', tenantId: TENANT, id: GROUP_CHAT },
    recipient: BOT,
    entities: [{ mentioned: BOT, text: `<at>${BOT.name}</at>`, type: 'mention' }, clientInfo(locale)],
    channelData: { tenant: { id: TENANT } },
    locale,
  };
}

/** The bot installed in a team: `conversationUpdate` with the bot in `membersAdded`, in the General channel. */
export function botAddedToTeam(where: Where): TeamsActivity & Record<string, unknown> {
  return {
    membersAdded: [{ id: BOT.id }],
    type: 'conversationUpdate',
    timestamp: '2026-11-23T08:59:00.0000000Z',
    id: `f:${nextId()}`,
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from: { id: LEENA.id, aadObjectId: LEENA.aadObjectId },
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: CHANNEL },
    recipient: BOT,
    channelData: {
      team: { aadGroupId: 'd1e2f3a4-0000-4000-8000-000000000001', name: 'Kotikunta rollout', id: TEAM },
      eventType: 'teamMemberAdded',
      tenant: { id: TENANT },
      settings: { selectedChannel: { id: CHANNEL } },
    },
  };
}

/** A click on an `Action.Execute` button: `invoke` named `adaptiveCard/action`, in a channel or personal chat. */
export function cardAction(
  p: Person,
  data: Record<string, unknown>,
  where: Where & { personal?: boolean; replyToId?: string; id?: string; verb?: string; channel?: string },
): TeamsActivity & Record<string, unknown> {
  const locale = where.locale ?? 'en-US';
  const base = where.personal ? personalMessage(p, '', where) : channelMessage(p, '', where);
  return {
    name: 'adaptiveCard/action',
    type: 'invoke',
    timestamp: '2026-11-23T09:01:00.1234567Z',
    id: where.id ?? `f:${nextId()}`,
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from: base.from,
    conversation: base.conversation,
    recipient: BOT,
    entities: [clientInfo(locale)],
    channelData: { ...(base.channelData as object), source: { name: 'message' }, legacy: { replyToId: `1:${nextId()}` } },
    replyToId: where.replyToId ?? nextId(),
    value: { action: { type: 'Action.Execute', title: 'Done', verb: where.verb ?? 'rollout', data }, trigger: 'manual' },
    locale,
  };
}
