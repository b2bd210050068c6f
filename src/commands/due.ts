import { localDate } from '../domain/working-days';
import type { CoreError } from '../core/errors';
import { DATE_FORMS, parseDate } from '../domain/date-input';
import { canChangeTask } from '../domain/permissions';
import type { IndexedTask } from '../domain/playbook';
import { dueDateOf, phaseTargets } from '../domain/schedule';
import { taskRecord } from '../domain/rollout';
import { effectiveStatus } from '../domain/task-status';
import { resolveTask } from '../domain/task-ref';
import { shortDate } from '../views/schedule-view';
import type { CommandDef } from './context';
import { leadingTask } from './task-args';
import { fail, isResult, loadRollout, mutate, notice, refuse, taskLabel, whoMay } from './support';
import { isWord, splitFirst } from './words';

/**
 * `due <task> <date>`: the task's own due date (owner role or lead); `due <task> none` lets it
 * follow its phase's target date again. Every change is a `task.set` event in the audit trail.
 */
export const due: CommandDef = {
  name: 'due',
  aliases: { en: ['due', 'deadline'], fi: ['määräpäivä', 'takaraja'], sv: ['slutdatum', 'tidsgräns'] },
  async run(ctx, args) {
    const usage = ctx.t('commands.due.usage');
    if (!args.trim()) return fail(ctx, 'command.usage', { usage });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const { task: token, rest } = leadingTask(loaded.playbook, loaded.state.rollout.phase, args);
    const [dateWord, extra] = splitFirst(rest);
    if (!token || !dateWord) return fail(ctx, 'command.usage', { usage });
    if (extra) return fail(ctx, 'command.extra_word', { word: splitFirst(extra)[0].slice(0, 40), usage });
    const today = localDate(ctx.deps.clock.now());
    const clear = isWord(dateWord, 'nodate');
    const date = clear ? undefined : parseDate(dateWord, today);
    if (!clear && !date) return fail(ctx, 'date.invalid', { date: dateWord.slice(0, 40), forms: DATE_FORMS });
    if (date && date < today) return fail(ctx, 'date.past', { date: dateWord.slice(0, 40), forms: DATE_FORMS });

    const outcome = await mutate<{ task: IndexedTask; label: string }>(ctx, loaded, (state, playbook) => {
      const task = resolveTask(playbook, state.rollout.phase, token);
      if ('code' in task) return { ok: false, error: task as CoreError };
      const label = taskLabel(ctx, task, playbook, state.rollout.phase);
      if (!canChangeTask(state, task, ctx.request.user)) return refuse('auth.forbidden', { task: label, roles: whoMay(ctx, playbook, task.role) });
      const status = effectiveStatus(playbook, state, task.key).status;
      if (status === 'done') return refuse('task.already_done', { task: label });
      if (status === 'na') return refuse('task.already_na', { task: label });
      const { due: old, ...record } = taskRecord(state, task.key);
      const value = { task, label };
      if ((old ?? undefined) === date) return { ok: true, changes: [], value };
      const next = { ...record, ...(date ? { due: date } : {}), updatedBy: ctx.meta.actor, updatedAt: ctx.meta.at };
      return { ok: true, changes: [{ type: 'task.set', task: task.key, record: next }], value };
    });
    if (isResult(outcome)) return outcome;
    const { task, label } = outcome.value;
    const { playbook, state } = outcome.loaded;
    const effective = dueDateOf(playbook, state, task.key, phaseTargets(playbook, state.rollout.settings));
    const text = date
      ? ctx.t('notices.due_set', { task: label, date: shortDate(date, ctx.locale) })
      : effective
        ? ctx.t('notices.due_phase', { task: label, date: shortDate(effective, ctx.locale) })
        : ctx.t('notices.due_none', { task: label });
    return { views: [notice(text)], visibility: 'channel', changed: outcome.changed };
  },
};
