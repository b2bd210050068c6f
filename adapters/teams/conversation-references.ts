import type { RolloutStore } from '../../src/ports/rollout-store.port';
import { baseConversationId, type TeamsActivity } from './translate-activity';

/**
 * What the bot needs to post into a conversation later without being spoken to: the Bot Connector
 * `serviceUrl`, the conversation and the bot's own account. User and activity are left out on
 * purpose, so the reference of a channel stays the same from message to message.
 */
export interface ChannelReference {
  channelId: string;
  serviceUrl: string;
  conversation: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean };
  agent?: { id: string; name?: string };
}

/** The core store's platform-record kind under which conversation references are kept, by channel id. */
export const CONVERSATION_RECORD = 'teams.conversation';

/** The platform-record kind under which each person's personal chat with the bot is kept: `teams:<user id>` to its channel. */
export const PERSONAL_CHAT_RECORD = 'teams.personal';

/** Channels the cache remembers before it starts over: one per team channel, group chat and personal chat. */
const MAX_CACHED = 10_000;

/** The reference of an activity's conversation; the thread suffix is dropped so posts start a new thread. */
export function referenceOf(activity: TeamsActivity): ChannelReference | undefined {
  const id = activity.conversation?.id;
  if (!id || !activity.serviceUrl) return undefined;
  const c = activity.conversation ?? {};
  const conversation: ChannelReference['conversation'] = { id: baseConversationId(id) };
  if (c.conversationType) conversation.conversationType = c.conversationType;
  if (c.tenantId) conversation.tenantId = c.tenantId;
  if (c.isGroup !== undefined) conversation.isGroup = c.isGroup;
  const reference: ChannelReference = { channelId: activity.channelId ?? 'msteams', serviceUrl: activity.serviceUrl, conversation };
  if (activity.recipient?.id) {
    reference.agent = activity.recipient.name ? { id: activity.recipient.id, name: activity.recipient.name } : { id: activity.recipient.id };
  }
  return reference;
}

/**
 * Conversation references in the core store (`savePlatformRecord('teams.conversation', channel,
 * json)`), with the last JSON per channel in memory in front. Every message and click carries the
 * reference, so an unchanged one costs a map lookup and no store call; the store is written once
 * per channel and process (it answers `false` then, when the row is already there), and again
 * only when Teams moves a tenant to another `serviceUrl`. A channel not in memory is read from the
 * store, so references saved by another instance or before a restart are found; absence is not
 * remembered, for the same reason.
 */
export class ConversationReferences {
  private readonly known = new Map<string, string>();

  constructor(
    private readonly store: Pick<RolloutStore, 'savePlatformRecord' | 'platformRecord'>,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /** Keeps the reference of a channel (`teams:<conversation id>`); `false` when it was already stored so. */
  async save(channel: string, reference: ChannelReference): Promise<boolean> {
    const json = JSON.stringify(reference);
    if (this.known.get(channel) === json) return false;
    const changed = await this.store.savePlatformRecord(CONVERSATION_RECORD, channel, json, this.now());
    this.remember(channel, json);
    return changed;
  }

  /** The stored reference of a channel, if the bot has seen it. */
  async get(channel: string): Promise<ChannelReference | undefined> {
    let json = this.known.get(channel);
    if (json === undefined) {
      json = await this.store.platformRecord(CONVERSATION_RECORD, channel);
      if (json === undefined) return undefined;
      this.remember(channel, json);
    }
    return JSON.parse(json) as ChannelReference;
  }

  /** Keeps which channel is a person's personal chat with the bot (`teams:29:…` to `teams:a:…`), for reminders. */
  async savePersonalChat(user: string, channel: string): Promise<void> {
    if (this.known.get(`personal\u0000${user}`) === channel) return;
    // Records are JSON: the channel id as a JSON string.
    await this.store.savePlatformRecord(PERSONAL_CHAT_RECORD, user, JSON.stringify(channel), this.now());
    this.remember(`personal\u0000${user}`, channel);
  }

  /** A person's personal chat with the bot, if they have one that the bot has seen. */
  async personalChat(user: string): Promise<string | undefined> {
    const known = this.known.get(`personal\u0000${user}`);
    if (known !== undefined) return known;
    const json = await this.store.platformRecord(PERSONAL_CHAT_RECORD, user);
    if (json === undefined) return undefined;
    const channel = JSON.parse(json) as string;
    this.remember(`personal\u0000${user}`, channel);
    return channel;
  }

  private remember(channel: string, json: string): void {
    if (this.known.size >= MAX_CACHED && !this.known.has(channel)) this.known.clear();
    this.known.set(channel, json);
  }
}
