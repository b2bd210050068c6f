import { decodeAction } from '../../src/core/action-codec';
import type { BotAction } from '../../src/core/request';
import { ACTION_VERB } from './card-elements';
import { parseToggleId } from './render-task-form';

export type CardActionResult =
  | { ok: true; action: BotAction }
  /** Save on a checklist: one action per checkbox changed (maybe none), in card order. */
  | { ok: true; batch: BotAction[] }
  /** Not ours, or tampered with. */
  | { ok: false; problem: 'invalid' };

/** More checkboxes than any phase has: a bigger Save is not from a card of ours. */
const MAX_BATCH = 100;

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The checkboxes whose value differs from the one the card was drawn with, as done/undo actions. */
function toggled(base: BotAction, data: Record<string, unknown>): CardActionResult {
  const batch: BotAction[] = [];
  for (const [id, value] of Object.entries(data)) {
    const toggle = parseToggleId(id);
    if (!toggle) continue;
    if (value !== 'true' && value !== 'false') return { ok: false, problem: 'invalid' };
    const [task, wasDone] = toggle;
    if ((value === 'true') === wasDone) continue;
    const action = decodeAction({ ...base, name: wasDone ? 'undo' : 'done', task });
    if (!action) return { ok: false, problem: 'invalid' };
    batch.push(action);
  }
  return batch.length <= MAX_BATCH ? { ok: true, batch } : { ok: false, problem: 'invalid' };
}

/**
 * Reads the value of an `adaptiveCard/action` invoke: `{ action: { type: 'Action.Execute',
 * verb: 'rollout', data: { action: '<encoded BotAction>', reasonInput?: '<input id>',
 * taskInput?: '<input id>', toggles?: '1', [input id]: '...' } } }`. Teams merges the card's input
 * values into `data` under their ids (`associatedInputs: 'auto'`): a menu's chosen task
 * (`taskInput`), a typed reason (`reasonInput`), or with `toggles` every checkbox of the card.
 * Everything is validated again: card data comes back from the client and may be tampered with.
 * A reason left blank (Teams checks `isRequired`, but only for empty fields) is passed on as no
 * reason: the core refuses it in the user's language and sends the card's view back unchanged.
 */
export function readCardAction(value: unknown): CardActionResult {
  const invoke = record(record(value)?.action);
  const data = record(invoke?.data);
  if (!invoke || invoke.type !== 'Action.Execute' || invoke.verb !== ACTION_VERB || !data) return { ok: false, problem: 'invalid' };
  if (typeof data.action !== 'string') return { ok: false, problem: 'invalid' };
  let action = decodeAction(data.action);
  if (!action) return { ok: false, problem: 'invalid' };
  if (data.toggles !== undefined) return toggled(action, data);

  if (data.taskInput !== undefined) {
    if (typeof data.taskInput !== 'string') return { ok: false, problem: 'invalid' };
    const chosen = data[data.taskInput];
    if (typeof chosen === 'string' && chosen.trim()) {
      action = decodeAction({ ...action, task: chosen.trim() });
      if (!action) return { ok: false, problem: 'invalid' };
    }
  }
  if (data.reasonInput === undefined) return { ok: true, action };

  if (typeof data.reasonInput !== 'string') return { ok: false, problem: 'invalid' };
  const typed = data[data.reasonInput];
  const reason = typeof typed === 'string' ? typed.trim() : '';
  if (!reason) return { ok: true, action };
  const withReason = decodeAction({ ...action, reason });
  return withReason ? { ok: true, action: withReason } : { ok: false, problem: 'invalid' };
}
