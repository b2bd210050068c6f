import type { BotAction, BotRequest } from './request';

/* eslint-disable no-control-regex -- matching control characters is what these patterns are for */
/** Terminal escape sequences: CSI (`ESC [ … m`), OSC (`ESC ] … BEL` or `ESC ] … ESC \`), and other two-byte escapes. */
const ESCAPE_SEQUENCES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]/g;
/** C0 controls except tab and newline, DEL, and C1 controls. */
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
/* eslint-enable no-control-regex */

/**
 * What a person typed, without terminal escapes, bells and other control characters (tab and
 * newline stay), so nothing stored, echoed or announced can recolour a terminal or hide text.
 */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ESCAPE_SEQUENCES, '').replace(CONTROLS, '');
}

/** The request with every text a person gave cleaned: the command text, the action's values, the display name. */
export function cleanRequest(request: BotRequest): BotRequest {
  const cleaned: BotRequest = { ...request };
  if (request.text !== undefined) cleaned.text = cleanText(request.text);
  if (request.userName !== undefined) cleaned.userName = cleanText(request.userName);
  if (request.action) {
    const action: BotAction = { ...request.action };
    for (const key of ['task', 'reason', 'phase', 'batch'] as const) {
      const value = action[key];
      if (value !== undefined) action[key] = cleanText(value);
    }
    cleaned.action = action;
  }
  return cleaned;
}
