/**
 * Button action ids. The button's `value` carries the encoded BotAction; the action id says
 * what the click does on Slack's side: run the action now, or first ask for a reason in a modal.
 * A numeric suffix keeps ids unique within a message, as Slack requires.
 */
export const ACTION_KINDS = ['done', 'skip', 'undo', 'advance', 'override', 'page', 'send'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_ID_PATTERN = /^rollout\.(done|skip|undo|advance|override|page|send)(?:\.\d+)?$/;

/** Any other action id: a button left in a message by an earlier version of the bot. */
export const UNKNOWN_ACTION_PATTERN = new RegExp(`^(?!${ACTION_ID_PATTERN.source.slice(1, -1)}$)`);

/** Modals asking for a reason: not-applicable (skip) and advancing past open tasks. */
export const MODAL_CALLBACK = { skip: 'rollout.skip_reason', override: 'rollout.override_reason' } as const;

/** Any other callback id: a modal opened by an earlier version of the bot. */
export const UNKNOWN_CALLBACK_PATTERN = new RegExp(`^(?!(?:${Object.values(MODAL_CALLBACK).map((c) => c.replace('.', '\\.')).join('|')})$)`);
export const REASON_BLOCK = 'reason';
export const REASON_INPUT = 'reason_input';

export function actionId(kind: ActionKind, index: number): string {
  return `rollout.${kind}.${index}`;
}

export function actionKind(id: string): ActionKind | undefined {
  const match = ACTION_ID_PATTERN.exec(id);
  return match ? (match[1] as ActionKind) : undefined;
}

/** Which BotAction name each kind must carry; a mismatch means the value was tampered with. */
export const EXPECTED_ACTION: Record<ActionKind, string> = {
  done: 'done',
  skip: 'skip',
  undo: 'undo',
  advance: 'advance',
  override: 'advance',
  page: 'page',
  send: 'send',
};
