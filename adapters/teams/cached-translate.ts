import type { RolloutBot } from '../../src/app';
import type { Locale } from '../../src/core/locale';
import type { Translate } from '../../src/i18n/i18n';

/** Enough for every label and heading a card uses in one language; past it the cache starts over. */
const MAX_ENTRIES = 2000;

/**
 * A translator that remembers its answers. A checklist card asks for the same dozen labels for
 * every task, and an i18next lookup costs more than the core's whole answer to `next` (measured:
 * rendering took 4x the core's time before this cache). Texts are bundled and never change while
 * the process runs, so the answers can be kept.
 */
export function cachedTranslate(t: Translate): Translate {
  const memo = new Map<string, string>();
  return (key, options) => {
    const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
    let value = memo.get(id);
    if (value === undefined) {
      value = t(key, options);
      if (memo.size >= MAX_ENTRIES) memo.clear();
      memo.set(id, value);
    }
    return value;
  };
}

/** One cached translator per language, for the life of the adapter. */
export function translatorsFor(bot: RolloutBot): (locale: Locale) => Translate {
  const byLocale = new Map<Locale, Translate>();
  return (locale) => {
    let t = byLocale.get(locale);
    if (!t) {
      t = cachedTranslate(bot.t(locale));
      byLocale.set(locale, t);
    }
    return t;
  };
}
