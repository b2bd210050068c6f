import type { CommandDef } from './context';
import { splitFirst } from './words';
import { changeTask } from './task-change';
import { fail, isResult, loadRollout } from './support';

export const skip: CommandDef = {
  name: 'skip',
  aliases: { en: ['skip', 'na'], fi: ['ohita', 'eikoske'], sv: ['hoppa', 'ejtillämplig'] },
  async run(ctx, args) {
    const [task, reason] = splitFirst(args);
    if (!task) return fail(ctx, 'command.usage', { usage: ctx.t('commands.skip.usage') });
    if (!reason) return fail(ctx, 'task.reason_required', { usage: ctx.t('commands.skip.usage') });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    return changeTask(ctx, loaded, task, { op: 'skip', reason });
  },
};
