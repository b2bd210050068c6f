/** The languages every user-visible text exists in. Finnish is the last fallback. */
export const LOCALES = ['fi', 'sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const FALLBACK_LOCALE: Locale = 'fi';

/** A text in every supported language. */
export type LocalizedText = Record<Locale, string>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Maps a platform locale such as `sv-SE`, `fi_FI` or `en-GB` to a supported language. */
export function toLocale(value: string | undefined | null): Locale | undefined {
  if (!value) return undefined;
  const lang = value.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(lang) ? lang : undefined;
}
