import type { Locale } from '../core/locale';
import { gateOf } from '../domain/gate';
import { nextStep } from '../domain/next-step';
import type { LoadedPlaybook } from '../domain/playbook';
import { phaseProgress } from '../domain/progress';
import type { RolloutState } from '../domain/rollout';
import { allStatuses, isLeaf, tasksOfPhase, type EffectiveStatus } from '../domain/task-status';
import type { Translations } from '../i18n/i18n';
import type { NewOutboxEntry } from '../ports/outbox.port';
import { BILINGUAL_SEPARATOR, renderTemplate } from './render-template';
import type { MessageTemplate } from './template';

/** Values a person gives when sending (`date=...`, `reason=...`); they win over the rollout's settings. */
export type GivenValues = Partial<Record<'organisation' | 'date' | 'contact' | 'reason' | 'changes' | 'new_date', string>>;

export interface PlanInput {
  playbook: LoadedPlaybook;
  state: RolloutState;
  translations: Translations;
  /** Display names of the rollout's members, for `lead`. */
  names: Record<string, string>;
  given?: GivenValues;
  /** For automatic messages: a contact and organisation are filled from the lead and the rollout. */
  automatic?: boolean;
}

export interface PlannedMessage {
  channel: string;
  channelName?: string;
  roles: string[];
  locales: Locale[];
  text: string;
}

export type Plan = { ok: true; messages: PlannedMessage[]; unmapped: string[] } | { ok: false; missing: string[] };

const BAR = 10;

/** `▰▰▰▱▱▱▱▱▱▱ 30 %` */
function bar(percent: number, locale: Locale): string {
  const filled = Math.round((percent / 100) * BAR);
  return `${'▰'.repeat(filled)}${'▱'.repeat(BAR - filled)} ${percent}${locale === 'en' ? '%' : ' %'}`;
}

/** A YYYY-MM-DD date as people write it: `15.3.2027`, or `15 March 2027` in English. */
export function displayDate(iso: string, locale: Locale): string {
  return formatDate(iso, locale) ?? iso;
}

function formatDate(iso: string | undefined, locale: Locale): string | undefined {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const [y, m, d] = iso.split('-').map(Number);
  if (locale === 'en') return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `${d}.${m}.${y}`;
}

/** Every variable a template may use, in one language, from the live state and what was given. */
export function templateValues(input: PlanInput, locale: Locale, statuses: ReadonlyMap<string, EffectiveStatus>): Record<string, string | undefined> {
  const { playbook, state, given = {} } = input;
  const t = input.translations.t(locale);
  const phase = state.rollout.phase;
  const gate = gateOf(playbook, statuses, phase);
  const leads = state.members.filter((m) => m.role === 'lead').map((m) => input.names[m.user] ?? m.user.replace(/^[a-z]+:/, ''));
  const next = nextStep(playbook, statuses, phase);
  const progress = playbook.phases
    .filter((p) => !p.optional || p.key === phase)
    .map((p) => `${p.key === phase ? '▶' : '•'} ${p.name[locale]} ${bar(phaseProgress(playbook, statuses, p.key).percent, locale)}`)
    .join('\n');
  const nextSteps = next.tasks.length
    ? next.tasks.map((task) => `• ${task.ref} ${task.title[locale]} (${playbook.roles.find((r) => r.key === task.role)?.name[locale] ?? task.role})`).join('\n')
    : t(next.phaseComplete ? 'comms.next_steps_gate' : 'comms.next_steps_waiting');
  const contact = given.contact ?? state.rollout.settings.contact ?? (input.automatic ? leads.join(', ') : undefined);
  return {
    organisation: given.organisation ?? state.rollout.settings.organisation ?? (input.automatic ? state.rollout.name : undefined),
    service: playbook.service[locale],
    rollout: state.rollout.name,
    phase: playbook.phases[playbook.phaseIndex.get(phase)!].name[locale],
    next_phase: gate.next?.name[locale],
    date: formatDate(given.date ?? state.rollout.settings.golive, locale),
    contact,
    reason: given.reason,
    changes: given.changes,
    new_date: formatDate(given.new_date, locale),
    progress,
    next_steps: nextSteps,
    open_count: String(tasksOfPhase(playbook, phase).filter((task) => isLeaf(task) && statuses.get(task.key)!.status === 'open').length),
    lead: leads.join(', '),
  };
}

/**
 * The messages a template makes: one per channel mapped to any of its roles, in that channel's
 * language or languages, with every variable filled. Missing values are reported, never blank.
 */
export function planAnnouncement(input: PlanInput, template: MessageTemplate): Plan {
  const statuses = allStatuses(input.playbook, input.state);
  const values = new Map<Locale, Record<string, string | undefined>>();
  // Where the contact is only a closing line, the lead stands in until a contact is set.
  const leadForContact = template.optional?.includes('contact') ?? false;
  const valuesFor = (locale: Locale) => {
    if (!values.has(locale)) {
      const filled = templateValues(input, locale, statuses);
      values.set(locale, leadForContact && !filled.contact ? { ...filled, contact: filled.lead } : filled);
    }
    return values.get(locale)!;
  };

  const byChannel = new Map<string, PlannedMessage>();
  for (const mapping of input.state.channels.filter((c) => template.roles.includes(c.role))) {
    const existing = byChannel.get(mapping.channel);
    if (existing) {
      existing.roles.push(mapping.role);
      for (const l of mapping.locales) if (!existing.locales.includes(l)) existing.locales.push(l);
      continue;
    }
    byChannel.set(mapping.channel, { channel: mapping.channel, ...(mapping.name ? { channelName: mapping.name } : {}), roles: [mapping.role], locales: [...mapping.locales], text: '' });
  }

  const missing = new Set<string>();
  // Even with no channel mapped yet, the sender learns what is missing before anything else.
  const check = byChannel.size > 0 ? [...byChannel.values()] : [{ locales: [input.state.rollout.locale] } as PlannedMessage];
  for (const message of check) {
    const texts: string[] = [];
    for (const locale of message.locales) {
      const rendered = renderTemplate(template, locale, valuesFor(locale));
      if (rendered.ok) texts.push(rendered.text);
      else rendered.missing.forEach((m) => missing.add(m));
    }
    message.text = texts.join(BILINGUAL_SEPARATOR);
  }
  if (missing.size > 0) return { ok: false, missing: [...missing] };

  const mapped = new Set(input.state.channels.map((c) => c.role));
  return { ok: true, messages: [...byChannel.values()], unmapped: template.roles.filter((r) => !mapped.has(r)) };
}

/** Outbox entries for a plan: drafts wait for Send; automatic ones go straight to delivery. */
export function outboxEntries(plan: Extract<Plan, { ok: true }>, template: MessageTemplate, batch: string, status: 'draft' | 'pending', reportTo?: string): NewOutboxEntry[] {
  return plan.messages.map((m) => ({
    idempotencyKey: `${batch}:${m.channel}`,
    batch,
    kind: 'announcement' as const,
    template: template.key,
    channel: m.channel,
    locales: m.locales,
    text: m.text,
    status,
    ...(reportTo ? { reportTo } : {}),
  }));
}
