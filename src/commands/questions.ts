import type { Locale } from '../core/locale';

/** Plain questions that mean "what is the next step?", and the language each is asked in. */
const NEXT_QUESTIONS: Array<[RegExp, Locale]> = [
  [/\bwhat(?:'s| is|s)? (?:the )?next\b/, 'en'],
  [/\bnext steps?\b/, 'en'],
  [/\bwhat (?:should|do|must) (?:i|we) do\b/, 'en'],
  [/\bmitä (?:seuraavaksi|nyt)\b/, 'fi'],
  [/\bmikä (?:on )?seuraava\b/, 'fi'],
  [/\bseuraava(?:t)? (?:askel|askeleet|tehtävä|tehtävät)\b/, 'fi'],
  [/\bmitä (?:minun|meidän|pitää|pitäisi) (?:pitää |pitäisi )?tehdä\b/, 'fi'],
  [/\bvad (?:är|blir) (?:nästa|näst)\b/, 'sv'],
  [/\bnästa steg\b/, 'sv'],
  [/\bvad (?:ska|bör|måste) (?:jag|vi) göra\b/, 'sv'],
];

/** The language of a next-step question, or undefined when the text is not one. */
export function nextQuestionLocale(text: string): Locale | undefined {
  // Unicode's default lower case is Finnish and Swedish lower case (ä, ö, å), without a locale lookup.
  const folded = text.toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, ' ');
  return NEXT_QUESTIONS.find(([pattern]) => pattern.test(folded))?.[1];
}
