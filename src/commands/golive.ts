import { GOLIVE_ANNOUNCED, GOLIVE_HELD, goLiveAnnouncements, goLivePhase } from '../comms/automatic';
import { localDate } from '../domain/working-days';
import { displayDate } from '../comms/plan-announcement';
import type { CommandContext, CommandDef, CommandResult } from './context';
import { automaticInput, maySend, templatesOf } from './announcement-flow';
import { fail, isResult, loadRollout, mutate, notice, refuse, type Loaded } from './support';
import { splitFirst } from './words';

const SEND_WORDS = ['send', 'lähetä', 'skicka'];

/**
 * `golive`: where the go-live messages stand. `golive send`: the explicit, recorded decision to
 * send them although the rollout is not in the go-live phase (lead or communications, once the
 * date has come). The other way on is a new date: `set golive <date>`.
 */
export const golive: CommandDef = {
  name: 'golive',
  aliases: { en: ['golive'], fi: ['käyttöönotto'], sv: ['införande'] },
  async run(ctx, args) {
    const usage = ctx.t('commands.golive.usage');
    const [word, extra] = splitFirst(args);
    if (word && !SEND_WORDS.includes(word.toLowerCase())) return fail(ctx, 'command.unknown_word', { word: word.slice(0, 40), usage });
    if (extra) return fail(ctx, 'command.extra_word', { word: splitFirst(extra)[0].slice(0, 40), usage });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    return word ? sendAnyway(ctx, loaded) : goLiveStatus(ctx, loaded);
  },
};

function phaseName(ctx: CommandContext, loaded: Loaded, key: string): string {
  return loaded.playbook.phases[loaded.playbook.phaseIndex.get(key)!]?.name[ctx.locale] ?? key;
}

function goLiveStatus(ctx: CommandContext, loaded: Loaded): CommandResult {
  const { settings, phase } = loaded.state.rollout;
  const date = settings.golive;
  if (!date) return { views: [notice(ctx.t('notices.golive_none'), 'info')] };
  const params = {
    date: displayDate(date, ctx.locale),
    phase: phaseName(ctx, loaded, phase),
    golive_phase: phaseName(ctx, loaded, goLivePhase(templatesOf(ctx, loaded)) ?? phase),
  };
  const key = settings[GOLIVE_ANNOUNCED] === date ? 'golive_sent' : settings[GOLIVE_HELD] === date ? 'golive_held' : 'golive_waiting';
  return { views: [notice(ctx.t(`notices.${key}`, params), key === 'golive_held' ? 'warning' : 'info')] };
}

async function sendAnyway(ctx: CommandContext, loaded: Loaded): Promise<CommandResult> {
  const input = await automaticInput(ctx, loaded);
  const today = localDate(ctx.deps.clock.now());
  const outcome = await mutate<{ date: string; queued: number }>(ctx, loaded, (state) => {
    if (!maySend(state, ctx.request.user)) return refuse('auth.comms_only');
    const date = state.rollout.settings.golive;
    if (!date) return refuse('golive.no_date');
    if (date > today) return refuse('golive.not_due', { date: displayDate(date, ctx.locale) });
    if (state.rollout.settings[GOLIVE_ANNOUNCED] === date) return refuse('golive.already_sent', { date: displayDate(date, ctx.locale) });
    const sent = goLiveAnnouncements(input, state, date, true);
    return { ok: true, changes: sent.changes, value: { date, queued: sent.queued } };
  });
  if (isResult(outcome)) return outcome;
  ctx.deps.onQueued?.();
  const { date, queued } = outcome.value;
  const params = { count: queued, date: displayDate(date, ctx.locale), phase: phaseName(ctx, loaded, outcome.loaded.state.rollout.phase) };
  return { views: [notice(ctx.t('notices.golive_sent_anyway', params))], visibility: 'channel', changed: true };
}
