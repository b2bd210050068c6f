import type { TaskStatus } from '../domain/rollout';
import type { StoredEvent } from './rollout-store.port';

/** Where a record about a person belongs. */
export interface RolloutRef {
  rolloutId: string;
  rollout: string;
  workspace: string;
}

/**
 * Everything the store holds about one person (platform-qualified id), across every rollout:
 * what `my data` gives them and what an erasure replaces.
 */
export interface PersonalData {
  user: string;
  /** Display name as the platform told it. */
  name?: string;
  /** Language chosen with `lang`. */
  locale?: string;
  /** They turned their daily reminders off (`remind off`). */
  remindersOff?: boolean;
  roles: Array<RolloutRef & { role: string }>;
  /** Tasks assigned to them or last changed by them, with the note or reason recorded. */
  tasks: Array<RolloutRef & { task: string; status: TaskStatus; assigned: boolean; changedByThem: boolean; note?: string; reason?: string; updatedAt?: string }>;
  rolloutsCreated: Array<RolloutRef & { createdAt: string }>;
  /** Audit entries where they are the actor, the subject or named in the before/after values. */
  events: StoredEvent[];
  /** Outgoing messages that report to them (delivery failures of announcements they sent). */
  messages: Array<{ rolloutId: string; channel: string; kind: string; status: string; createdAt: string }>;
  /** Records an adapter keeps that name them; values only for records keyed by them, without secrets. */
  platformRecords: Array<{ kind: string; key: string; updatedAt: string; value?: unknown }>;
  /** Workspaces whose rollouts hold something about them. */
  workspaces: string[];
}

/** What an erasure changed (or, as a preview, would change). */
export interface ErasureReport {
  /** Replaces the id's native part and the name, e.g. `erased-1a2b3c`; the id becomes `<platform>:erased-1a2b3c`. */
  pseudonym: string;
  /** Rows changed per table. */
  tables: Record<string, number>;
  rows: number;
}

export interface ErasureOptions {
  /** The rollout the erasure was asked in: its audit trail records the erasure. */
  rolloutId?: string;
  /** Counts what would change and changes nothing. */
  dryRun?: boolean;
}
