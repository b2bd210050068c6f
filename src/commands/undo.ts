import type { CommandDef } from './context';
import { splitFirst } from './words';
import { changeTask } from './task-change';
import { fail, isResult, loadRollout } from './support';

export const undo: CommandDef = {
  name: 'undo',
  aliases: { en: ['undo', 'reopen'], fi: ['peru', 'avaa'], sv: ['ångra', 'öppna'] },
  async run(ctx, args) {
    const [task] = splitFirst(args);
    if (!task) return fail(ctx, 'command.usage', { usage: ctx.t('commands.undo.usage') });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    return changeTask(ctx, loaded, task, { op: 'undo' });
  },
};
