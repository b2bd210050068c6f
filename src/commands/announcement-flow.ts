import { randomUUID } from 'node:crypto';
import type { AutomaticInput } from '../comms/automatic';
import { localDate } from '../domain/working-days';
import { displayDate, outboxEntries, planAnnouncement, type GivenValues } from '../comms/plan-announcement';
import type { MessageTemplate, TemplateSet } from '../comms/template';
import type { AnnouncementView } from '../core/views';
import { LEAD_ROLE } from '../domain/permissions';
import type { RolloutState } from '../domain/rollout';
import type { OutboxEntry } from '../ports/outbox.port';
import type { Change } from '../ports/rollout-store.port';
import { userIdsOf } from '../views/build-views';
import type { CommandContext, CommandResult } from './context';
import { fail, isResult, mutate, notice, refuse, type Loaded } from './support';

/** Who may send announcements: the rollout lead and the communications role. */
export function maySend(state: RolloutState, user: string): boolean {
  return state.members.some((m) => m.user === user && (m.role === LEAD_ROLE || m.role === 'communications'));
}

/** A playbook without message templates simply has nothing to announce. */
export function templatesOf(ctx: CommandContext, loaded: Loaded): TemplateSet {
  return ctx.deps.templates.get(loaded.playbook.id) ?? { playbook: loaded.playbook.id, templates: [] };
}

/** A template's name for people: its situation, and the phase when it has its own. */
export function templateTitle(ctx: CommandContext, loaded: Loaded, template: MessageTemplate): string {
  const situation = ctx.t(`situations.${template.situation}`);
  const phase = template.phase ? loaded.playbook.phases[loaded.playbook.phaseIndex.get(template.phase)!]?.name[ctx.locale] : undefined;
  return phase ? `${situation} (${phase})` : situation;
}

/**
 * Renders a template for every target channel and keeps it as a draft, so that Send delivers
 * exactly what was previewed. Missing values are asked for, naming how to give them.
 */
export async function previewAnnouncement(ctx: CommandContext, loaded: Loaded, template: MessageTemplate, given: GivenValues): Promise<CommandResult> {
  // Previews are for those who may send: a draft is what `announce send` and Send deliver.
  if (!maySend(loaded.state, ctx.request.user)) return fail(ctx, 'auth.comms_only');
  const names = await ctx.deps.store.userNames(userIdsOf(loaded.state));
  const plan = planAnnouncement({ playbook: loaded.playbook, state: loaded.state, translations: ctx.deps.translations, names, given }, template);
  if (!plan.ok) {
    const missing = plan.missing.map((m) => ctx.t(`variables.${m}`)).join(', ');
    const example = plan.missing.map((m) => `${m}=${ctx.t(`variables.${m}_example`)}`).join(' ');
    // The command as it was typed, with what is missing added: following the hint just works.
    return fail(ctx, 'template.missing', { missing, command: `${(ctx.request.text ?? '').trim().replace(/\s+/g, ' ')} ${example}` });
  }
  const setsGoLive = template.situation === 'deviation' ? given.new_date : undefined;
  // Sending it would make this the go-live date: a date already gone would never be announced.
  if (setsGoLive && setsGoLive < localDate(ctx.deps.clock.now())) return fail(ctx, 'date.past', { date: displayDate(setsGoLive, ctx.locale) });
  const batch = randomUUID();
  const entries = outboxEntries(plan, template, batch, 'draft', ctx.request.channel)
    .map((entry) => ({ ...entry, createdBy: ctx.request.user, ...(setsGoLive ? { setsGoLive } : {}) }));
  if (entries.length > 0) {
    const outcome = await mutate(ctx, loaded, () => ({ ok: true, changes: entries.map((entry) => ({ type: 'outbox.add' as const, entry })), value: null }));
    if (isResult(outcome)) return outcome;
  }
  const view: AnnouncementView = {
    kind: 'announcement',
    rolloutId: loaded.state.rollout.id,
    batch,
    title: templateTitle(ctx, loaded, template),
    targets: plan.messages.map((m) => ({
      channel: { id: m.channel, ...(m.channelName ? { name: m.channelName } : {}) },
      roles: m.roles.map((r) => roleName(loaded, r, ctx)),
      locales: m.locales,
      text: m.text,
    })),
    unmapped: plan.unmapped.map((r) => roleName(loaded, r, ctx)),
    canSend: maySend(loaded.state, ctx.request.user) && entries.length > 0,
    sent: false,
  };
  return { views: [view] };
}

/**
 * The Send button (and `announce send`): releases the previewed drafts to the outbox in one
 * change. A deviation notice with a new date moves the go-live date in the same change, so the
 * old date is never announced again. `named` answers with what was sent and where.
 */
export async function sendAnnouncement(ctx: CommandContext, loaded: Loaded, batch: string, named = false): Promise<CommandResult> {
  const outcome = await mutate<string | undefined>(ctx, loaded, (state) => {
    if (!maySend(state, ctx.request.user)) return refuse('auth.comms_only');
    const draft = state.drafts.find((d) => d.batch === batch);
    if (!draft) return refuse('announce.sent');
    const moves = draft.setsGoLive && state.rollout.settings.golive !== draft.setsGoLive ? draft.setsGoLive : undefined;
    const changes: Change[] = [{ type: 'outbox.release', batch }, ...(moves ? [{ type: 'rollout.setting' as const, key: 'golive', value: moves }] : [])];
    return { ok: true, changes, value: moves };
  });
  if (isResult(outcome)) return outcome;
  ctx.deps.onQueued?.();
  const entries = await ctx.deps.outbox.batch(loaded.state.rollout.id, batch);
  const view = batchView(ctx, loaded, batch, entries);
  const channels = view.targets.map((t) => (t.channel.name ? `#${t.channel.name}` : t.channel.id.slice(t.channel.id.indexOf(':') + 1))).join(', ');
  const sent = named
    ? notice(ctx.t('notices.announcement_sent_named', { count: entries.length, title: view.title, channels }))
    : notice(ctx.t('notices.announcement_sent', { count: entries.length }));
  const moved = outcome.value ? [notice(ctx.t('notices.golive_moved', { date: displayDate(outcome.value, ctx.locale) }), 'info')] : [];
  return {
    views: [sent, ...moved],
    visibility: 'private',
    changed: true,
    update: view,
  };
}

/** An announcement as its messages stand now: a preview the asker may still send, or sent. */
export async function announcementView(ctx: CommandContext, loaded: Loaded, batch: string): Promise<AnnouncementView | undefined> {
  const entries = await ctx.deps.outbox.batch(loaded.state.rollout.id, batch);
  return entries.length > 0 ? batchView(ctx, loaded, batch, entries) : undefined;
}

function batchView(ctx: CommandContext, loaded: Loaded, batch: string, entries: OutboxEntry[]): AnnouncementView {
  const template = templatesOf(ctx, loaded).templates.find((t) => t.key === entries[0]?.template);
  const draft = entries.some((e) => e.status === 'draft');
  return {
    kind: 'announcement',
    rolloutId: loaded.state.rollout.id,
    batch,
    title: template ? templateTitle(ctx, loaded, template) : '',
    targets: entries.map((e) => {
      const mapping = loaded.state.channels.find((c) => c.channel === e.channel);
      const roles = loaded.state.channels.filter((c) => c.channel === e.channel).map((c) => roleName(loaded, c.role, ctx));
      return { channel: { id: e.channel, ...(mapping?.name ? { name: mapping.name } : {}) }, roles, locales: e.locales, text: e.text };
    }),
    unmapped: [],
    canSend: draft && maySend(loaded.state, ctx.request.user),
    sent: !draft,
  };
}

/** What automatic announcements need, read before the transaction (names are an async read). */
export async function automaticInput(ctx: CommandContext, loaded: Loaded): Promise<AutomaticInput> {
  return {
    playbook: loaded.playbook,
    templates: templatesOf(ctx, loaded),
    translations: ctx.deps.translations,
    names: await ctx.deps.store.userNames(userIdsOf(loaded.state)),
  };
}

function roleName(loaded: Loaded, key: string, ctx: CommandContext): string {
  return loaded.playbook.roles.find((r) => r.key === key)?.name[ctx.locale] ?? key;
}
