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

/**
 * Where channel references are kept. Until the core store has `saveConversationRef` /
 * `conversationRef`, the Teams adapter keeps them in a table of its own.
 */
export interface ConversationReferenceStore {
  /** Stores the reference of a channel (`teams:<conversation id>`); `false` when it was already stored unchanged (no write). */
  save(channel: string, reference: ChannelReference): Promise<boolean>;
  /** The stored reference of a channel, if the bot has seen it. */
  get(channel: string): Promise<ChannelReference | undefined>;
  close(): Promise<void>;
}

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

/** References in memory only: for tests and for `DATABASE_URL=:memory:`, where nothing outlives the process anyway. */
export class MemoryConversationReferenceStore implements ConversationReferenceStore {
  private readonly refs = new Map<string, string>();
  /** Number of stores that actually changed something (tests check that unchanged references are not rewritten). */
  writes = 0;

  async save(channel: string, reference: ChannelReference): Promise<boolean> {
    const json = JSON.stringify(reference);
    if (this.refs.get(channel) === json) return false;
    this.refs.set(channel, json);
    this.writes += 1;
    return true;
  }

  async get(channel: string): Promise<ChannelReference | undefined> {
    const json = this.refs.get(channel);
    return json ? (JSON.parse(json) as ChannelReference) : undefined;
  }

  async close(): Promise<void> {}
}
