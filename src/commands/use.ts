import type { CommandDef } from './context';
import { refuseRebind } from './channel-binding';
import { fail, notice } from './support';

export const use: CommandDef = {
  name: 'use',
  aliases: { en: ['use'], fi: ['käytä'], sv: ['använd'] },
  async run(ctx, args) {
    const name = args.trim().toLocaleLowerCase('fi');
    if (!name) return fail(ctx, 'command.usage', { usage: ctx.t('commands.use.usage') });
    const all = await ctx.deps.store.listRollouts(ctx.request.workspace);
    const rollout = all.find((r) => r.name.toLocaleLowerCase('fi') === name);
    if (!rollout) return fail(ctx, 'rollout.not_found', { name: args.trim().slice(0, 80), names: all.map((r) => r.name).join(', ') || '-' });
    const refused = await refuseRebind(ctx, rollout.id);
    if (refused) return refused;
    await ctx.deps.store.bindChannel(ctx.request.channel, rollout.id, ctx.meta);
    return { views: [notice(ctx.t('notices.use', { name: rollout.name }))], visibility: 'channel', changed: true };
  },
};
