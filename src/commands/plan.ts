import { localDate } from '../domain/working-days';
import { DATE_FORMS, parseDate } from '../domain/date-input';
import { isLead } from '../domain/permissions';
import { goLiveAnchor, targetSetting } from '../domain/schedule';
import { findPhase } from '../domain/task-ref';
import { scheduleView, shortDate } from '../views/schedule-view';
import type { CommandDef } from './context';
import { fail, isResult, loadRollout, mutate, notice, refuse } from './support';
import { isWord, splitFirst } from './words';

/**
 * `plan`: the schedule, each phase's target date planned back from go-live. `plan <phase> <date>`:
 * the lead sets a phase's own target (`none` returns it to the plan). The go-live phase's target
 * is the go-live date itself, changed with `set golive`.
 */
export const plan: CommandDef = {
  name: 'plan',
  aliases: { en: ['plan', 'schedule'], fi: ['aikataulu'], sv: ['tidsplan'] },
  async run(ctx, args) {
    const usage = ctx.t('commands.plan.usage');
    const [phaseWord, rest] = splitPhase(args);
    const [dateWord, extra] = splitFirst(rest);
    if (extra) return fail(ctx, 'command.extra_word', { word: splitFirst(extra)[0].slice(0, 40), usage });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    const today = localDate(ctx.deps.clock.now());
    if (!phaseWord) return { views: [scheduleView(loaded.playbook, loaded.state, today, ctx.locale, ctx.t)] };

    const phase = findPhase(loaded.playbook, phaseWord);
    if (!phase) return fail(ctx, 'phase.not_found', { phase: phaseWord.slice(0, 80), phases: loaded.playbook.phases.map((p) => `${p.key} (${p.name[ctx.locale]})`).join(', ') });
    if (!dateWord) return fail(ctx, 'command.usage', { usage });
    const clear = isWord(dateWord, 'nodate');
    const date = clear ? undefined : parseDate(dateWord, today);
    if (!clear && !date) return fail(ctx, 'date.invalid', { date: dateWord.slice(0, 40), forms: DATE_FORMS });
    if (date && date < today) return fail(ctx, 'date.past', { date: dateWord.slice(0, 40), forms: DATE_FORMS });
    const name = phase.name[ctx.locale];
    if (loaded.playbook.phases[goLiveAnchor(loaded.playbook)].key === phase.key) return fail(ctx, 'plan.golive_phase', { phase: name });

    const key = targetSetting(phase.key);
    const outcome = await mutate(ctx, loaded, (state) => {
      if (!isLead(state, ctx.request.user)) return refuse('auth.lead_only');
      const value = date ?? null;
      if ((state.rollout.settings[key] ?? null) === value) return { ok: true, changes: [], value: null };
      return { ok: true, changes: [{ type: 'rollout.setting', key, value }], value: null };
    });
    if (isResult(outcome)) return outcome;
    const text = date ? ctx.t('notices.plan_set', { phase: name, date: shortDate(date, ctx.locale) }) : ctx.t('notices.plan_cleared', { phase: name });
    const view = scheduleView(outcome.loaded.playbook, outcome.loaded.state, today, ctx.locale, ctx.t);
    return { views: [notice(text, view.fits ? 'success' : 'warning'), view], visibility: 'channel', changed: outcome.changed };
  },
};

/** The phase may be a quoted name of several words (`"Ota käyttöön" 15.3.`); the date is the last word. */
function splitPhase(args: string): [string, string] {
  const quoted = /^(["“”'][^"“”']+["“”'])\s*([\s\S]*)$/.exec(args.trim());
  if (quoted) return [quoted[1], quoted[2].trim()];
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 2) return [words[0] ?? '', words[1] ?? ''];
  return [words.slice(0, -1).join(' '), words[words.length - 1]];
}
