import { isLocale, LOCALES } from '../core/locale';
import type { CommandDef } from './context';
import { fail, notice } from './support';

export const lang: CommandDef = {
  name: 'lang',
  aliases: { en: ['lang', 'language'], fi: ['kieli'], sv: ['språk'] },
  async run(ctx, args) {
    const wanted = args.trim().toLowerCase();
    if (!isLocale(wanted)) return fail(ctx, 'lang.unknown', { lang: wanted.slice(0, 20) || '-', langs: LOCALES.join(', ') });
    await ctx.deps.store.setUserLocale(ctx.request.user, wanted, ctx.meta);
    // The confirmation is written in the newly chosen language.
    return { views: [notice(ctx.deps.translations.t(wanted)('notices.lang'))], changed: true };
  },
};
