import type { Locale } from '../core/locale';
import { givenValue } from './given-values';
import { PLACEHOLDER_PATTERN, placeholdersIn, type MessageTemplate, type Situation, type TemplateSet } from './template';

export type RenderResult = { ok: true; text: string } | { ok: false; missing: string[] };

/** Between the languages of a bilingual message: a blank line, then a separator line. */
export const BILINGUAL_SEPARATOR = '\n\n———\n';

/** The template for a situation in a phase: the phase's own first, else the generic one. */
export function findTemplate(set: TemplateSet, situation: Situation, phase: string): MessageTemplate | undefined {
  return (
    set.templates.find((t) => t.situation === situation && t.phase === phase) ??
    set.templates.find((t) => t.situation === situation && t.phase === undefined)
  );
}

export function templateByKey(set: TemplateSet, key: string): MessageTemplate | undefined {
  return set.templates.find((t) => t.key === key);
}

const isBlank = (value: string | undefined): boolean => value === undefined || value.trim() === '';

/**
 * Variables whose values people give (typed into a command, or their display names): rendered as
 * plain text on one line on every platform. The others are written by the bot from the playbook
 * and the state (`progress` and `next_steps` span several lines on purpose).
 */
export const GIVEN_VARIABLES: ReadonlySet<string> = new Set(['organisation', 'rollout', 'contact', 'reason', 'changes', 'lead']);

/**
 * Fills a template in one language. Required variables that are undefined or blank are
 * reported (never rendered blank); a line holding a missing optional variable is left out.
 * Values go in verbatim in a single pass, so a value that itself contains `{{reason}}` is not
 * expanded again; values people give are marked (`givenValue`) so that each platform's renderer
 * shows them as plain text, on one line.
 */
export function renderTemplate(
  template: MessageTemplate,
  locale: Locale,
  vars: Readonly<Record<string, string | undefined>>,
): RenderResult {
  const text = template.text[locale];
  const optional = new Set(template.optional ?? []);
  // Declared required variables, plus any undeclared placeholder (an unvalidated template).
  const required = [...new Set([...template.variables, ...placeholdersIn(text).filter((v) => !optional.has(v))])];
  const missing = required.filter((name) => isBlank(vars[name]));
  if (missing.length) return { ok: false, missing };

  const absent = new Set([...optional].filter((name) => isBlank(vars[name])));
  const kept = text
    .split(/\r?\n/)
    .filter((line) => !placeholdersIn(line).some((name) => absent.has(name)))
    .join('\n');
  return {
    ok: true,
    text: kept.replace(PLACEHOLDER_PATTERN, (whole, name: string) => {
      const value = vars[name];
      if (value === undefined) return whole;
      return GIVEN_VARIABLES.has(name) ? givenValue(value) : value;
    }),
  };
}

/**
 * Fills a template for a channel that reads several languages: the texts in the order given,
 * joined by {@link BILINGUAL_SEPARATOR}. Missing is the union over the languages.
 */
export function renderBilingual(
  template: MessageTemplate,
  locales: readonly Locale[],
  vars: Readonly<Record<string, string | undefined>>,
): RenderResult {
  const unique = [...new Set(locales)];
  if (!unique.length) throw new RangeError(`renderBilingual: no locales for template "${template.key}"`);
  const texts: string[] = [];
  const missing: string[] = [];
  for (const locale of unique) {
    const result = renderTemplate(template, locale, vars);
    if (result.ok) texts.push(result.text);
    else for (const name of result.missing) if (!missing.includes(name)) missing.push(name);
  }
  return missing.length ? { ok: false, missing } : { ok: true, text: texts.join(BILINGUAL_SEPARATOR) };
}
