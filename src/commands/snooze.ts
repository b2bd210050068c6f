import type { CoreError } from '../core/errors';
import { canChangeTask } from '../domain/permissions';
import { taskRecord } from '../domain/rollout';
import { effectiveStatus } from '../domain/task-status';
import { resolveTask } from '../domain/task-ref';
import { localDate } from '../domain/working-days';
import { shortDate } from '../views/schedule-view';
import type { CommandDef } from './context';
import { leadingTask } from './task-args';
import { fail, isResult, loadRollout, mutate, notice, refuse, taskLabel, whoMay } from './support';

const MAX_DAYS = 60;

/**
 * `snooze <task> <days>`: no reminder about the task for that many days, today included (its
 * assignee, owner role or the lead); `snooze <task> 0` ends it. Recorded as a `task.set` event.
 */
export const snooze: CommandDef = {
  name: 'snooze',
  aliases: { en: ['snooze'], fi: ['torkuta'], sv: ['snooza'] },
  async run(ctx, args) {
    const usage = ctx.t('commands.snooze.usage');
    if (!args.trim()) return fail(ctx, 'command.usage', { usage });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const { task: token, rest } = leadingTask(loaded.playbook, loaded.state.rollout.phase, args);
    if (!token || !rest) return fail(ctx, 'command.usage', { usage });
    const days = /^\d{1,3}$/.test(rest) ? Number(rest) : NaN;
    if (!(days >= 0 && days <= MAX_DAYS)) return fail(ctx, 'snooze.days', { days: rest.slice(0, 20), max: MAX_DAYS });
    const today = localDate(ctx.deps.clock.now());
    const until = days > 0 ? new Date(Date.parse(`${today}T00:00:00Z`) + (days - 1) * 86_400_000).toISOString().slice(0, 10) : undefined;

    const outcome = await mutate<string>(ctx, loaded, (state, playbook) => {
      const task = resolveTask(playbook, state.rollout.phase, token);
      if ('code' in task) return { ok: false, error: task as CoreError };
      const label = taskLabel(ctx, task, playbook, state.rollout.phase);
      const { snoozedUntil: old, ...record } = taskRecord(state, task.key);
      if (record.assignee !== ctx.request.user && !canChangeTask(state, task, ctx.request.user)) return refuse('auth.forbidden', { task: label, roles: whoMay(ctx, playbook, task.role) });
      const status = effectiveStatus(playbook, state, task.key).status;
      if (status !== 'open') return refuse(status === 'done' ? 'task.already_done' : 'task.already_na', { task: label });
      if (old === until) return { ok: true, changes: [], value: label };
      const next = { ...record, ...(until ? { snoozedUntil: until } : {}), updatedBy: ctx.meta.actor, updatedAt: ctx.meta.at };
      return { ok: true, changes: [{ type: 'task.set', task: task.key, record: next }], value: label };
    });
    if (isResult(outcome)) return outcome;
    const text = until ? ctx.t('notices.snoozed', { task: outcome.value, date: shortDate(until, ctx.locale) }) : ctx.t('notices.snooze_ended', { task: outcome.value });
    return { views: [notice(text)], changed: outcome.changed };
  },
};
