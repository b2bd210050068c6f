import { ERROR_CODES } from '../../src/core/errors';
import { LOCALES } from '../../src/core/locale';
import { COMMANDS } from '../../src/commands/registry';
import { readResources, Translations } from '../../src/i18n/i18n';

const resources = readResources();

/** Every leaf key of a namespace as `ns:a.b.c` with its value. */
function flatten(value: unknown, prefix: string, out = new Map<string, unknown>()): Map<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix.endsWith(':') ? `${prefix}${k}` : `${prefix}.${k}`, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

const keys = Object.fromEntries(
  LOCALES.map((lng) => {
    const all = new Map<string, unknown>();
    for (const [ns, tree] of Object.entries(resources[lng])) flatten(tree, `${ns}:`, all);
    return [lng, all];
  }),
) as Record<(typeof LOCALES)[number], Map<string, unknown>>;

describe('translations', () => {
  it('have the same namespaces in every language', () => {
    expect(Object.keys(resources.fi).sort()).toEqual(Object.keys(resources.en).sort());
    expect(Object.keys(resources.sv).sort()).toEqual(Object.keys(resources.en).sort());
  });

  it.each(LOCALES)('%s has every key that any language has, each a non-empty string', (lng) => {
    const union = new Set(LOCALES.flatMap((l) => [...keys[l].keys()]));
    const missing = [...union].filter((k) => !keys[lng].has(k));
    const empty = [...keys[lng]].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
    expect({ missing, empty }).toEqual({ missing: [], empty: [] });
  });

  it('use the same interpolation variables in every language', () => {
    // `{{role, inSentence}}` is the variable `role` with a format.
    const vars = (s: unknown) => [...String(s).matchAll(/{{\s*(\w+)\s*(?:,[^}]*)?}}/g)].map((m) => m[1]).sort();
    const mismatched = [...keys.en.keys()].filter((k) => LOCALES.some((l) => vars(keys[l].get(k)).join() !== vars(keys.en.get(k)).join()));
    expect(mismatched).toEqual([]);
  });

  it('write plurals as _one and _other pairs', () => {
    const broken = [...keys.en.keys()].filter((k) => /_(one|other)$/.test(k) && !keys.en.has(k.replace(/_(one|other)$/, k.endsWith('_one') ? '_other' : '_one')));
    expect(broken).toEqual([]);
  });

  it('have a message and a next step for every error code', () => {
    const has = (k: string) => keys.en.has(k) || keys.en.has(`${k}_one`);
    expect(ERROR_CODES.filter((c) => !has(`common:errors.${c}`))).toEqual([]);
    expect(ERROR_CODES.filter((c) => !has(`common:hints.${c}`))).toEqual([]);
  });

  it('have usage and a summary for every registered command', () => {
    const missing = COMMANDS.flatMap((c) => [`common:commands.${c.name}.usage`, `common:commands.${c.name}.summary`]).filter((k) => !keys.en.has(k));
    expect(missing).toEqual([]);
  });

  it('are remembered without mixing up parameters, also past the number of texts kept', () => {
    const t = new Translations(resources).t('en');
    for (let i = 0; i < 2; i++) {
      expect(t('ui:progress', { done: 1, applicable: 4, percent: 25 })).toBe('1/4 done (25%)');
      expect(t('ui:progress', { done: 2, applicable: 4, percent: 50 })).toBe('2/4 done (50%)');
    }
    for (let page = 0; page < 12_000; page++) expect(t('ui:progress', { done: page, applicable: page, percent: 100 })).toBe(`${page}/${page} done (100%)`);
    expect(t('ui:progress', { done: 1, applicable: 4, percent: 25 })).toBe('1/4 done (25%)');
    expect(new Translations(resources).t('fi')('ui:progress', { done: 1, applicable: 4, percent: 25 })).not.toBe('1/4 done (25%)');
  });
});
