import type { CoreError } from '../core/errors';
import type { BotAction } from '../core/request';
import type { View } from '../core/views';
import { canChangeTask } from '../domain/permissions';
import type { IndexedTask, LoadedPlaybook } from '../domain/playbook';
import { taskRecord, type RolloutState, type TaskRecord } from '../domain/rollout';
import { effectiveStatus, type EffectiveStatus } from '../domain/task-status';
import { resolveTask } from '../domain/task-ref';
import type { Decision } from '../ports/rollout-store.port';
import type { RolloutViews } from '../views/build-views';
import type { CommandContext, CommandResult } from './context';
import { statusRefresh } from '../comms/automatic';
import { displayUser } from './user-token';
import { isResult, mutate, notice, refuse, taskLabel, viewsFor, whoMay, type Loaded } from './support';

export type TaskOp =
  | { op: 'done'; note?: string }
  | { op: 'undo' }
  | { op: 'skip'; reason: string }
  | { op: 'assign'; user?: string };

/**
 * Checks a task off, reopens it, marks it not applicable or assigns it: one pure decision
 * against the latest state, so a second click finds the task already changed and changes nothing.
 */
export async function changeTask(ctx: CommandContext, loaded: Loaded, token: string, op: TaskOp, from?: BotAction['from'], page?: number): Promise<CommandResult> {
  const outcome = await mutate(ctx, loaded, (state, playbook) => decideTaskChange(ctx, state, playbook, token, op));
  if (isResult(outcome)) return outcome;
  if (outcome.loaded.state.channels.length > 0) ctx.deps.onQueued?.();
  const { value: task } = outcome;
  const views = await viewsFor(ctx, outcome.loaded);
  const label = taskLabel(ctx, task, outcome.loaded.playbook, outcome.loaded.state.rollout.phase);
  const key = op.op === 'assign' ? (op.user ? 'notices.assigned' : 'notices.unassigned') : `notices.${op.op}`;
  const progress = views.progress(task.phase);
  const result: View[] = [
    notice(ctx.t(key, { task: label, user: op.op === 'assign' && op.user ? displayUser(op.user, views.names) : '', progress: ctx.t('ui:progress', { ...progress }) })),
  ];
  if (task.phase === outcome.loaded.state.rollout.phase && op.op === 'done' && views.next(false).phaseComplete) {
    result.push(notice(ctx.t('notices.phase_complete', { phase: views.phaseRef(task.phase).name }), 'info'));
  }
  return { views: result, visibility: 'channel', changed: true, ...(from ? { update: updatedView(views, from, task.phase, page) } : {}) };
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
  const keep = current.assignee ? { assignee: current.assignee } : {};
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
