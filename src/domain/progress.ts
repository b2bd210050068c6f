import type { LoadedPlaybook } from './playbook';
import type { EffectiveStatus } from './task-status';
import { isLeaf } from './task-status';

export interface Progress {
  done: number;
  /** Tasks that apply: done plus open. */
  applicable: number;
  percent: number;
}

/**
 * Progress counts the leaf tasks (the ones people check off); parents follow their children.
 * Not-applicable tasks count neither way. A phase with nothing applicable is 100 %.
 */
export function progressOf(playbook: LoadedPlaybook, statuses: ReadonlyMap<string, EffectiveStatus>, filter: (task: { phase: string; role: string }) => boolean): Progress {
  let done = 0;
  let applicable = 0;
  for (const task of playbook.tasks) {
    if (!isLeaf(task) || !filter(task)) continue;
    const status = statuses.get(task.key)!.status;
    if (status === 'na') continue;
    applicable += 1;
    if (status === 'done') done += 1;
  }
  return { done, applicable, percent: applicable === 0 ? 100 : Math.floor((done * 100) / applicable) };
}

export function phaseProgress(playbook: LoadedPlaybook, statuses: ReadonlyMap<string, EffectiveStatus>, phase: string): Progress {
  return progressOf(playbook, statuses, (t) => t.phase === phase);
}

export function roleProgress(playbook: LoadedPlaybook, statuses: ReadonlyMap<string, EffectiveStatus>, role: string): Progress {
  return progressOf(playbook, statuses, (t) => t.role === role);
}
