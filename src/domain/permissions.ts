import type { IndexedTask } from './playbook';
import type { RolloutState } from './rollout';

export const LEAD_ROLE = 'lead';

export function rolesOf(state: RolloutState, user: string): Set<string> {
  return new Set(state.members.filter((m) => m.user === user).map((m) => m.role));
}

export function isLead(state: RolloutState, user: string): boolean {
  return state.members.some((m) => m.user === user && m.role === LEAD_ROLE);
}

/** A task's owner role or the rollout lead may change it. */
export function canChangeTask(state: RolloutState, task: IndexedTask, user: string): boolean {
  return state.members.some((m) => m.user === user && (m.role === LEAD_ROLE || m.role === task.role));
}
