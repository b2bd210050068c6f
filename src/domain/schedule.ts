import type { LoadedPlaybook } from './playbook';
import { phaseProgress } from './progress';
import { allStatuses } from './task-status';
import type { RolloutState } from './rollout';
import { addWorkingDays, workingDaysBetween } from './working-days';

/** Settings key of a phase's target date set by the lead (`plan <phase> <date>`): `target.<phase>`. */
export const TARGET_PREFIX = 'target.';

export function targetSetting(phase: string): string {
  return `${TARGET_PREFIX}${phase}`;
}

/**
 * The phase whose target is the go-live date: the last required one. Phases before it end
 * their lead time (the next phase's `leadDays`) earlier, one after another; optional phases
 * after it end their own lead time later.
 */
export function goLiveAnchor(playbook: LoadedPlaybook): number {
  let anchor = 0;
  playbook.phases.forEach((p, i) => {
    if (!p.optional) anchor = i;
  });
  return anchor;
}

export interface PhaseTarget {
  /** `YYYY-MM-DD`; absent when nothing plans the phase (no go-live date, or no lead time on the way). */
  date?: string;
  /** Set by the lead with `plan`, not derived from go-live. */
  manual: boolean;
}

/** Each phase's target date, in playbook order: the lead's own date, else planned from go-live. */
export function phaseTargets(playbook: LoadedPlaybook, settings: Readonly<Record<string, string>>): PhaseTarget[] {
  const phases = playbook.phases;
  const targets: PhaseTarget[] = phases.map((p) => {
    const manual = settings[targetSetting(p.key)];
    return manual ? { date: manual, manual: true } : { manual: false };
  });
  const anchor = goLiveAnchor(playbook);
  if (!targets[anchor].manual && settings.golive) targets[anchor].date = settings.golive;
  for (let i = anchor - 1; i >= 0; i -= 1) {
    const after = targets[i + 1].date;
    const lead = phases[i + 1].leadDays;
    if (!targets[i].manual && after && lead) targets[i].date = addWorkingDays(after, -lead);
  }
  for (let i = anchor + 1; i < phases.length; i += 1) {
    const before = targets[i - 1].date;
    const lead = phases[i].leadDays;
    if (!targets[i].manual && before && lead) targets[i].date = addWorkingDays(before, lead);
  }
  return targets;
}

export type PhaseTiming = 'done' | 'on_track' | 'late' | 'out_of_order' | 'unplanned';

export interface ScheduleRow {
  phase: string;
  target?: string;
  manual: boolean;
  timing: PhaseTiming;
  /** Working days after today up to the target (on track), or from the target up to today (late). */
  workingDays: number;
}

/**
 * The schedule as it stands today: a phase the rollout has moved past with every task done (or
 * not applicable) is done; a phase whose target has passed while it still has open tasks is late;
 * a target before an earlier open phase's or after a later one's is out of order. `fits` is false
 * when any phase is late or out of order.
 */
export function scheduleOf(playbook: LoadedPlaybook, state: RolloutState, today: string): { rows: ScheduleRow[]; fits: boolean } {
  const targets = phaseTargets(playbook, state.rollout.settings);
  const current = playbook.phaseIndex.get(state.rollout.phase) ?? 0;
  const statuses = allStatuses(playbook, state);
  const rows = playbook.phases.map((phase, i): ScheduleRow => {
    const { date, manual } = targets[i];
    const base = { phase: phase.key, manual, ...(date ? { target: date } : {}) };
    const progress = phaseProgress(playbook, statuses, phase.key);
    if (i < current && progress.done >= progress.applicable) return { ...base, timing: 'done', workingDays: 0 };
    if (!date) return { ...base, timing: 'unplanned', workingDays: 0 };
    if (date < today) return { ...base, timing: 'late', workingDays: workingDaysBetween(date, today) };
    const earlier = targets.slice(Math.min(current, i), i).map((t) => t.date).filter((d): d is string => Boolean(d));
    const later = targets.slice(i + 1).map((t) => t.date).filter((d): d is string => Boolean(d));
    if (earlier.some((d) => d > date) || later.some((d) => d < date)) return { ...base, timing: 'out_of_order', workingDays: workingDaysBetween(today, date) };
    return { ...base, timing: 'on_track', workingDays: workingDaysBetween(today, date) };
  });
  return { rows, fits: rows.every((r) => r.timing !== 'late' && r.timing !== 'out_of_order') };
}

/**
 * A task's due date: its own, else its parent's, else its phase's target (`targets` from
 * `phaseTargets`, so that a whole list is planned once).
 */
export function dueDateOf(playbook: LoadedPlaybook, state: RolloutState, key: string, targets: readonly PhaseTarget[]): string | undefined {
  for (let task = playbook.byKey.get(key); task; task = task.parent ? playbook.byKey.get(task.parent) : undefined) {
    const own = state.tasks[task.key]?.due;
    if (own) return own;
  }
  const task = playbook.byKey.get(key);
  return task ? targets[playbook.phaseIndex.get(task.phase)!]?.date : undefined;
}

/** Working days a date is overdue by today (0 when it is not yet past). */
export function workingDaysOverdue(due: string, today: string): number {
  return due < today ? Math.max(1, workingDaysBetween(due, today)) : 0;
}
