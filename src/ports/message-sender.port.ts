import type { Locale } from '../core/locale';
import type { Platform } from '../core/request';
import type { View } from '../core/views';
import type { OutboxKind } from './outbox.port';

/** One message on its way to a channel. */
export interface OutgoingMessage {
  /** Platform-qualified channel id (`slack:C123`, `teams:19:...`). */
  channel: string;
  /** The workspace the channel belongs to (`slack:T123`), for per-workspace tokens. */
  workspace: string;
  /** Plain text; the sender escapes it for its platform. */
  text: string;
  /** Stable per message; a sender that can attach it to the message lets recovery spot a repeat. */
  idempotencyKey: string;
  kind: OutboxKind;
  /** For a reminder: the same content as views (with Done buttons), to render where the platform can, and their language. */
  views?: View[];
  locale?: Locale;
}

export type SendResult =
  | { ok: true; messageId: string }
  /** `retryAfterMs`: the platform asked to wait (HTTP 429 Retry-After). `retryable`: worth another try later (5xx, network). */
  /**
   * `uncertain`: the request may have reached the platform before it failed (a timeout, a reset
   * connection, a 5xx): the outbox looks the message up before sending it again.
   */
  | { ok: false; retryable: boolean; retryAfterMs?: number; uncertain?: boolean; error: string };

/**
 * Delivers outbox messages on one platform; each adapter implements it. It reports failures as
 * values and never retries by itself: the outbox owns the retry policy, durably.
 */
export interface MessageSender {
  /** The platform whose channels it serves. */
  platform: Platform;
  /** It delivers `reminder` entries: a direct message to the person whose id is the entry's channel. */
  directMessages?: boolean;
  /** Least time between two messages to one channel (Slack allows about one a second). */
  minIntervalMs: number;
  /** Posts a new message and returns its platform id. */
  post(message: OutgoingMessage): Promise<SendResult>;
  /** Edits a message posted earlier (the living status message). */
  update(message: OutgoingMessage & { messageId: string }): Promise<SendResult>;
  /**
   * After an attempt that may have reached the platform (a lost answer, a crash mid-send): the id
   * of a message already delivered with this key, undefined when it is certainly not there.
   * Throws when it cannot tell; an error with `permanent: true` says asking again will not help.
   * Without it, such a message is sent again (at least once).
   */
  findDelivered?(message: OutgoingMessage, since: string): Promise<string | undefined>;
}
