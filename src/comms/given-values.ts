/**
 * Values people give (an organisation's name, a contact, a reason, a display name) go into
 * messages that the bot posts in its own name to whole channels. There they must read as plain
 * text on every platform: no emphasis, no links, no mentions, no line breaks of their own. The
 * core cannot escape for each platform, so it marks where such a value starts and ends in the
 * message text, and each platform's renderer makes the marked spans inert in its own syntax.
 * What the bot writes itself (template text, its own `<@id>` mentions) is outside the marks.
 *
 * The marks are two characters of Unicode's private use area, removed from every value first,
 * so nothing a person types can open or close a span.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKS = /[\uE000\uE001]/g;
const LINE_BREAKS = /\s*[\r\n\u2028\u2029\u0085]+\s*/g;

/** A value a person gave, on one line, marked as plain text. */
export function givenValue(value: string): string {
  return `${OPEN}${value.replace(MARKS, '').replace(LINE_BREAKS, ' ')}${CLOSE}`;
}

export interface Span {
  /** True for a value a person gave: render it as literal text. */
  given: boolean;
  text: string;
}

/** A message text in its spans, in order: the bot's own text and the values people gave. */
export function spansOf(text: string): Span[] {
  const spans: Span[] = [];
  let given = false;
  for (const part of text.split(/([\uE000\uE001])/)) {
    if (part === OPEN) given = true;
    else if (part === CLOSE) given = false;
    else if (part) spans.push({ given, text: part });
  }
  return spans;
}

/** The text without its marks: for where nothing is formatted (the console, plain text cards). */
export function unmarked(text: string): string {
  return text.replace(MARKS, '');
}
