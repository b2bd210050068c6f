import type { IndexedTask, LoadedPlaybook } from './playbook';
import { taskRecord, type RolloutState, type TaskStatus } from './rollout';

/** Where a task's status comes from: its own record, its children, an ancestor, or an option. */
export interface EffectiveStatus {
  status: TaskStatus;
  /** Why it does not apply. */
  reason?: string;
  /** `option`: a conditional task whose option is off; `parent`: an ancestor does not apply. */
  naSource?: 'own' | 'option' | 'parent' | 'children';
  /** The option that switched the task off. */
  option?: string;
}

/**
 * The status a person sees. A leaf has its recorded status unless its option is off or an
 * ancestor does not apply. A parent is done when all its applicable children are done, and
 * does not apply when none of its children applies.
 */
export function effectiveStatus(playbook: LoadedPlaybook, state: RolloutState, key: string): EffectiveStatus {
  const memo = new Map<string, EffectiveStatus>();
  return statusOf(playbook, state, playbook.byKey.get(key)!, memo);
}

/** Statuses already worked out, per state object: the store hands out the same frozen state until it changes. */
const computed = new WeakMap<RolloutState, { playbook: LoadedPlaybook; statuses: ReadonlyMap<string, EffectiveStatus> }>();

/** Effective status of every task, computed once per state for views and rules. */
export function allStatuses(playbook: LoadedPlaybook, state: RolloutState): ReadonlyMap<string, EffectiveStatus> {
  const known = computed.get(state);
  if (known?.playbook === playbook) return known.statuses;
  const memo = new Map<string, EffectiveStatus>();
  for (const task of playbook.tasks) statusOf(playbook, state, task, memo);
  computed.set(state, { playbook, statuses: memo });
  return memo;
}

function statusOf(playbook: LoadedPlaybook, state: RolloutState, task: IndexedTask, memo: Map<string, EffectiveStatus>): EffectiveStatus {
  const cached = memo.get(task.key);
  if (cached) return cached;
  const result = compute(playbook, state, task, memo);
  memo.set(task.key, result);
  return result;
}

function compute(playbook: LoadedPlaybook, state: RolloutState, task: IndexedTask, memo: Map<string, EffectiveStatus>): EffectiveStatus {
  if (task.parent) {
    const parent = ownOrInherited(playbook, state, playbook.byKey.get(task.parent)!);
    if (parent) return { status: 'na', reason: parent.reason, naSource: 'parent', option: parent.option };
  }
  const own = ownOrInherited(playbook, state, task, false);
  if (own) return own;
  if (task.childKeys.length === 0) return { status: taskRecord(state, task.key).status };
  const children = task.childKeys.map((k) => statusOf(playbook, state, playbook.byKey.get(k)!, memo));
  if (children.every((c) => c.status === 'na')) return { status: 'na', naSource: 'children' };
  return { status: children.every((c) => c.status !== 'open') ? 'done' : 'open' };
}

/** A not-applicable mark on the task itself or any ancestor (own record or option off). */
function ownOrInherited(playbook: LoadedPlaybook, state: RolloutState, task: IndexedTask, climb = true): EffectiveStatus | undefined {
  for (let t: IndexedTask | undefined = task; t; t = climb && t.parent ? playbook.byKey.get(t.parent) : undefined) {
    if (t.condition && state.rollout.options[t.condition] === false) {
      return { status: 'na', naSource: 'option', option: t.condition };
    }
    const record = taskRecord(state, t.key);
    if (record.status === 'na') return { status: 'na', reason: record.reason, naSource: 'own' };
    if (!climb) break;
  }
  return undefined;
}

export function isLeaf(task: IndexedTask): boolean {
  return task.childKeys.length === 0;
}

export function tasksOfPhase(playbook: LoadedPlaybook, phase: string): IndexedTask[] {
  return playbook.tasks.filter((t) => t.phase === phase);
}
