import { Cron } from 'croner';
import type { CoreDeps } from '../app';
import type { Locale } from '../core/locale';
import type { LoadedPlaybook } from '../domain/playbook';
import { REMIND_WITHIN_WORKING_DAYS, remindersOf, type PersonReminders, type ReminderTask } from '../domain/reminders';
import { phaseTargets } from '../domain/schedule';
import type { RolloutState } from '../domain/rollout';
import { addWorkingDays, configuredTimeZone, isWorkingDay, localDate, zoneOffset } from '../domain/working-days';
import type { ReminderView, View } from '../core/views';
import type { NewOutboxEntry, OutboxEntry } from '../ports/outbox.port';
import { RolloutViews, userIdsOf } from '../views/build-views';
import { shortDate } from '../views/schedule-view';
import { givenValue } from './given-values';
import { queueWeeklyDigests } from './weekly-digest';

/** What one person hears about one rollout today. */
interface Part {
  state: RolloutState;
  playbook: LoadedPlaybook;
  reminders: PersonReminders;
}

/**
 * Queues today's reminders, when today is a working day: one direct message per person (and
 * workspace) listing their open tasks due within three working days or overdue, and for a lead
 * the tasks overdue by more than five working days, in the person's language. Only people on
 * `platforms`, whose senders deliver direct messages, are reminded. The outbox key
 * `reminder:<workspace>:<person>:<day>` keeps it to one message a day however often this runs
 * (a restart, a second instance). Returns how many people have a reminder today.
 */
export async function queueDailyReminders(deps: CoreDeps, platforms: readonly string[]): Promise<number> {
  const today = localDate(deps.clock.now());
  if (!isWorkingDay(today) || platforms.length === 0) return 0;
  const off = new Set(await deps.store.usersWithRemindersOff());
  const people = new Map<string, { user: string; parts: Part[] }>();
  // Only rollouts where something can be due by the horizon are read: an open task with its own
  // date by then (indexed), or a phase target by then (from the go-live date in the rollout row).
  const horizon = addWorkingDays(today, REMIND_WITHIN_WORKING_DAYS);
  const withDue = new Set(await deps.store.rolloutsWithTasksDueBy(horizon));
  for (const rollout of await deps.store.allRollouts()) {
    const playbook = deps.playbooks.get(rollout.playbookId);
    const due = playbook && (withDue.has(rollout.id) || phaseTargets(playbook, rollout.settings).some((t) => t.date !== undefined && t.date <= horizon));
    const state = playbook && due && (await deps.store.load(rollout.id));
    if (!playbook || !state) continue;
    for (const [user, reminders] of remindersOf(playbook, state, today, off)) {
      if (!platforms.includes(user.slice(0, user.indexOf(':')))) continue;
      const key = `${rollout.workspace}\u0000${user}`;
      const person = people.get(key) ?? { user, parts: [] };
      person.parts.push({ state, playbook, reminders });
      people.set(key, person);
    }
  }
  const meta = { actor: 'system:scheduler', platform: 'system' as const, at: deps.clock.now().toISOString() };
  // One transaction for all: each entry in the trail of the person's first rollout.
  const queue: Array<{ rolloutId: string; entry: NewOutboxEntry }> = [];
  for (const { user, parts } of people.values()) {
    const locale = (await deps.store.userLocale(user)) ?? parts[0].state.rollout.locale;
    const names = await deps.store.userNames([...new Set(parts.flatMap((p) => p.reminders.escalated.flatMap((t) => t.owners)))]);
    const workspace = parts[0].state.rollout.workspace;
    const entry: NewOutboxEntry = {
      idempotencyKey: `reminder:${workspace}:${user}:${today}`, batch: `reminder:${today}`, kind: 'reminder',
      channel: user, locales: [locale], text: reminderText(deps, locale, parts, names), status: 'pending',
    };
    queue.push({ rolloutId: parts[0].state.rollout.id, entry });
  }
  await deps.store.queueMessages(queue, meta);
  if (people.size > 0) deps.onQueued?.();
  return people.size;
}

/** The reminder as plain text: per rollout the person's tasks, then what is escalated to them as lead. */
export function reminderText(deps: Pick<CoreDeps, 'translations'>, locale: Locale, parts: readonly Part[], names: Record<string, string>): string {
  const t = deps.translations.t(locale);
  const line = (part: Part, item: ReminderTask, withOwners: boolean): string => {
    const task = part.playbook.byKey.get(item.task)!;
    const label = `${part.playbook.phases[part.playbook.phaseIndex.get(task.phase)!].name[locale]} ${task.ref} ${task.title[locale]}`;
    const date = shortDate(item.due, locale);
    const when = item.overdue > 0 ? t('reminders.overdue', { date, count: item.overdue }) : t('reminders.due', { date });
    const owners = withOwners ? ` (${item.owners.map((u) => names[u] ?? u.slice(u.indexOf(':') + 1)).join(', ') || '-'})` : '';
    return `• ${label}: ${when}${owners}`;
  };
  const count = parts.reduce((n, p) => n + p.reminders.tasks.length, 0);
  const lines: string[] = [];
  if (count > 0) {
    lines.push(t('reminders.heading', { count }));
    for (const part of parts.filter((p) => p.reminders.tasks.length > 0)) {
      lines.push('', givenValue(part.state.rollout.name), ...part.reminders.tasks.map((item) => line(part, item, false)));
    }
  }
  for (const part of parts.filter((p) => p.reminders.escalated.length > 0)) {
    if (lines.length > 0) lines.push('');
    lines.push(t('reminders.escalated', { rollout: givenValue(part.state.rollout.name) }), ...part.reminders.escalated.map((item) => line(part, item, true)));
  }
  lines.push('', t('reminders.footer', { done: t('commands.done.usage'), snooze: t('commands.snooze.usage'), off: t('commands.remind.usage') }));
  return lines.join('\n');
}

/**
 * A reminder's content as views with Done buttons, built at delivery from the state then: tasks
 * checked off since it was queued are left out, and nothing is left to send (undefined) when
 * none remain or the person turned reminders off.
 */
export async function reminderViews(deps: CoreDeps, entry: Pick<OutboxEntry, 'channel' | 'workspace' | 'idempotencyKey' | 'locales'>): Promise<{ locale: Locale; views: View[] } | undefined> {
  const user = entry.channel;
  const day = entry.idempotencyKey.slice(entry.idempotencyKey.lastIndexOf(':') + 1);
  if (await deps.store.remindersOff(user)) return undefined;
  const locale = entry.locales[0] ?? deps.defaultLocale;
  const t = deps.translations.t(locale);
  const groups: ReminderView['groups'] = [];
  const escalations: ReminderView['groups'] = [];
  for (const rollout of await deps.store.listRollouts(entry.workspace)) {
    const playbook = deps.playbooks.get(rollout.playbookId);
    const state = playbook && (await deps.store.load(rollout.id));
    const reminders = playbook && state ? remindersOf(playbook, state, day).get(user) : undefined;
    if (!playbook || !state || !reminders) continue;
    const views = new RolloutViews(playbook, state, locale, t, user, await deps.store.userNames(userIdsOf(state)), day);
    // A reminder names every task's due date, also one that is its phase's target.
    const lines = (items: ReminderTask[]) => items.map((item) => {
      const line = views.taskLine(playbook.byKey.get(item.task)!);
      const date = shortDate(item.due, locale);
      return line.due ? line : { ...line, due: { date, overdue: item.overdue > 0, text: t(item.overdue > 0 ? 'ui:task_overdue' : 'ui:task_due', { date }) } };
    });
    if (reminders.tasks.length > 0) groups.push({ rolloutId: rollout.id, title: rollout.name, escalated: false, tasks: lines(reminders.tasks) });
    if (reminders.escalated.length > 0) escalations.push({ rolloutId: rollout.id, title: t('reminders.escalated', { rollout: rollout.name }), escalated: true, tasks: lines(reminders.escalated) });
  }
  const count = groups.reduce((n, g) => n + g.tasks.length, 0);
  if (count + escalations.length === 0) return undefined;
  const view: ReminderView = {
    kind: 'reminder',
    heading: count > 0 ? t('reminders.heading', { count }) : t('reminders.lead_heading'),
    groups: [...groups, ...escalations],
    footer: t('reminders.footer', { done: t('commands.done.usage'), snooze: t('commands.snooze.usage'), off: t('commands.remind.usage') }),
  };
  return { locale, views: [view] };
}

/** Minutes since local midnight in `TZ`. */
function localMinutes(now: Date): number {
  const local = new Date(now.getTime() + zoneOffset(now));
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/**
 * Daily reminders at `time` (`HH:MM` in `TZ`) on working days, and on Mondays the weekly digests. At start-up, when today's time
 * has passed, today's reminders that were not sent go out once (the outbox keys see to "once").
 */
export function scheduleReminders(deps: CoreDeps, options: { time: string; platforms: readonly string[] }): Cron {
  const [hours, minutes] = options.time.split(':').map(Number);
  const run = async (): Promise<void> => {
    await queueDailyReminders(deps, options.platforms).catch((err: unknown) => deps.logger.error({ err }, 'daily reminders failed'));
    await queueWeeklyDigests(deps, options.platforms).catch((err: unknown) => deps.logger.error({ err }, 'weekly digests failed'));
  };
  if (localMinutes(deps.clock.now()) >= hours * 60 + minutes) void run();
  return new Cron(`${minutes} ${hours} * * *`, { timezone: configuredTimeZone(), protect: true, unref: true }, run);
}
