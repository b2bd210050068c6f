import type { IndexedTask, LoadedPlaybook, PlaybookPhase } from './playbook';
import type { EffectiveStatus } from './task-status';
import { isLeaf, tasksOfPhase } from './task-status';

export interface Gate {
  phase: PlaybookPhase;
  /** The phase after this one, if any. */
  next?: PlaybookPhase;
  /** Every task still open in the phase: exactly what blocks moving on. */
  blockers: IndexedTask[];
}

/**
 * What stands between a phase and the next one. A conditional task whose option is undecided
 * still blocks: it must be done or marked not applicable with a reason, never dropped silently.
 */
export function gateOf(playbook: LoadedPlaybook, statuses: ReadonlyMap<string, EffectiveStatus>, phaseKey: string): Gate {
  const index = playbook.phaseIndex.get(phaseKey)!;
  return {
    phase: playbook.phases[index],
    next: playbook.phases[index + 1],
    blockers: tasksOfPhase(playbook, phaseKey).filter((t) => isLeaf(t) && statuses.get(t.key)!.status === 'open'),
  };
}
