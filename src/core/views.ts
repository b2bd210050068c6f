import type { TaskStatus } from '../domain/rollout';

/**
 * Neutral views: what the core wants shown, already in the user's language. Renderers turn
 * them into Block Kit, Adaptive Cards or text; they translate only their own fixed labels
 * (button captions, headings) with `t(locale, 'ui.*')` and escape every string for their platform.
 */

export interface UserRef {
  /** Platform-qualified id, e.g. `slack:U123`. */
  id: string;
  /** Display name when known. */
  name?: string;
}

export interface PhaseRef {
  key: string;
  name: string;
  /** Position, 1-based. */
  number: number;
}

export interface ProgressView {
  done: number;
  /** Tasks that apply (done + open); not-applicable ones are left out. */
  applicable: number;
  percent: number;
}

export interface TaskLine {
  key: string;
  /** Number in its phase, `3.2`. */
  ref: string;
  phase: string;
  depth: number;
  title: string;
  status: TaskStatus;
  role: string;
  roleName: string;
  assignee?: UserRef;
  note?: string;
  /** Why the task does not apply. */
  reason?: string;
  /** Conditional on an option (e.g. light e-service). */
  conditional: boolean;
  hasChildren: boolean;
  /** The task this one is a subtask of, so a list without it can still say where it belongs. */
  parent?: { key: string; ref: string; title: string };
  /** The asker may check this task off, skip or reopen it (owner role or lead, leaf task). */
  canChange: boolean;
  /** When an open task is due, if it is overdue or due on a date of its own (else its list's `target` says it): "due 15.3.2027". */
  due?: { date: string; overdue: boolean; text: string };
}

export interface ChecklistView {
  kind: 'checklist';
  rolloutId: string;
  rolloutName: string;
  phase: PhaseRef;
  current: boolean;
  progress: ProgressView;
  /** The phase's target date while it has open tasks ("target 15.3.2027"); its tasks are due then unless they say otherwise. */
  target?: { date: string; overdue: boolean; text: string };
  tasks: TaskLine[];
  /** Page asked for by a `page` action (1-based); renderers that paginate show this page. */
  page?: number;
}

export interface OverviewView {
  kind: 'overview';
  rolloutId: string;
  rolloutName: string;
  /** `behind`: a phase the rollout moved past while tasks in it were still open. */
  phases: Array<PhaseRef & { progress: ProgressView; current: boolean; optional: boolean; behind: boolean }>;
  roles: Array<{ key: string; name: string; progress: ProgressView }>;
}

export interface NextView {
  kind: 'next';
  rolloutId: string;
  rolloutName: string;
  phase: PhaseRef;
  /** The phase's target date, as in ChecklistView. */
  target?: ChecklistView['target'];
  tasks: TaskLine[];
  /** The whole phase is done: the next step is the gate. */
  phaseComplete: boolean;
  /** Only the asker's roles were considered. */
  mine: boolean;
  /** Open tasks exist but every one waits for an earlier task. */
  waiting: boolean;
  /** Open tasks (of the asker's roles with `mine`) not among `tasks`: "and 4 more". */
  more: number;
}

export interface GateView {
  kind: 'gate';
  rolloutId: string;
  rolloutName: string;
  phase: PhaseRef;
  /** The phase that follows; absent in the last phase. */
  next?: PhaseRef;
  /** Required tasks still open: exactly what blocks moving on. */
  blockers: TaskLine[];
  /** The asker is the rollout lead. */
  canAdvance: boolean;
}

/** The rollout's schedule: each phase's target date and whether it holds (`plan`). */
export interface ScheduleView {
  kind: 'schedule';
  rolloutName: string;
  rows: Array<{
    phase: PhaseRef;
    /** Target date as shown to the reader; absent when the phase is not planned. */
    target?: string;
    /** The lead set this date (`plan <phase> <date>`) rather than it being planned from go-live. */
    manual: boolean;
    current: boolean;
    timing: 'done' | 'on_track' | 'late' | 'out_of_order' | 'unplanned';
    /** The timing in words: "12 working days left", "late by 3 working days". */
    status: string;
  }>;
  /** False when a phase is late or out of order: the schedule cannot hold as it is. */
  fits: boolean;
  /** The go-live date and whether the schedule holds, or what it still needs, in one line. */
  summary: string;
}

/** A person's daily reminder: their tasks due soon or overdue per rollout, each with its Done button. */
export interface ReminderView {
  kind: 'reminder';
  heading: string;
  groups: Array<{
    rolloutId: string;
    /** The rollout's name, or for a lead's escalation "Overdue by more than 5 working days in …". */
    title: string;
    /** Tasks escalated to a lead: listed with who has them, checked off by them. */
    escalated: boolean;
    tasks: TaskLine[];
  }>;
  footer: string;
}

export interface NoticeView {
  kind: 'notice';
  tone: 'success' | 'info' | 'warning';
  text: string;
}

export interface ErrorView {
  kind: 'error';
  code: string;
  text: string;
  /** What to do next. */
  hint?: string;
}

export interface HelpView {
  kind: 'help';
  title: string;
  intro: string;
  commands: Array<{ usage: string; summary: string }>;
  footer: string;
}

export interface RolesView {
  kind: 'roles';
  rolloutName: string;
  roles: Array<{ key: string; name: string; members: UserRef[] }>;
}

export interface LogView {
  kind: 'log';
  rolloutName: string;
  entries: Array<{ at: string; actor: UserRef; text: string }>;
}

export interface ChannelRef {
  /** Platform-qualified id, e.g. `slack:C123`. */
  id: string;
  name?: string;
}

export interface ChannelsView {
  kind: 'channels';
  rolloutName: string;
  roles: Array<{ key: string; name: string; channels: Array<ChannelRef & { locales: string[] }> }>;
  /** Names of roles that have no channel: their announcements reach nobody. */
  unmapped: string[];
  /** Values announcements use, as `label: value` lines (organisation, contact, go-live date). */
  settings: Array<{ label: string; value: string }>;
}

/** An announcement as it will be sent: every target channel, its language(s) and the exact text. */
export interface AnnouncementView {
  kind: 'announcement';
  rolloutId: string;
  /** Preview id; the Send button carries it. */
  batch: string;
  title: string;
  targets: Array<{ channel: ChannelRef; roles: string[]; locales: string[]; text: string }>;
  /** Target roles without a channel. */
  unmapped: string[];
  /** The asker may send it (lead or communications) and it has not been sent yet. */
  canSend: boolean;
  sent: boolean;
}

export interface OutboxView {
  kind: 'outbox';
  rolloutName: string;
  counts: { draft: number; pending: number; sent: number; failed: number; unconfirmed: number };
  entries: Array<{ at: string; channel: ChannelRef; what: string; status: string; error?: string }>;
}

export type View =
  | ChecklistView
  | OverviewView
  | NextView
  | GateView
  | ScheduleView
  | ReminderView
  | NoticeView
  | ErrorView
  | HelpView
  | RolesView
  | LogView
  | ChannelsView
  | AnnouncementView
  | OutboxView;
