import type { CoreDeps } from '../app';
import type { Locale } from '../core/locale';
import { gateOf } from '../domain/gate';
import { LEAD_ROLE } from '../domain/permissions';
import type { LoadedPlaybook } from '../domain/playbook';
import { phaseProgress } from '../domain/progress';
import type { RolloutState } from '../domain/rollout';
import { dueDateOf, phaseTargets, scheduleOf } from '../domain/schedule';
import { allStatuses, isLeaf } from '../domain/task-status';
import { localDate, workingDaysBetween } from '../domain/working-days';
import type { Change } from '../ports/rollout-store.port';
import { shortDate } from '../views/schedule-view';
import { givenValue } from './given-values';
import { BILINGUAL_SEPARATOR } from './render-template';

/** The outbox template of the weekly digest, which tells it apart from the daily reminder. */
export const DIGEST_TEMPLATE = 'weekly-digest';
const MANAGEMENT_ROLE = 'management';
const WEEK_MS = 7 * 86_400_000;

/** Who did what in the past week: `task.set` events that checked a task off. */
interface DoneLine {
  task: string;
  by: string;
}

/**
 * On Mondays: each rollout's weekly digest to its leads (a direct message, on platforms in
 * `platforms`) and to the management role's channels (in their languages, both for a bilingual
 * one): progress per phase, what was checked off in the past week and by whom, what is overdue,
 * the next gate and what blocks it, working days to go-live and whether the schedule holds. Keys
 * `digest:<rollout>:<to>:<day>` keep it to one a week however often this runs. Returns how many
 * messages it meant to queue.
 */
export async function queueWeeklyDigests(deps: CoreDeps, platforms: readonly string[]): Promise<number> {
  const now = deps.clock.now();
  const today = localDate(now);
  if (new Date(`${today}T00:00:00Z`).getUTCDay() !== 1) return 0;
  const since = new Date(now.getTime() - WEEK_MS).toISOString();
  const meta = { actor: 'system:scheduler', platform: 'system' as const, at: now.toISOString() };
  let queued = 0;
  for (const rollout of await deps.store.allRollouts()) {
    const playbook = deps.playbooks.get(rollout.playbookId);
    const state = playbook && (await deps.store.load(rollout.id));
    if (!playbook || !state) continue;
    const events = (await deps.store.auditEvents(rollout.id, { types: ['task.set'] })).events.filter((e) => e.at >= since);
    const done: DoneLine[] = events
      .filter((e) => (e.after as { status?: string } | null)?.status === 'done' && (e.before as { status?: string } | null)?.status !== 'done')
      .reverse()
      .map((e) => ({ task: e.subject, by: e.actor }));
    const names = await deps.store.userNames([...new Set(done.map((d) => d.by))]);
    const text = (locale: Locale) => digestText(deps, locale, playbook, state, today, done, names);
    const changes: Change[] = [];
    const key = (to: string) => `digest:${rollout.id}:${to}:${today}`;
    for (const lead of state.members.filter((m) => m.role === LEAD_ROLE).map((m) => m.user)) {
      if (!platforms.includes(lead.slice(0, lead.indexOf(':')))) continue;
      const locale = (await deps.store.userLocale(lead)) ?? rollout.locale;
      changes.push({ type: 'outbox.add', entry: { idempotencyKey: key(lead), batch: `digest:${today}`, kind: 'reminder', template: DIGEST_TEMPLATE, channel: lead, locales: [locale], text: text(locale), status: 'pending' } });
    }
    for (const channel of state.channels.filter((c) => c.role === MANAGEMENT_ROLE)) {
      changes.push({
        type: 'outbox.add',
        entry: { idempotencyKey: key(channel.channel), batch: `digest:${today}`, kind: 'announcement', template: DIGEST_TEMPLATE, channel: channel.channel, locales: channel.locales, text: channel.locales.map(text).join(BILINGUAL_SEPARATOR), status: 'pending' },
      });
    }
    if (changes.length === 0) continue;
    await deps.store.transact(rollout.id, meta, () => ({ ok: true, changes, value: null }));
    queued += changes.length;
  }
  if (queued > 0) deps.onQueued?.();
  return queued;
}

/** The digest of one rollout in one language, as plain text. */
export function digestText(
  deps: Pick<CoreDeps, 'translations'>, locale: Locale, playbook: LoadedPlaybook, state: RolloutState, today: string, done: readonly DoneLine[], names: Record<string, string>,
): string {
  const t = deps.translations.t(locale);
  const statuses = allStatuses(playbook, state);
  const label = (key: string) => {
    const task = playbook.byKey.get(key);
    return task ? `${playbook.phases[playbook.phaseIndex.get(task.phase)!].name[locale]} ${task.ref} ${task.title[locale]}` : key;
  };
  const who = (user: string) => names[user] ?? user.slice(user.indexOf(':') + 1);
  const lines = [t('digest.heading', { rollout: givenValue(state.rollout.name), date: shortDate(today, locale) }), '', t('digest.progress')];
  playbook.phases.forEach((phase, i) => {
    const p = phaseProgress(playbook, statuses, phase.key);
    lines.push(`${phase.key === state.rollout.phase ? '▶' : '•'} ${i + 1}. ${phase.name[locale]}: ${t('ui:progress', { ...p })}`);
  });
  lines.push('', done.length > 0 ? t('digest.done', { count: done.length }) : t('digest.done_none'));
  for (const d of done) lines.push(`• ${label(d.task)}: ${givenValue(who(d.by))}`);
  const targets = phaseTargets(playbook, state.rollout.settings);
  const overdue = playbook.tasks
    .filter((task) => isLeaf(task) && statuses.get(task.key)?.status === 'open')
    .map((task) => ({ task, due: dueDateOf(playbook, state, task.key, targets) }))
    .filter((x): x is { task: typeof x.task; due: string } => Boolean(x.due && x.due < today));
  lines.push('', overdue.length > 0 ? t('digest.overdue', { count: overdue.length }) : t('digest.overdue_none'));
  for (const x of overdue) lines.push(`• ${label(x.task.key)}: ${t('ui:task_overdue', { date: shortDate(x.due, locale) })}`);
  const gate = gateOf(playbook, statuses, state.rollout.phase);
  lines.push('');
  if (gate.next) {
    lines.push(gate.blockers.length > 0
      ? t('digest.gate_blocked', { phase: gate.phase.name[locale], next: gate.next.name[locale], count: gate.blockers.length, tasks: gate.blockers.map((b) => b.ref).join(', ') })
      : t('digest.gate_clear', { phase: gate.phase.name[locale], next: gate.next.name[locale] }));
  }
  const golive = state.rollout.settings.golive;
  if (golive) {
    const fits = scheduleOf(playbook, state, today).fits;
    lines.push(t(fits ? 'ui:schedule_fits' : 'ui:schedule_does_not_fit', { date: shortDate(golive, locale), count: golive < today ? 0 : workingDaysBetween(today, golive) }));
  } else {
    lines.push(t('ui:schedule_no_golive'));
  }
  return lines.join('\n');
}
