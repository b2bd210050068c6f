import type { IndexedTask, LoadedPlaybook } from './playbook';
import type { EffectiveStatus } from './task-status';
import { isLeaf, tasksOfPhase } from './task-status';

export interface NextStep {
  /** Open tasks that can be worked on now, in playbook order. */
  tasks: IndexedTask[];
  /** Nothing in the phase is open any more: the gate is next. */
  phaseComplete: boolean;
  /** Open tasks exist (for these roles) but all wait for prerequisites. */
  waiting: boolean;
}

export const NEXT_STEP_LIMIT = 5;

/**
 * The first open, applicable tasks of a phase whose prerequisites are done, optionally only
 * those owned by the given roles. The rollout lead's role does not widen the filter: `next mine`
 * is about what the asker owns.
 */
export function nextStep(
  playbook: LoadedPlaybook,
  statuses: ReadonlyMap<string, EffectiveStatus>,
  phase: string,
  roles?: ReadonlySet<string>,
  limit = NEXT_STEP_LIMIT,
): NextStep {
  const open = tasksOfPhase(playbook, phase).filter((t) => isLeaf(t) && statuses.get(t.key)!.status === 'open');
  const mine = roles ? open.filter((t) => roles.has(t.role)) : open;
  const ready = mine.filter((t) => (t.after ?? []).every((k) => statuses.get(k)!.status !== 'open'));
  return {
    tasks: ready.slice(0, limit),
    phaseComplete: open.length === 0,
    waiting: ready.length === 0 && mine.length > 0,
  };
}
