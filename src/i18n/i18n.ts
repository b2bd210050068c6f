import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type TOptions } from 'i18next';
import { FALLBACK_LOCALE, LOCALES, type Locale } from '../core/locale';
import { projectRoot } from '../project-root';

/** Texts remembered per language: every label many times over, plus recent texts with parameters. */
const MAX_REMEMBERED = 5000;

export type Resources = Record<Locale, Record<string, Record<string, unknown>>>;

/** Translates one key for one language; `ns:key` reaches another namespace. */
export type Translate = (key: string, options?: TOptions) => string;

/** Reads every `locales/{lng}/{ns}.json` into memory: resources are bundled, never fetched. */
export function readResources(dir = path.join(projectRoot(), 'locales')): Resources {
  const resources = {} as Resources;
  for (const lng of LOCALES) {
    resources[lng] = {};
    const folder = path.join(dir, lng);
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
      resources[lng][path.basename(file, '.json')] = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
    }
  }
  return resources;
}

/**
 * `{{role, inSentence}}`: a name (or a comma-separated list of names) as it is written inside a
 * Finnish or Swedish sentence, where role names are common nouns: "roolissa viestintä",
 * "rollen kommunikation". Acronyms keep their capitals (IT ja integraatiot, PTV-pääkäyttäjä);
 * English keeps its title case.
 */
export function inSentence(value: unknown, lng: string | undefined): string {
  const text = String(value ?? '');
  if (lng !== 'fi' && lng !== 'sv') return text;
  return text
    .split(', ')
    .map((name) => (/^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLocaleLowerCase(lng) + name.slice(1) : name))
    .join(', ');
}

/** One i18next instance for the process; `t(locale)` gives a translator fixed to a language. */
export class Translations {
  private readonly instance: i18n;
  private readonly translators = new Map<Locale, Translate>();

  constructor(resources: Resources = readResources()) {
    this.instance = i18next.createInstance();
    void this.instance.init({
      resources,
      initAsync: false,
      lng: FALLBACK_LOCALE,
      fallbackLng: FALLBACK_LOCALE,
      supportedLngs: [...LOCALES],
      ns: Object.keys(resources.en),
      defaultNS: 'common',
      // Each renderer escapes for its own platform (mrkdwn, Adaptive Cards, text).
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    this.instance.services.formatter?.add('inSentence', inSentence);
  }

  /**
   * A translator fixed to one language that remembers its answers. A checklist asks for the same
   * labels on every line and the same texts on every request, an i18next lookup costs more than
   * the core's own work on a request, and the bundled texts never change while the process runs.
   */
  t(locale: Locale): Translate {
    let translator = this.translators.get(locale);
    if (!translator) {
      const translate = this.instance.getFixedT(locale) as Translate;
      const memo = new Map<string, string>();
      translator = (key, options) => {
        const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
        let text = memo.get(id);
        if (text === undefined) {
          text = translate(key, options);
          // Texts with parameters vary without end (names, dates): past the cap, start over.
          if (memo.size >= MAX_REMEMBERED) memo.clear();
          memo.set(id, text);
        }
        return text;
      };
      this.translators.set(locale, translator);
    }
    return translator;
  }
}
