import type { CommandDef } from './context';
import { changeTask } from './task-change';
import { fail, isResult, loadRollout } from './support';
import { parseUserMention } from './user-token';
import { isWord, splitFirst } from './words';

export const assign: CommandDef = {
  name: 'assign',
  aliases: { en: ['assign'], fi: ['vastuuta', 'osoita'], sv: ['tilldela'] },
  async run(ctx, args) {
    const [task, who] = splitFirst(args);
    if (!task || !who) return fail(ctx, 'command.usage', { usage: ctx.t('commands.assign.usage') });
    const mention = isWord(who, 'none') ? undefined : parseUserMention(ctx.request.platform, who);
    if (mention === undefined && !isWord(who, 'none')) return fail(ctx, 'user.invalid', { user: who.slice(0, 80) });
    const user = mention?.id;
    if (mention?.label && !(await ctx.deps.store.userNames([mention.id]))[mention.id]) await ctx.deps.store.rememberUserName(mention.id, mention.label);
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    return changeTask(ctx, loaded, task, { op: 'assign', ...(user ? { user } : {}) });
  },
};
