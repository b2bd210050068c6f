import type { LoadedPlaybook } from '../domain/playbook';
import type { RolloutState } from '../domain/rollout';
import type { Translations } from '../i18n/i18n';
import type { NewOutboxEntry } from '../ports/outbox.port';
import type { Change } from '../ports/rollout-store.port';
import type { Locale } from '../core/locale';
import { LEAD_ROLE } from '../domain/permissions';
import { displayDate, outboxEntries, planAnnouncement } from './plan-announcement';
import { BILINGUAL_SEPARATOR, findTemplate } from './render-template';
import type { Situation, TemplateSet } from './template';

export interface AutomaticInput {
  playbook: LoadedPlaybook;
  templates: TemplateSet;
  translations: Translations;
  names: Record<string, string>;
  /**
   * Channels that follow the rollout (where its commands are typed), for a notice to the lead
   * when neither the lead nor communications has a role channel.
   */
  followingChannels?: readonly string[];
}

/** Messages for one situation in the phase the state is in, straight to delivery, under stable keys. */
function automaticEntries(input: AutomaticInput, state: RolloutState, situation: Situation, keyPrefix: string): NewOutboxEntry[] {
  // Go-live messages belong to the go-live phase; sent anyway in another phase, they are found all the same.
  const template = findTemplate(input.templates, situation, state.rollout.phase) ?? input.templates.templates.find((t) => t.situation === situation);
  if (!template) return [];
  const plan = planAnnouncement({ ...input, state, automatic: true }, template);
  // An automatic message cannot ask anyone for a missing value; it is left out, and the lead can
  // still send it by hand with `announce`, which asks.
  if (!plan.ok) return [];
  return outboxEntries(plan, template, `${keyPrefix}:${template.key}`, 'pending');
}

/**
 * When the lead advances: "phase complete" for the phase that ends and "phase starts" for the
 * next one, to every mapped role, queued in the same transaction as the phase change. A phase
 * left with open tasks (the lead's override) is not complete, and its message would say that
 * everything in it is done: then only the start of the next phase is announced, and `withheld`
 * counts the messages that were not sent.
 */
export function phaseChangeAnnouncements(
  input: AutomaticInput,
  before: RolloutState,
  nextPhase: string,
  complete: boolean,
): { changes: Change[]; withheld: number } {
  const prefix = `phase:${before.rollout.id}:${before.rollout.phase}>${nextPhase}`;
  const after: RolloutState = { ...before, rollout: { ...before.rollout, phase: nextPhase } };
  const completed = automaticEntries(input, before, 'phase-complete', prefix);
  const entries = [...(complete ? completed : []), ...automaticEntries(input, after, 'phase-start', prefix)];
  return {
    changes: entries.map((entry) => ({ type: 'outbox.add' as const, entry })),
    withheld: complete ? 0 : completed.length,
  };
}

/** Setting that records the go-live date already announced, so a date is announced once. */
export const GOLIVE_ANNOUNCED = 'golive_announced';
/** Setting that records a go-live date whose messages were held back because of the phase. */
export const GOLIVE_HELD = 'golive_held';

/** The phase the go-live messages belong to (the go-live phase), when their templates name one. */
export function goLivePhase(templates: TemplateSet): string | undefined {
  return templates.templates.find((t) => t.situation === 'golive-live-staff' || t.situation === 'golive-live-customers')?.phase;
}

export interface GoLiveOutcome {
  changes: Change[];
  /** Messages queued to staff and customers. */
  queued: number;
  /** The rollout is not in the go-live phase: nothing went out, the lead and communications were told. */
  held: boolean;
}

/**
 * On the go-live date: "the service is live" to staff and to customers (through customer
 * service), recorded so that it happens once; nothing if that date was already announced.
 * Outside the go-live phase nothing goes to them: the lead's and communications' channels are
 * told once that the date has come in another phase, with the two ways on. `anyway` is a
 * person's explicit decision (`golive send`) to send the messages whatever the phase.
 */
export function goLiveAnnouncements(input: AutomaticInput, state: RolloutState, date: string, anyway = false): GoLiveOutcome {
  const settings = state.rollout.settings;
  if (settings[GOLIVE_ANNOUNCED] === date) return { changes: [], queued: 0, held: false };
  const phase = goLivePhase(input.templates);
  if (phase && state.rollout.phase !== phase && !anyway) {
    if (settings[GOLIVE_HELD] === date) return { changes: [], queued: 0, held: true };
    const notices = heldNotices(input, state, date, phase).map((entry): Change => ({ type: 'outbox.add', entry }));
    return { changes: [...notices, { type: 'rollout.setting', key: GOLIVE_HELD, value: date }], queued: 0, held: true };
  }
  const prefix = `golive:${state.rollout.id}:${date}`;
  const entries = [
    ...automaticEntries(input, state, 'golive-live-staff', prefix),
    ...automaticEntries(input, state, 'golive-live-customers', prefix),
  ].map((entry): Change => ({ type: 'outbox.add', entry }));
  return { changes: [...entries, { type: 'rollout.setting', key: GOLIVE_ANNOUNCED, value: date }], queued: entries.length, held: false };
}

/**
 * "The go-live date has come in phase X": to each channel of the lead and communications, in its
 * languages; without one, to the channels that follow the rollout, in the rollout's language.
 */
function heldNotices(input: AutomaticInput, state: RolloutState, date: string, goLive: string): NewOutboxEntry[] {
  const { playbook } = input;
  const channels = new Map<string, Locale[]>();
  for (const c of state.channels.filter((m) => m.role === LEAD_ROLE || m.role === 'communications')) {
    channels.set(c.channel, [...new Set([...(channels.get(c.channel) ?? []), ...c.locales])]);
  }
  if (channels.size === 0) for (const channel of input.followingChannels ?? []) channels.set(channel, [state.rollout.locale]);
  const phaseName = (key: string, locale: Locale) => playbook.phases[playbook.phaseIndex.get(key)!]?.name[locale] ?? key;
  return [...channels].map(([channel, locales]) => ({
    idempotencyKey: `golive-held:${state.rollout.id}:${date}:${channel}`,
    batch: `golive-held:${state.rollout.id}:${date}`,
    kind: 'announcement' as const,
    channel,
    locales,
    text: locales
      .map((l) => input.translations.t(l)('comms.golive_held', {
        date: displayDate(date, l), rollout: state.rollout.name, phase: phaseName(state.rollout.phase, l), golive_phase: phaseName(goLive, l),
      }))
      .join(BILINGUAL_SEPARATOR),
    status: 'pending' as const,
  }));
}

/** Every role channel's living status message is refreshed after a change. */
export function statusRefresh(state: RolloutState): Change[] {
  const channels = [...new Set(state.channels.map((c) => c.channel))];
  return channels.length ? [{ type: 'status.refresh', channels }] : [];
}
