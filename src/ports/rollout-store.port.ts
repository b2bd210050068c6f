import type { CoreError } from '../core/errors';
import type { Locale } from '../core/locale';
import type { Platform } from '../core/request';
import type { RoleChannel, Rollout, RolloutState, TaskRecord } from '../domain/rollout';
import type { NewOutboxEntry } from './outbox.port';
import type { ErasureOptions, ErasureReport, PersonalData } from './personal-data.port';

/** Who changed something, from where and when; written into every event. */
export interface ChangeMeta {
  actor: string;
  /** `system` for what the bot does on its own (scheduled announcements). */
  platform: Platform | 'system';
  /** ISO timestamp from the injected clock. */
  at: string;
  /** Platform delivery id: a second change with the same id in the same scope is refused as a duplicate. */
  requestId?: string;
  /**
   * Where `requestId` is unique: workspace and conversation (`slack:T1\u0000slack:C1`). Teams
   * activity ids are per-conversation timestamps, so the same id in two conversations is two requests.
   */
  requestScope?: string;
}

/** One state change. The store records each as an event with its before and after. */
export type Change =
  | { type: 'task.set'; task: string; record: TaskRecord }
  | { type: 'role.add'; role: string; user: string }
  | { type: 'role.remove'; role: string; user: string }
  | { type: 'phase.set'; phase: string; override?: string }
  | { type: 'rollout.locale'; locale: Locale }
  | { type: 'rollout.option'; option: string; value: boolean }
  | { type: 'rollout.setting'; key: string; value: string | null }
  | { type: 'channel.map'; mapping: RoleChannel }
  | { type: 'channel.unmap'; role: string; channel: string }
  /** Queues a message; written in the same transaction as the change that caused it. */
  | { type: 'outbox.add'; entry: NewOutboxEntry }
  /** Releases a previewed announcement (its drafts) for delivery. */
  | { type: 'outbox.release'; batch: string }
  /** Sends a failed or unconfirmed announcement message again, from its first attempt. */
  | { type: 'outbox.resend'; id: number }
  /** Makes sure each channel's living status message gets refreshed (one pending refresh per channel at most). */
  | { type: 'status.refresh'; channels: string[] };

/** What a pure decision function returns: the changes to apply, or why nothing changes. */
export type Decision<T> = { ok: true; changes: Change[]; value: T } | { ok: false; error: CoreError };

export type TransactResult<T> =
  | { ok: true; value: T; state: RolloutState; changed: boolean }
  | { ok: false; error: CoreError }
  | { ok: false; duplicate: true };

/** One line of the audit trail. */
export interface StoredEvent {
  id: number;
  rolloutId: string | null;
  at: string;
  actor: string;
  platform: Platform | 'system';
  type: string;
  /** What the event is about: a task key, role, phase or user. */
  subject: string;
  before: unknown;
  after: unknown;
}

/** A filtered page of a rollout's audit trail (all filters optional). */
export interface AuditQuery {
  /** Only events about these subjects (task keys of a phase, for example). */
  subjects?: string[];
  /** Only events by this actor. */
  actor?: string;
  /** Only these event types. */
  types?: string[];
  /** Oldest first instead of newest first. */
  oldestFirst?: boolean;
  offset?: number;
  /** Page size; absent: every matching event. */
  limit?: number;
}

export interface AuditPage {
  events: StoredEvent[];
  /** How many events match the filters, over all pages. */
  total: number;
}

/** One `task.set` event, reduced to what a chart of progress needs. */
export interface TaskStatusChange {
  at: string;
  task: string;
  status: string;
}

export interface NewRollout {
  workspace: string;
  name: string;
  playbookId: string;
  phase: string;
  locale: Locale;
  /** The creator, who becomes lead. */
  lead: string;
  /** The channel where `init` was run; it is bound to the new rollout. */
  channel: string;
}

/**
 * Persistence of rollouts. Every method is one atomic unit of work: it either happens whole,
 * with its events, or not at all. Implementations must pass `test/contract/rollout-store.contract.ts`.
 */
export interface RolloutStore {
  /** Creates a rollout, makes the creator lead and binds the channel; `rollout.exists` if the name is taken in the workspace. */
  createRollout(input: NewRollout, meta: ChangeMeta): Promise<{ ok: true; rollout: Rollout } | { ok: false; error: CoreError }>;
  /** Rollouts of a workspace, oldest first. */
  listRollouts(workspace: string): Promise<Rollout[]>;
  /** The rollout a channel is bound to, if any. */
  rolloutForChannel(channel: string): Promise<Rollout | undefined>;
  /** Binds a channel to a rollout (a channel belongs to one rollout at a time). */
  bindChannel(channel: string, rolloutId: string, meta: ChangeMeta): Promise<void>;
  /** The whole state of one rollout, or undefined if there is none with that id. */
  load(rolloutId: string): Promise<RolloutState | undefined>;
  /**
   * Reads the state, runs `decide` (pure, synchronous) on it and applies the changes it returns,
   * with one event each, all in one transaction. Example:
   * `store.transact(id, meta, (s) => ({ ok: true, changes: [{ type: 'role.add', role: 'it', user }], value: null }))`.
   */
  transact<T>(rolloutId: string, meta: ChangeMeta, decide: (state: RolloutState) => Decision<T>): Promise<TransactResult<T>>;
  /** Every rollout of every workspace (for scheduled announcements). */
  allRollouts(): Promise<Rollout[]>;
  /** The newest `limit` events of a rollout, newest first. */
  events(rolloutId: string, limit: number): Promise<StoredEvent[]>;
  /** A page of a rollout's audit trail, filtered (read-only; for the dashboard and exports). */
  auditEvents(rolloutId: string, query: AuditQuery): Promise<AuditPage>;
  /** Every status a rollout's tasks were set to, oldest first, from the audit trail (burn-up charts). */
  taskHistory(rolloutId: string): Promise<TaskStatusChange[]>;
  /** Everyone who appears as the actor of a rollout's events, for the audit filter. */
  auditActors(rolloutId: string): Promise<string[]>;
  /** The language a user chose with `lang`, if any. */
  userLocale(user: string): Promise<Locale | undefined>;
  /** Records a user's chosen language (an event without a rollout). */
  setUserLocale(user: string, locale: Locale, meta: ChangeMeta): Promise<void>;
  /**
   * Queues messages of many rollouts at once (the daily reminders), with an `outbox.add` event
   * each in its rollout's trail, in one transaction; an entry whose key is already queued is skipped.
   */
  queueMessages(entries: ReadonlyArray<{ rolloutId: string; entry: NewOutboxEntry }>, meta: ChangeMeta): Promise<void>;
  /** Rollouts with an open task whose own due date is on or before `until` (`YYYY-MM-DD`): where the daily reminders look (indexed). */
  rolloutsWithTasksDueBy(until: string): Promise<string[]>;
  /** Whether a user turned their daily reminders off (`remind off`). */
  remindersOff(user: string): Promise<boolean>;
  /** Turns a user's daily reminders off or on again (an event without a rollout, when it changes). */
  setRemindersOff(user: string, off: boolean, meta: ChangeMeta): Promise<void>;
  /** Everyone who turned their daily reminders off. */
  usersWithRemindersOff(): Promise<string[]>;
  /** Remembers how to show a user id (display name from the platform). */
  rememberUserName(user: string, name: string): Promise<void>;
  /**
   * Keeps what an adapter needs to reach its platform later (a Slack installation, a Teams
   * conversation reference) as JSON text under a kind and key; false when it was already so.
   */
  savePlatformRecord(kind: string, key: string, value: string, at: string): Promise<boolean>;
  /** A record saved with `savePlatformRecord`. */
  platformRecord(kind: string, key: string): Promise<string | undefined>;
  deletePlatformRecord(kind: string, key: string): Promise<void>;
  /** Display names of the given user ids that are known. */
  userNames(users: string[]): Promise<Record<string, string>>;
  /**
   * Forgets the platform delivery ids (`requestId`) recorded before `before` (ISO time) and says
   * how many: a platform repeats a delivery within minutes, so old ids only take up room.
   */
  forgetRequests(before: string): Promise<number>;
  /** Deletes the audit events recorded before `before` (ISO time) and says how many (`AUDIT_RETENTION_DAYS`). */
  forgetEvents(before: string): Promise<number>;
  /** Everything stored about one person (platform-qualified id), across every rollout. */
  personalData(user: string): Promise<PersonalData>;
  /**
   * Replaces a person's id and display name by one pseudonym in every table, the audit trail
   * included (its rows keep their order and shape), and records the erasure as one event that
   * does not name them; one transaction. With `dryRun`, counts and changes nothing.
   */
  erasePerson(user: string, meta: ChangeMeta, options?: ErasureOptions): Promise<ErasureReport>;
  close(): Promise<void>;
}
