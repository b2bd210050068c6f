import type { CommandDef } from './context';
import { changeTask } from './task-change';
import { leadingTask } from './task-args';
import { fail, isResult, loadRollout } from './support';
import { parseUserMention } from './user-token';
import { isWord, splitFirst } from './words';

export const assign: CommandDef = {
  name: 'assign',
  aliases: { en: ['assign'], fi: ['vastuuta', 'osoita'], sv: ['tilldela'] },
  async run(ctx, args) {
    if (!args.trim()) return fail(ctx, 'command.usage', { usage: ctx.t('commands.assign.usage') });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const { task, rest } = leadingTask(loaded.playbook, loaded.state.rollout.phase, args);
    const [who, extra] = splitFirst(rest);
    if (!task || !who) return fail(ctx, 'command.usage', { usage: ctx.t('commands.assign.usage') });
    if (extra) return fail(ctx, 'command.extra_word', { word: splitFirst(extra)[0].slice(0, 40), usage: ctx.t('commands.assign.usage') });
    const mention = isWord(who, 'none') ? undefined : parseUserMention(ctx.request.platform, who);
    if (mention === undefined && !isWord(who, 'none')) return fail(ctx, 'user.invalid', { user: who.slice(0, 80) });
    const user = mention?.id;
    if (mention?.label && !(await ctx.deps.store.userNames([mention.id]))[mention.id]) await ctx.deps.store.rememberUserName(mention.id, mention.label);
    return changeTask(ctx, loaded, task, { op: 'assign', ...(user ? { user } : {}) });
  },
};
