import { gateOf } from '../domain/gate';
import { isLead } from '../domain/permissions';
import type { PlaybookPhase } from '../domain/playbook';
import { allStatuses } from '../domain/task-status';
import type { CommandContext, CommandDef, CommandResult } from './context';
import { fail, isResult, loadRollout, mutate, notice, refuse, viewsFor, type Loaded } from './support';
import { phaseChangeAnnouncements, statusRefresh } from '../comms/automatic';
import { automaticInput } from './announcement-flow';
import { isWord, splitFirst } from './words';

export const phase: CommandDef = {
  name: 'phase',
  aliases: { en: ['phase', 'gate'], fi: ['vaihe', 'portti'], sv: ['fas', 'grind'] },
  async run(ctx, args) {
    const [first, rest] = splitFirst(args);
    if (!first) {
      const loaded = await loadRollout(ctx);
      if (isResult(loaded)) return loaded;
      return { views: [(await viewsFor(ctx, loaded)).gate()] };
    }
    const usage = ctx.t('commands.phase.usage');
    if (!isWord(first, 'next')) return fail(ctx, 'command.unknown_word', { word: first.slice(0, 40), usage });
    const [word, reason] = splitFirst(rest);
    if (word && !isWord(word, 'override')) return fail(ctx, 'command.unknown_word', { word: word.slice(0, 40), usage });
    if (word && !reason) return fail(ctx, 'task.reason_required', { usage: ctx.t('commands.phase.usage') });
    const loaded = await loadRollout(ctx);
    if (isResult(loaded)) return loaded;
    return advancePhase(ctx, loaded, word ? reason : undefined);
  },
};

/**
 * Moves the rollout to the next phase. Only the lead may; open tasks block unless the lead
 * gives an override reason, which the phase change records.
 */
export async function advancePhase(ctx: CommandContext, loaded: Loaded, override?: string, expectedPhase?: string): Promise<CommandResult> {
  const automatic = await automaticInput(ctx, loaded);
  const outcome = await mutate<{ from: PlaybookPhase; to: PlaybookPhase; skipped: number; announced: number; withheld: number }>(ctx, loaded, (state, playbook) => {
    if (!isLead(state, ctx.request.user)) return refuse('auth.lead_only');
    // A button pressed on an old gate card must not skip a phase that already moved on.
    if (expectedPhase && expectedPhase !== state.rollout.phase) return refuse('action.stale');
    const gate = gateOf(playbook, allStatuses(playbook, state), state.rollout.phase);
    if (!gate.next) return refuse('gate.final', { phase: gate.phase.name[ctx.locale] });
    if (gate.blockers.length > 0 && !override) {
      return refuse('gate.blocked', { count: gate.blockers.length, tasks: gate.blockers.map((t) => t.ref).join(', ') });
    }
    const change = { type: 'phase.set' as const, phase: gate.next.key, ...(override && gate.blockers.length > 0 ? { override } : {}) };
    const announcements = phaseChangeAnnouncements(automatic, state, gate.next.key, gate.blockers.length === 0);
    return {
      ok: true,
      changes: [change, ...announcements.changes, ...statusRefresh(state)],
      value: { from: gate.phase, to: gate.next, skipped: gate.blockers.length, announced: announcements.changes.length, withheld: announcements.withheld },
    };
  });
  if (isResult(outcome)) return outcome;
  ctx.deps.onQueued?.();
  const { from, to, skipped, announced, withheld } = outcome.value;
  const views = await viewsFor(ctx, outcome.loaded);
  const text = skipped > 0
    ? ctx.t('notices.advanced_override', { from: from.name[ctx.locale], to: to.name[ctx.locale], count: skipped, reason: override ?? '' })
    : ctx.t('notices.advanced', { from: from.name[ctx.locale], to: to.name[ctx.locale] });
  const sent = announced > 0 ? [notice(ctx.t('notices.phase_announced', { count: announced }), 'info')] : [];
  const held = withheld > 0 ? [notice(ctx.t('notices.phase_complete_withheld', { phase: from.name[ctx.locale] }), 'info')] : [];
  return { views: [notice(text), ...sent, ...held, views.next(false)], visibility: 'channel', changed: true, update: views.gate() };
}
