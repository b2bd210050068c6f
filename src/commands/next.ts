import type { CommandDef } from './context';
import { fail, isResult, loadRollout, viewsFor } from './support';
import { isWord } from './words';

export const next: CommandDef = {
  name: 'next',
  aliases: { en: ['next'], fi: ['seuraava', 'seuraavaksi'], sv: ['nästa'] },
  async run(ctx, args) {
    if (args && !isWord(args, 'mine')) return fail(ctx, 'command.usage', { usage: ctx.t('commands.next.usage') });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const views = await viewsFor(ctx, loaded);
    return { views: [views.next(Boolean(args))] };
  },
};
