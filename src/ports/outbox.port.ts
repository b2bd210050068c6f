import type { Locale } from '../core/locale';

/** `reminder`: a direct message to one person, whose platform id is the entry's channel. */
export type OutboxKind = 'announcement' | 'status' | 'report' | 'reminder';
export type OutboxStatus = 'draft' | 'pending' | 'sending' | 'sent' | 'failed';

/** A message to deliver to one channel, queued with the change that caused it. */
export interface NewOutboxEntry {
  /** Unique per message: a second entry with the same key is ignored, and platforms use it to spot a repeat. */
  idempotencyKey: string;
  /** Groups the channels of one announcement (its preview id). */
  batch: string;
  kind: OutboxKind;
  /** Template key, for announcements. */
  template?: string;
  channel: string;
  locales: Locale[];
  /** The exact text to post; empty for status refreshes, which are rendered at delivery from the live state. */
  text: string;
  /** `draft` waits for the Send button; `pending` is delivered as soon as the channel's pace allows. */
  status: 'draft' | 'pending';
  /** Who should hear about it if delivery finally fails. */
  reportTo?: string;
  /** Who previewed it, for drafts: `announce send` sends only the asker's own. */
  createdBy?: string;
  /** For drafts: the go-live date that sending it sets (a deviation notice with a new date). */
  setsGoLive?: string;
}

export interface OutboxEntry extends Omit<NewOutboxEntry, 'status'> {
  id: number;
  rolloutId: string;
  /** The rollout's workspace (`slack:T123`), for senders that hold one token per workspace. */
  workspace: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  messageId?: string;
  createdAt: string;
  sentAt?: string;
  /** The last attempt may have reached the platform: look the message up before sending it again. */
  verify: boolean;
  /** Lookups so far that could not tell whether the message got through. */
  lookups: number;
  /** Failed because its delivery could not be confirmed either way (not because the platform refused it). */
  unconfirmed?: boolean;
  /** When it last went to `sending`. */
  claimedAt?: string;
}

export interface OutboxSummary {
  draft: number;
  pending: number;
  sent: number;
  failed: number;
  /** Given up without knowing whether they arrived (counted apart from `failed`). */
  unconfirmed: number;
  /** The latest entries, newest first. */
  recent: OutboxEntry[];
}

export interface OutboxHealth {
  writable: boolean;
  /** Why the store does not take writes. */
  reason?: string;
  stuck: number;
  unconfirmed: number;
}

/**
 * The delivery side of the outbox. Entries are added through `RolloutStore.transact` changes;
 * the worker claims, delivers and settles them here. Every method is one atomic unit.
 */
export interface OutboxStore {
  /** Entries a previous process left in `sending` on these platforms: their delivery may or may not have happened. */
  inFlight(platforms: readonly string[]): Promise<OutboxEntry[]>;
  /**
   * Moves up to `limit` due pending entries of these platforms' channels to `sending`
   * (attempts + 1) and returns them, oldest first, at most one per channel, skipping `busyChannels` and channels whose earlier message is still pending or sending.
   */
  claimDue(now: string, limit: number, platforms: readonly string[], busyChannels: readonly string[]): Promise<OutboxEntry[]>;
  /** Delivered: records the platform message id (and, for status messages, remembers it for later edits). */
  markSent(id: number, messageId: string, at: string): Promise<void>;
  /**
   * Not delivered yet: back to `pending` until `nextAttemptAt`. `verify`: the attempt may have
   * reached the platform, so the next one looks it up first. `lookupFailed`: a lookup could not
   * tell (counted; the entry stays to be verified).
   */
  retryLater(id: number, nextAttemptAt: string, error: string, options?: { verify?: boolean; lookupFailed?: boolean }): Promise<void>;
  /** Given up: marks it failed and queues the report, in one transaction. */
  markFailed(id: number, error: string, at: string, report?: NewOutboxEntry & { rolloutId: string }): Promise<void>;
  /** Given up without knowing whether it arrived: failed and unconfirmed, with the report, in one transaction. */
  markUnconfirmed(id: number, error: string, at: string, report?: NewOutboxEntry & { rolloutId: string }): Promise<void>;
  /**
   * Entries of these platforms left in `sending` since before `claimedBefore` (every one when
   * undefined), except `except`: back to `pending`, due at `now`, to be looked up before they
   * are sent again. Returns how many.
   */
  requeueStuck(platforms: readonly string[], now: string, claimedBefore?: string, except?: readonly number[]): Promise<number>;
  /**
   * What `/healthz` reports, without waiting on a lock: whether the store takes writes (and why
   * not), entries of these platforms in `sending` since before `claimedBefore`, and unconfirmed ones.
   */
  health(platforms: readonly string[], claimedBefore: string): Promise<OutboxHealth>;
  /** The living status message already posted in a channel for a rollout, if any. */
  statusMessage(rolloutId: string, channel: string): Promise<string | undefined>;
  /** Counts and latest entries of a rollout's outbox. */
  summary(rolloutId: string, recent: number): Promise<OutboxSummary>;
  /** One entry of a rollout's outbox. */
  entry(rolloutId: string, id: number): Promise<OutboxEntry | undefined>;
  /** The messages of one announcement, in channel order. */
  batch(rolloutId: string, batch: string): Promise<OutboxEntry[]>;
  /** The earliest time a pending entry of these platforms becomes due, if any. */
  nextDue(platforms: readonly string[]): Promise<string | undefined>;
}
