import type { CommandDef } from './context';
import { changeTask } from './task-change';
import { parseTaskArgs } from './task-args';
import { fail, isResult, loadRollout } from './support';

/** `undo <task> [<task> ...]`: reopens one task or several. */
export const undo: CommandDef = {
  name: 'undo',
  aliases: { en: ['undo', 'reopen'], fi: ['peru', 'avaa'], sv: ['ångra', 'öppna'] },
  async run(ctx, args) {
    if (!args.trim()) return fail(ctx, 'command.usage', { usage: ctx.t('commands.undo.usage') });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const parsed = parseTaskArgs(loaded.playbook, loaded.state.rollout.phase, args, false);
    if ('code' in parsed) return fail(ctx, { ...parsed, params: { ...parsed.params, usage: ctx.t('commands.undo.usage') } });
    if (parsed.tasks.length === 0) return fail(ctx, 'command.usage', { usage: ctx.t('commands.undo.usage') });
    return changeTask(ctx, loaded, parsed.tasks, { op: 'undo' });
  },
};
