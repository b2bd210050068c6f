import type { CommandDef } from './context';
import { fail, notice } from './support';
import { isWord, splitFirst } from './words';

/** `remind off|on`: whether the asker gets the daily reminder of their tasks; `remind` says which. */
export const remind: CommandDef = {
  name: 'remind',
  aliases: { en: ['remind', 'reminders'], fi: ['muistuta', 'muistutukset'], sv: ['påminn', 'påminnelser'] },
  async run(ctx, args) {
    const usage = ctx.t('commands.remind.usage');
    const [word, extra] = splitFirst(args);
    if (extra) return fail(ctx, 'command.extra_word', { word: splitFirst(extra)[0].slice(0, 40), usage });
    const { store } = ctx.deps;
    if (!word) return { views: [notice(ctx.t((await store.remindersOff(ctx.request.user)) ? 'notices.remind_is_off' : 'notices.remind_is_on'), 'info')] };
    const off = isWord(word, 'off');
    if (!off && !isWord(word, 'on')) return fail(ctx, 'command.unknown_word', { word: word.slice(0, 40), usage });
    await store.setRemindersOff(ctx.request.user, off, ctx.meta);
    return { views: [notice(ctx.t(off ? 'notices.remind_off' : 'notices.remind_on'))], changed: true };
  },
};
