import type { CommandDef } from './context';
import { changeTask } from './task-change';
import { parseTaskArgs } from './task-args';
import { fail, isResult, loadRollout } from './support';

/** `done <task> [<task> ...] [-- note]`: checks off one task or several, with a note kept on each. */
export const done: CommandDef = {
  name: 'done',
  aliases: { en: ['done', 'check'], fi: ['valmis', 'tehty'], sv: ['klar', 'gjord'] },
  async run(ctx, args) {
    if (!args.trim()) return fail(ctx, 'command.usage', { usage: ctx.t('commands.done.usage') });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const parsed = parseTaskArgs(loaded.playbook, loaded.state.rollout.phase, args, true);
    if ('code' in parsed) return fail(ctx, { ...parsed, params: { ...parsed.params, usage: ctx.t('commands.done.usage') } });
    if (parsed.tasks.length === 0) return fail(ctx, 'command.usage', { usage: ctx.t('commands.done.usage') });
    return changeTask(ctx, loaded, parsed.tasks, { op: 'done', ...(parsed.note ? { note: parsed.note } : {}) });
  },
};
