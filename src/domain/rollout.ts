import type { Locale } from '../core/locale';

export type TaskStatus = 'open' | 'done' | 'na';

/** What has been recorded about one task. Tasks never touched are open. */
export interface TaskRecord {
  status: TaskStatus;
  /** Why the task does not apply (status `na`). */
  reason?: string;
  /** Free note given when checking off. */
  note?: string;
  /** Platform-qualified user id. */
  assignee?: string;
  /** Due date (`YYYY-MM-DD`) set with `due`; without it the task is due on its phase's target date. */
  due?: string;
  /** `snooze`: no reminder about the task up to and including this date (`YYYY-MM-DD`). */
  snoozedUntil?: string;
  updatedBy?: string;
  updatedAt?: string;
}

export interface Rollout {
  id: string;
  workspace: string;
  name: string;
  playbookId: string;
  /** Key of the current phase. */
  phase: string;
  /** Default language of the rollout's channels. */
  locale: Locale;
  /** Options chosen so far (conditional tasks); a missing key is undecided. */
  options: Record<string, boolean>;
  /** Values announcements use: `organisation`, `contact`, `golive` (go-live date, YYYY-MM-DD). */
  settings: Record<string, string>;
  createdAt: string;
  createdBy: string;
}

export interface RoleMember {
  role: string;
  user: string;
}

/** A channel that receives a role's announcements, in one language or two (bilingual). */
export interface RoleChannel {
  role: string;
  /** Platform-qualified channel id. */
  channel: string;
  /** Display name when the platform told it (`#viestinta`). */
  name?: string;
  locales: Locale[];
}

/** Everything the rules need about one rollout, read in one atomic unit. */
export interface RolloutState {
  rollout: Rollout;
  tasks: Record<string, TaskRecord>;
  members: RoleMember[];
  channels: RoleChannel[];
  /** Announcement previews (outbox batches) still waiting for their Send button, oldest first. */
  drafts: Draft[];
}

/** An announcement preview waiting to be sent. */
export interface Draft {
  /** Its outbox batch, which the Send button carries. */
  batch: string;
  template?: string;
  /** Who previewed it; absent for previews made before this was recorded. */
  createdBy?: string;
  /** The go-live date (YYYY-MM-DD) that sending it sets: a deviation notice that moves the date. */
  setsGoLive?: string;
}

export const OPEN_TASK: TaskRecord = { status: 'open' };

export function taskRecord(state: RolloutState, key: string): TaskRecord {
  return state.tasks[key] ?? OPEN_TASK;
}
