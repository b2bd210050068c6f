import type { CommandDef } from './context';
import { changeTask } from './task-change';
import { leadingTask } from './task-args';
import { fail, isResult, loadRollout } from './support';

export const skip: CommandDef = {
  name: 'skip',
  aliases: { en: ['skip', 'na'], fi: ['ohita', 'eikoske'], sv: ['hoppa', 'ejtillämplig'] },
  async run(ctx, args) {
    if (!args.trim()) return fail(ctx, 'command.usage', { usage: ctx.t('commands.skip.usage') });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const { task, rest: reason } = leadingTask(loaded.playbook, loaded.state.rollout.phase, args);
    if (!reason) return fail(ctx, 'task.reason_required', { usage: ctx.t('commands.skip.usage') });
    return changeTask(ctx, loaded, task, { op: 'skip', reason });
  },
};
