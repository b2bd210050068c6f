import type { CommandDef } from './context';
import { refuseRebind } from './channel-binding';
import { fail, notice, playbookOf, viewsFor } from './support';

const MAX_NAME = 80;

export const init: CommandDef = {
  name: 'init',
  aliases: { en: ['init', 'start'], fi: ['aloita', 'uusi'], sv: ['starta', 'ny'] },
  async run(ctx, args) {
    // With several playbooks installed, `playbook=<id>` at the end picks one; the first is the default.
    const choice = /\s+playbook=(\S+)$/.exec(args);
    const name = (choice ? args.slice(0, choice.index) : args).replace(/\s+/g, ' ').trim();
    if (!name) return fail(ctx, 'command.usage', { usage: ctx.t('commands.init.usage') });
    if (name.length > MAX_NAME) return fail(ctx, 'input.too_long', { max: MAX_NAME });
    const playbook = choice ? ctx.deps.playbooks.get(choice[1]) : [...ctx.deps.playbooks.values()][0];
    if (!playbook) return fail(ctx, 'playbook.not_found', { playbook: choice![1].slice(0, 60), playbooks: [...ctx.deps.playbooks.keys()].join(', ') });
    // A new rollout takes over the channel it is started in: not someone else's bound channel.
    const refused = await refuseRebind(ctx);
    if (refused) return refused;
    const created = await ctx.deps.store.createRollout(
      {
        workspace: ctx.request.workspace,
        name,
        playbookId: playbook.id,
        phase: playbook.phases[0].key,
        locale: ctx.locale,
        lead: ctx.request.user,
        channel: ctx.request.channel,
      },
      ctx.meta,
    );
    if (!created.ok) return fail(ctx, created.error);
    const state = (await ctx.deps.store.load(created.rollout.id))!;
    const views = await viewsFor(ctx, { state, playbook: playbookOf(ctx, state) });
    return {
      views: [notice(ctx.t('notices.init', { name, playbook: playbook.name[ctx.locale] })), views.next(false)],
      visibility: 'channel',
      changed: true,
    };
  },
};
