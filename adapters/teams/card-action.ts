import { decodeAction } from '../../src/core/action-codec';
import type { BotAction } from '../../src/core/request';
import { ACTION_VERB } from './card-elements';

export type CardActionResult =
  | { ok: true; action: BotAction }
  /** Not ours, or tampered with. */
  | { ok: false; problem: 'invalid' };

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Reads the value of an `adaptiveCard/action` invoke: `{ action: { type: 'Action.Execute',
 * verb: 'rollout', data: { action: '<encoded BotAction>', reasonInput?: '<input id>', [input id]: '...' } } }`.
 * Teams merges the card's input values into `data` under their ids (`associatedInputs: 'auto'`).
 * Everything is validated again: card data comes back from the client and may be tampered with.
 * A reason left blank (Teams checks `isRequired`, but only for empty fields) is passed on as no
 * reason: the core refuses it in the user's language and sends the card's view back unchanged.
 */
export function readCardAction(value: unknown): CardActionResult {
  const invoke = record(record(value)?.action);
  const data = record(invoke?.data);
  if (!invoke || invoke.type !== 'Action.Execute' || invoke.verb !== ACTION_VERB || !data) return { ok: false, problem: 'invalid' };
  if (typeof data.action !== 'string') return { ok: false, problem: 'invalid' };
  const action = decodeAction(data.action);
  if (!action) return { ok: false, problem: 'invalid' };
  if (data.reasonInput === undefined) return { ok: true, action };

  if (typeof data.reasonInput !== 'string') return { ok: false, problem: 'invalid' };
  const typed = data[data.reasonInput];
  const reason = typeof typed === 'string' ? typed.trim() : '';
  if (!reason) return { ok: true, action };
  const withReason = decodeAction({ ...action, reason });
  return withReason ? { ok: true, action: withReason } : { ok: false, problem: 'invalid' };
}
