import { localDate } from '../domain/working-days';
import { displayDate } from '../comms/plan-announcement';
import { DATE_FORMS, parseDate } from '../domain/date-input';
import { LEAD_ROLE } from '../domain/permissions';
import type { CommandDef } from './context';
import { fail, isResult, loadRollout, mutate, notice, refuse } from './support';
import { splitFirst } from './words';

/** Values announcements use. `golive` is the go-live date, stored as YYYY-MM-DD. */
export const SETTINGS = ['organisation', 'contact', 'golive'] as const;
type Setting = (typeof SETTINGS)[number];

const WORDS: Record<string, Setting> = {
  organisation: 'organisation', organization: 'organisation', organisaatio: 'organisation',
  contact: 'contact', yhteyshenkilö: 'contact', kontaktperson: 'contact', kontakt: 'contact',
  golive: 'golive', 'go-live': 'golive', käyttöönottopäivä: 'golive', införandedatum: 'golive',
};

const MAX_VALUE = 200;

/** Dates as people type them (see date-input); kept here for the commands that import it from `set`. */
export { parseDate };

export const set: CommandDef = {
  name: 'set',
  aliases: { en: ['set'], fi: ['aseta'], sv: ['ange'] },
  async run(ctx, args) {
    const [word, rawValue] = splitFirst(args);
    const key = WORDS[word.toLowerCase()];
    if (word && !key) return fail(ctx, 'command.unknown_word', { word: word.slice(0, 40), usage: ctx.t('commands.set.usage') });
    if (!key || !rawValue) return fail(ctx, 'command.usage', { usage: ctx.t('commands.set.usage') });
    if (rawValue.length > MAX_VALUE) return fail(ctx, 'input.too_long', { max: MAX_VALUE });
    const today = localDate(ctx.deps.clock.now());
    const value = key === 'golive' ? parseDate(rawValue, today) : rawValue.replace(/\s+/g, ' ');
    if (!value) return fail(ctx, 'date.invalid', { date: rawValue.slice(0, 40), forms: DATE_FORMS });
    if (key === 'golive' && value < today) return fail(ctx, 'date.past', { date: rawValue.slice(0, 40), forms: DATE_FORMS });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const outcome = await mutate(ctx, loaded, (state) => {
      const allowed = state.members.some((m) => m.user === ctx.request.user && (m.role === LEAD_ROLE || m.role === 'communications'));
      if (!allowed) return refuse('auth.comms_only');
      if (state.rollout.settings[key] === value) return { ok: true, changes: [], value: null };
      return { ok: true, changes: [{ type: 'rollout.setting', key, value }], value: null };
    });
    if (isResult(outcome)) return outcome;
    // The date is kept as YYYY-MM-DD and answered as people write it (1.6.2027, 1 June 2027).
    const shown = key === 'golive' ? displayDate(value, ctx.locale) : value;
    return { views: [notice(ctx.t('notices.setting', { setting: ctx.t(`settings.${key}`), value: shown }))], visibility: 'channel', changed: outcome.changed };
  },
};
