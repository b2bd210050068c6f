import { Cron } from 'croner';
import type { CoreDeps } from '../app';
import type { Locale } from '../core/locale';
import type { Rollout } from '../domain/rollout';
import type { MessageSender } from '../ports/message-sender.port';
import type { NewOutboxEntry, OutboxEntry } from '../ports/outbox.port';
import { userIdsOf } from '../views/build-views';
import { goLiveAnnouncements } from './automatic';
import { OutboxWorker, type RetryPolicy } from './outbox-worker';
import { reminderViews } from './daily-reminders';
import { allStatuses } from '../domain/task-status';
import { configuredTimeZone, localDate } from '../domain/working-days';
import { templateValues } from './plan-announcement';
import { givenValue } from './given-values';
import { BILINGUAL_SEPARATOR, findTemplate, renderTemplate } from './render-template';

/** The outbox worker wired to the core: status messages rendered from live state, failures reported. */
export function createOutboxWorker(deps: CoreDeps, senders: readonly MessageSender[], policy?: Partial<RetryPolicy>): OutboxWorker {
  return new OutboxWorker({
    outbox: deps.outbox,
    senders,
    clock: deps.clock,
    logger: deps.logger,
    policy,
    statusText: (rolloutId, channel) => statusText(deps, rolloutId, channel),
    reminderViews: (entry) => reminderViews(deps, entry),
    failureReport: (entry, error, unconfirmed) => failureReport(deps, entry, error, unconfirmed),
  });
}

/** The living status message of a channel: the progress template, in the channel's languages. */
async function statusText(deps: CoreDeps, rolloutId: string, channel: string): Promise<string | undefined> {
  const state = await deps.store.load(rolloutId);
  const playbook = state && deps.playbooks.get(state.rollout.playbookId);
  const templates = state && deps.templates.get(state.rollout.playbookId);
  if (!state || !playbook || !templates) return undefined;
  const template = findTemplate(templates, 'progress', state.rollout.phase);
  const locales = [...new Set(state.channels.filter((c) => c.channel === channel).flatMap((c) => c.locales))];
  // A channel no longer mapped keeps its last status message as it was.
  if (!template || locales.length === 0) return undefined;
  const names = await deps.store.userNames(userIdsOf(state));
  const input = { playbook, state, translations: deps.translations, names, automatic: true };
  const statuses = allStatuses(playbook, state);
  const texts: string[] = [];
  for (const locale of locales) {
    const rendered = renderTemplate(template, locale, templateValues(input, locale, statuses));
    if (!rendered.ok) return undefined;
    texts.push(rendered.text);
  }
  return texts.join(BILINGUAL_SEPARATOR);
}

/**
 * A message that finally failed, or whose delivery could not be confirmed, is reported where it
 * was sent from, or to the lead's channel, mentioning the leads (`<@id>`, written by the bot, so it
 * stays a live mention); the channel's name and the platform's error are shown as given, and the
 * report names the command that sends the message again.
 */
async function failureReport(deps: CoreDeps, entry: OutboxEntry, error: string, unconfirmed = false): Promise<(NewOutboxEntry & { rolloutId: string }) | undefined> {
  // A reminder that cannot reach its person is logged; the next working day brings a new one.
  if (entry.kind === 'reminder') return undefined;
  const state = await deps.store.load(entry.rolloutId);
  if (!state) return undefined;
  const leadChannel = state.channels.find((c) => c.role === 'lead');
  const to = entry.reportTo ?? leadChannel?.channel;
  if (!to) return undefined;
  const locales: Locale[] = leadChannel && leadChannel.channel === to ? leadChannel.locales : [state.rollout.locale];
  const leads = state.members.filter((m) => m.role === 'lead').map((m) => `<@${m.user.slice(m.user.indexOf(':') + 1)}>`);
  const name = state.channels.find((c) => c.channel === entry.channel)?.name;
  const text = locales
    .map((l) => deps.translations.t(l)(unconfirmed ? 'comms.unconfirmed_report' : 'comms.failure_report', { leads: leads.join(' '), channel: givenValue(name ? `#${name}` : entry.channel), error: givenValue(error), id: entry.id }))
    .join('\n\n');
  // Attempts count on after a resend, so a second report about the same message is a new one.
  const idempotencyKey = `report:${entry.idempotencyKey}:${entry.attempts}`;
  return { rolloutId: state.rollout.id, idempotencyKey, batch: entry.batch, kind: 'report', channel: to, locales, text, status: 'pending' };
}

/** Today's date (YYYY-MM-DD) in the go-live time zone. */
/**
 * Queues "the service is live" for every rollout whose go-live date is today, or, for a rollout
 * not yet in the go-live phase, the notice to its lead and communications that the messages are
 * held. Idempotency keys make a second run on the same day queue nothing, so it is safe at
 * start-up and every hour. Returns the number of messages queued.
 */
export async function announceGoLives(deps: CoreDeps): Promise<number> {
  const today = localDate(deps.clock.now());
  let queued = 0;
  for (const rollout of (await deps.store.allRollouts()).filter((r: Rollout) => r.settings.golive === today)) {
    const playbook = deps.playbooks.get(rollout.playbookId);
    const templates = deps.templates.get(rollout.playbookId);
    const state = await deps.store.load(rollout.id);
    if (!playbook || !templates || !state) continue;
    const input = {
      playbook, templates, translations: deps.translations, names: await deps.store.userNames(userIdsOf(state)),
      followingChannels: await followingChannels(deps, rollout.id),
    };
    const meta = { actor: 'system:scheduler', platform: 'system' as const, at: deps.clock.now().toISOString() };
    const result = await deps.store.transact(rollout.id, meta, (s) => {
      const outcome = goLiveAnnouncements(input, s, today);
      return { ok: true, changes: outcome.changes, value: outcome.changes.filter((c) => c.type === 'outbox.add').length };
    });
    if (result.ok) queued += result.value;
  }
  if (queued > 0) deps.onQueued?.();
  return queued;
}

/** The channels bound to a rollout now, found from the audit trail's bindings. */
async function followingChannels(deps: CoreDeps, rolloutId: string): Promise<string[]> {
  const bound = (await deps.store.events(rolloutId, Infinity)).filter((e) => e.type === 'channel.bind').map((e) => e.subject);
  const following: string[] = [];
  for (const channel of new Set(bound)) if ((await deps.store.rolloutForChannel(channel))?.id === rolloutId) following.push(channel);
  return following;
}

/** Checks for go-live dates at start-up and at the top of every hour. */
export function scheduleGoLives(deps: CoreDeps): Cron {
  const run = async (): Promise<void> => {
    await announceGoLives(deps).catch((err: unknown) => deps.logger.error({ err }, 'go-live announcements failed'));
  };
  void run();
  return new Cron('0 * * * *', { timezone: configuredTimeZone(), protect: true, unref: true }, run);
}
