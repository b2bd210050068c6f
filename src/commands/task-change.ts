import type { CoreError } from '../core/errors';
import type { BotAction } from '../core/request';
import type { View } from '../core/views';
import { canChangeTask } from '../domain/permissions';
import type { IndexedTask, LoadedPlaybook } from '../domain/playbook';
import { taskRecord, type RolloutState, type TaskRecord } from '../domain/rollout';
import { effectiveStatus, type EffectiveStatus } from '../domain/task-status';
import { resolveTask } from '../domain/task-ref';
import type { Change, Decision } from '../ports/rollout-store.port';
import type { RolloutViews } from '../views/build-views';
import type { CommandContext, CommandResult } from './context';
import { statusRefresh } from '../comms/automatic';
import { displayUser } from './user-token';
import { errorView, isResult, mutate, notice, refuse, taskLabel, viewsFor, whoMay, type Loaded } from './support';

export type TaskOp =
  | { op: 'done'; note?: string }
  | { op: 'undo' }
  | { op: 'skip'; reason: string }
  | { op: 'assign'; user?: string };

/**
 * Checks tasks off, reopens them, marks them not applicable or assigns them: one pure decision
 * against the latest state, so a second click finds the task already changed and changes nothing.
 * Several tasks change together or, when any of them is refused, none does and each refusal is told.
 */
export async function changeTask(ctx: CommandContext, loaded: Loaded, tokens: string | readonly string[], op: TaskOp, from?: BotAction['from'], page?: number): Promise<CommandResult> {
  const refs = typeof tokens === 'string' ? [tokens] : tokens;
  let refusals: CoreError[] = [];
  const outcome = await mutate(ctx, loaded, (state, playbook) => {
    const decided = decideTaskChanges(ctx, state, playbook, refs, op);
    refusals = decided.refusals;
    return decided.decision;
  });
  if (isResult(outcome)) return refusals.length > 1 ? { views: refusals.map((e) => errorView(ctx, e)) } : outcome;
  if (outcome.loaded.state.channels.length > 0) ctx.deps.onQueued?.();
  const tasks = outcome.value;
  const views = await viewsFor(ctx, outcome.loaded);
  const key = op.op === 'assign' ? (op.user ? 'notices.assigned' : 'notices.unassigned') : `notices.${op.op}`;
  const result: View[] = tasks.map((task) => {
    const label = taskLabel(ctx, task, outcome.loaded.playbook, outcome.loaded.state.rollout.phase);
    const progress = ctx.t('ui:progress', { ...views.progress(task.phase) });
    return notice(ctx.t(key, { task: label, user: op.op === 'assign' && op.user ? displayUser(op.user, views.names) : '', progress }));
  });
  if (op.op === 'done' && op.note) result.push(notice(ctx.t('notices.note_saved', { note: op.note }), 'info'));
  const current = outcome.loaded.state.rollout.phase;
  if (op.op === 'done' && tasks.some((t) => t.phase === current) && views.next(false).phaseComplete) {
    result.push(notice(ctx.t('notices.phase_complete', { phase: views.phaseRef(current).name }), 'info'));
  }
  return { views: result, visibility: 'channel', changed: true, ...(from ? { update: updatedView(views, from, tasks[0].phase, page) } : {}) };
}

/** Each task decided on the state the ones before it leave; all changes, or the refusals. */
function decideTaskChanges(ctx: CommandContext, state: RolloutState, playbook: LoadedPlaybook, refs: readonly string[], op: TaskOp): { decision: Decision<IndexedTask[]>; refusals: CoreError[] } {
  const refusals: CoreError[] = [];
  const tasks: IndexedTask[] = [];
  const changes: Change[] = [];
  let current = state;
  for (const ref of refs) {
    const decided = decideTaskChange(ctx, current, playbook, ref, op);
    if (!decided.ok) {
      refusals.push(decided.error);
      continue;
    }
    if (tasks.some((t) => t.key === decided.value.key)) continue;
    tasks.push(decided.value);
    for (const change of decided.changes) {
      if (change.type !== 'task.set') continue;
      changes.push(change);
      current = { ...current, tasks: { ...current.tasks, [change.task]: change.record } };
    }
  }
  if (refusals.length > 0) return { decision: { ok: false, error: refusals[0] }, refusals };
  return { decision: { ok: true, changes: [...changes, ...statusRefresh(state)], value: tasks }, refusals };
}

/** The view a button sat on, rebuilt from the state after the change. */
export function updatedView(views: RolloutViews, from: NonNullable<BotAction['from']>, phase: string, page?: number): View {
  if (from === 'next') return views.next(false);
  if (from === 'gate') return views.gate();
  return views.checklist(phase, page);
}

function decideTaskChange(ctx: CommandContext, state: RolloutState, playbook: LoadedPlaybook, token: string, op: TaskOp): Decision<IndexedTask> {
  const task = resolveTask(playbook, state.rollout.phase, token);
  if ('code' in task) return { ok: false, error: task as CoreError };
  const label = taskLabel(ctx, task, playbook, state.rollout.phase);
  if (!canChangeTask(state, task, ctx.request.user)) return refuse('auth.forbidden', { task: label, roles: whoMay(ctx, playbook, task.role) });

  const current = taskRecord(state, task.key);
  const effective = effectiveStatus(playbook, state, task.key);
  const stamp = { updatedBy: ctx.meta.actor, updatedAt: ctx.meta.at };
  // Who has the task and when it is due stay whatever happens to its status.
  const keep = { ...(current.assignee ? { assignee: current.assignee } : {}), ...(current.due ? { due: current.due } : {}) };
  let record: TaskRecord;
  switch (op.op) {
    case 'done': {
      if (effective.status === 'done') return refuse('task.already_done', { task: label });
      if (effective.status === 'na') return naRefusal(effective, label);
      if (task.childKeys.length > 0) {
        const open = task.childKeys.map((k) => playbook.byKey.get(k)!).filter((c) => effectiveStatus(playbook, state, c.key).status === 'open');
        return refuse('task.children_open', { task: label, tasks: open.map((c) => c.ref).join(', ') });
      }
      record = { status: 'done', ...(op.note ? { note: op.note } : {}), ...keep, ...stamp };
      break;
    }
    case 'undo': {
      if (effective.naSource === 'option' || effective.naSource === 'parent') return naRefusal(effective, label);
      if (current.status === 'open') return refuse(task.childKeys.length > 0 ? 'task.has_children' : 'task.already_open', { task: label });
      record = { status: 'open', ...keep, ...stamp };
      break;
    }
    case 'skip': {
      if (effective.status === 'na') return refuse('task.already_na', { task: label });
      if (effective.status === 'done' && task.childKeys.length === 0) return refuse('task.already_done', { task: label });
      record = { status: 'na', reason: op.reason, ...keep, ...stamp };
      break;
    }
    case 'assign': {
      const { assignee: _old, ...rest } = current;
      record = { ...rest, ...(op.user ? { assignee: op.user } : {}), ...stamp };
      break;
    }
  }
  return { ok: true, changes: [{ type: 'task.set', task: task.key, record }, ...statusRefresh(state)], value: task };
}

function naRefusal(effective: EffectiveStatus, label: string): Decision<IndexedTask> {
  if (effective.naSource === 'option') return refuse('task.na_by_option', { task: label, option: effective.option ?? '' });
  if (effective.naSource === 'parent') return refuse('task.parent_na', { task: label });
  return refuse('task.already_na', { task: label });
}
