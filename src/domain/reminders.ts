import type { LoadedPlaybook } from './playbook';
import { LEAD_ROLE } from './permissions';
import type { RolloutState } from './rollout';
import { dueDateOf, phaseTargets, workingDaysOverdue } from './schedule';
import { allStatuses, isLeaf } from './task-status';
import { workingDaysBetween } from './working-days';

/** A task is in a person's daily reminder from this many working days before it is due. */
export const REMIND_WITHIN_WORKING_DAYS = 3;
/** A task overdue by more than this many working days is escalated to the rollout's leads. */
export const ESCALATE_AFTER_WORKING_DAYS = 5;

export interface ReminderTask {
  rolloutId: string;
  task: string;
  /** `YYYY-MM-DD`. */
  due: string;
  /** Working days overdue today; 0 when not yet due. */
  overdue: number;
  /** Who the task is waiting for: its assignee, else the members of its owner role. */
  owners: string[];
}

/** What one person is reminded of about one rollout today. */
export interface PersonReminders {
  /** Their own open tasks due within 3 working days or overdue, the most overdue first. */
  tasks: ReminderTask[];
  /** For a lead: the rollout's tasks overdue by more than 5 working days. */
  escalated: ReminderTask[];
}

/**
 * Who gets reminded of what in one rollout today (`YYYY-MM-DD`): each open leaf task due within
 * three working days or overdue, not snoozed past today, goes to its assignee or else to every
 * member of its owner role; tasks overdue by more than five working days also go to the leads.
 * People in `off` (`remind off`) get nothing. Pure: the same state and day give the same result.
 */
export function remindersOf(playbook: LoadedPlaybook, state: RolloutState, today: string, off: ReadonlySet<string> = new Set()): Map<string, PersonReminders> {
  const targets = phaseTargets(playbook, state.rollout.settings);
  const statuses = allStatuses(playbook, state);
  const byPerson = new Map<string, PersonReminders>();
  const entry = (user: string) => {
    let found = byPerson.get(user);
    if (!found) byPerson.set(user, (found = { tasks: [], escalated: [] }));
    return found;
  };
  const leads = state.members.filter((m) => m.role === LEAD_ROLE).map((m) => m.user);
  for (const task of playbook.tasks) {
    if (!isLeaf(task) || statuses.get(task.key)?.status !== 'open') continue;
    const due = dueDateOf(playbook, state, task.key, targets);
    if (!due || (due > today && workingDaysBetween(today, due) > REMIND_WITHIN_WORKING_DAYS)) continue;
    const record = state.tasks[task.key];
    if (record?.snoozedUntil && record.snoozedUntil >= today) continue;
    const owners = record?.assignee ? [record.assignee] : state.members.filter((m) => m.role === task.role).map((m) => m.user);
    const item: ReminderTask = { rolloutId: state.rollout.id, task: task.key, due, overdue: workingDaysOverdue(due, today), owners };
    for (const user of owners) if (!off.has(user)) entry(user).tasks.push(item);
    if (item.overdue > ESCALATE_AFTER_WORKING_DAYS) for (const lead of leads) if (!off.has(lead)) entry(lead).escalated.push(item);
  }
  const order = (a: ReminderTask, b: ReminderTask) => a.due.localeCompare(b.due);
  for (const reminders of byPerson.values()) {
    reminders.tasks.sort(order);
    reminders.escalated.sort(order);
  }
  return byPerson;
}
