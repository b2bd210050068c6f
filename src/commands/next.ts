import type { CommandDef } from './context';
import { fail, isResult, loadRollout, viewsFor } from './support';
import { isWord, splitFirst } from './words';

export const next: CommandDef = {
  name: 'next',
  aliases: { en: ['next'], fi: ['seuraava', 'seuraavaksi'], sv: ['nästa'] },
  async run(ctx, args) {
    const [word, extra] = splitFirst(args);
    if (word && !isWord(word, 'mine')) return fail(ctx, 'command.unknown_word', { word: word.slice(0, 40), usage: ctx.t('commands.next.usage') });
    if (extra) return fail(ctx, 'command.extra_word', { word: splitFirst(extra)[0].slice(0, 40), usage: ctx.t('commands.next.usage') });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const views = await viewsFor(ctx, loaded);
    return { views: [views.next(Boolean(args))] };
  },
};
