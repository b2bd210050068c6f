import type { LoadedPlaybook } from '../domain/playbook';
import type { RolloutState } from '../domain/rollout';
import type { Translations } from '../i18n/i18n';
import type { NewOutboxEntry } from '../ports/outbox.port';
import type { Change } from '../ports/rollout-store.port';
import { outboxEntries, planAnnouncement } from './plan-announcement';
import { findTemplate } from './render-template';
import type { Situation, TemplateSet } from './template';

export interface AutomaticInput {
  playbook: LoadedPlaybook;
  templates: TemplateSet;
  translations: Translations;
  names: Record<string, string>;
}

/** Messages for one situation in the phase the state is in, straight to delivery, under stable keys. */
function automaticEntries(input: AutomaticInput, state: RolloutState, situation: Situation, keyPrefix: string): NewOutboxEntry[] {
  // Go-live messages belong to the go-live phase but go out on the date whatever the phase is.
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

/**
 * On the go-live date: "the service is live" to staff and to customers (through customer
 * service), recorded so that it happens once; nothing if that date was already announced.
 */
export function goLiveAnnouncements(input: AutomaticInput, state: RolloutState, date: string): Change[] {
  if (state.rollout.settings[GOLIVE_ANNOUNCED] === date) return [];
  const prefix = `golive:${state.rollout.id}:${date}`;
  const entries = [
    ...automaticEntries(input, state, 'golive-live-staff', prefix),
    ...automaticEntries(input, state, 'golive-live-customers', prefix),
  ].map((entry): Change => ({ type: 'outbox.add', entry }));
  return [...entries, { type: 'rollout.setting', key: GOLIVE_ANNOUNCED, value: date }];
}

/** Every role channel's living status message is refreshed after a change. */
export function statusRefresh(state: RolloutState): Change[] {
  const channels = [...new Set(state.channels.map((c) => c.channel))];
  return channels.length ? [{ type: 'status.refresh', channels }] : [];
}
