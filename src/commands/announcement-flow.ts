import { randomUUID } from 'node:crypto';
import type { AutomaticInput } from '../comms/automatic';
import { outboxEntries, planAnnouncement, type GivenValues } from '../comms/plan-announcement';
import type { MessageTemplate, TemplateSet } from '../comms/template';
import type { AnnouncementView } from '../core/views';
import { LEAD_ROLE } from '../domain/permissions';
import type { RolloutState } from '../domain/rollout';
import type { OutboxEntry } from '../ports/outbox.port';
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
  const names = await ctx.deps.store.userNames(userIdsOf(loaded.state));
  const plan = planAnnouncement({ playbook: loaded.playbook, state: loaded.state, translations: ctx.deps.translations, names, given }, template);
  if (!plan.ok) {
    const missing = plan.missing.map((m) => ctx.t(`variables.${m}`)).join(', ');
    const example = plan.missing.map((m) => `${m}=${ctx.t(`variables.${m}_example`)}`).join(' ');
    return fail(ctx, 'template.missing', { missing, command: `${ctx.request.text?.trim().split(/\s+/)[0] ?? 'announce'} ${template.key} ${example}` });
  }
  const batch = randomUUID();
  const entries = outboxEntries(plan, template, batch, 'draft', ctx.request.channel);
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

/** The Send button: releases the previewed drafts to the outbox in one change. */
export async function sendAnnouncement(ctx: CommandContext, loaded: Loaded, batch: string): Promise<CommandResult> {
  const outcome = await mutate(ctx, loaded, (state) => {
    if (!maySend(state, ctx.request.user)) return refuse('auth.comms_only');
    if (!state.drafts.includes(batch)) return refuse('announce.sent');
    return { ok: true, changes: [{ type: 'outbox.release', batch }], value: null };
  });
  if (isResult(outcome)) return outcome;
  ctx.deps.onQueued?.();
  const entries = await ctx.deps.outbox.batch(loaded.state.rollout.id, batch);
  return {
    views: [notice(ctx.t('notices.announcement_sent', { count: entries.length }))],
    visibility: 'private',
    changed: true,
    update: batchView(ctx, loaded, batch, entries),
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
