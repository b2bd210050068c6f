import type { MrkdwnElement, PlainTextElement } from './block-kit-types';
import type { ProgressView, UserRef } from '../../src/core/views';
import { spansOf } from '../../src/comms/given-values';

/** Block Kit limits we must stay under (https://docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerHomeTab: 100,
  blocksPerModal: 100,
  sectionText: 3000,
  contextText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  fallbackText: 3000,
} as const;

/**
 * Escapes text for mrkdwn. Slack parses `<...>` as mentions, links and `<!channel>`, and `&` as
 * an entity; everything a person typed goes through here so that it is shown, never parsed.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Text a person gave, as mrkdwn that shows it literally: escaped, every emphasis and code mark
 * followed by a zero-width space so none pairs up (`*bold*`, `_it_`, `~x~`, `` `c` ``), and one
 * after each `.`, `:` and `@` inside a word so that no URL, domain or address is recognised and
 * turned into a link. Slack has no escape character for any of these.
 */
export function inertMrkdwn(text: string): string {
  return escapeMrkdwn(text).replace(/[*_~`]/g, '$&\u200B').replace(/([.:@])(?=[^\s\u200B])/g, '$1\u200B');
}

/** The bot's own mentions in a message text (`<@U123>`), as the core writes them. */
const OWN_MENTION = /&lt;@([UW][A-Z0-9]{2,30})&gt;/g;

/**
 * An outbox message text (announcement, status message, failure report) as mrkdwn: the bot's own
 * text escaped with its mentions kept live, and the values people gave made inert.
 */
export function messageMrkdwn(text: string): string {
  return spansOf(text).map((s) => (s.given ? inertMrkdwn(s.text) : escapeMrkdwn(s.text).replace(OWN_MENTION, '<@$1>'))).join('');
}

/** Cuts text to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * Cuts already-escaped mrkdwn without leaving half an entity (`&am`) or half a mention (`<@U1`)
 * at the end, which Slack would show as garbage or reject.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  cut = cut.replace(/&[a-z]{0,4}$/, '').replace(/<[^>]*$/, '');
  return `${cut}…`;
}

const SLACK_USER = /^slack:([UW][A-Z0-9]{2,30})$/;

/** A user as mrkdwn: a real Slack mention for Slack ids, otherwise the escaped name. */
export function mention(user: UserRef): string {
  const native = SLACK_USER.exec(user.id);
  if (native) return `<@${native[1]}>`;
  return escapeMrkdwn(user.name ?? user.id.replace(/^[a-z]+:/, ''));
}

/** A user as plain text (headers, buttons, fallback of notifications). */
export function plainName(user: UserRef): string {
  return user.name ?? user.id.replace(/^[a-z]+:/, '');
}

const BAR_CELLS = 10;

/**
 * `▰▰▰▰▱▱▱▱▱▱`: a progress bar that reads well on every Slack client, filled from the same whole
 * percent the text beside it shows (rounded down: never full before everything is done).
 */
export function progressBar(progress: ProgressView): string {
  const full = Math.max(0, Math.min(BAR_CELLS, Math.floor(progress.percent / BAR_CELLS)));
  return '▰'.repeat(full) + '▱'.repeat(BAR_CELLS - full);
}

/** A plain_text object. Slack never parses mentions or links in plain_text, so it stays unescaped. */
export function plain(text: string, max: number = LIMITS.sectionText): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) || ' ', emoji: true };
}

/** A mrkdwn object from text that is already escaped. */
export function md(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: truncateMrkdwn(text, max) || ' ' };
}

/**
 * Splits lines of mrkdwn into chunks that each fit one text object, so long lists become
 * several sections instead of one rejected block.
 */
export function chunkLines(lines: string[], max: number = LIMITS.sectionText): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncateMrkdwn(raw, max);
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
