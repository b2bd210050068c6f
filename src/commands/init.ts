import type { CommandDef } from './context';
import { fail, notice, playbookOf, viewsFor } from './support';

const MAX_NAME = 80;

export const init: CommandDef = {
  name: 'init',
  aliases: { en: ['init', 'start'], fi: ['aloita', 'uusi'], sv: ['starta', 'ny'] },
  async run(ctx, args) {
    const name = args.replace(/\s+/g, ' ').trim();
    if (!name) return fail(ctx, 'command.usage', { usage: ctx.t('commands.init.usage') });
    if (name.length > MAX_NAME) return fail(ctx, 'input.too_long', { max: MAX_NAME });
    const playbook = [...ctx.deps.playbooks.values()][0];
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
