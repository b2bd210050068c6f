/** Sub-command words accepted in every language (lower case). */
export const WORDS = {
  next: ['next', 'seuraava', 'nästa'],
  override: ['override', 'ohitus', 'ohita', 'åsidosätt'],
  mine: ['mine', 'my', 'me', 'omat', 'oma', 'minun', 'mina', 'mitt', 'mig'],
  add: ['add', 'lisää', 'ny', 'lägg'],
  remove: ['remove', 'rm', 'poista', 'bort', 'ta'],
  on: ['on', 'yes', 'true', 'kyllä', 'päälle', 'ja', 'på'],
  off: ['off', 'no', 'false', 'ei', 'pois', 'nej', 'av'],
  none: ['none', '-', 'ei-ketään', 'ingen'],
  /** No date: `due <task> none`, `plan <phase> none`. */
  nodate: ['none', '-', 'ei', 'ingen', 'inget'],
} as const;

export function isWord(token: string | undefined, kind: keyof typeof WORDS): boolean {
  return token !== undefined && (WORDS[kind] as readonly string[]).includes(token.toLowerCase());
}

/** Splits off the first whitespace-separated word. */
export function splitFirst(text: string): [string, string] {
  const trimmed = text.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  return match ? [match[1], match[2].trim()] : ['', ''];
}
