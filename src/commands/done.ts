import type { CommandDef } from './context';
import { splitFirst } from './words';
import { changeTask } from './task-change';
import { fail, isResult, loadRollout } from './support';

export const done: CommandDef = {
  name: 'done',
  aliases: { en: ['done', 'check'], fi: ['valmis', 'tehty'], sv: ['klar', 'gjord'] },
  async run(ctx, args) {
    const [task, note] = splitFirst(args);
    if (!task) return fail(ctx, 'command.usage', { usage: ctx.t('commands.done.usage') });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    return changeTask(ctx, loaded, task, { op: 'done', ...(note ? { note } : {}) });
  },
};
