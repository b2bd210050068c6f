import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultTemplateDir, loadTemplates } from '../../src/comms/load-templates';
import {
  BILINGUAL_SEPARATOR,
  findTemplate,
  renderBilingual,
  renderTemplate,
  templateByKey,
} from '../../src/comms/render-template';
import { spansOf, unmarked } from '../../src/comms/given-values';
import { TEMPLATE_VARIABLES, placeholdersIn, type MessageTemplate, type TemplateSet } from '../../src/comms/template';
import { TemplateError, validateTemplates } from '../../src/comms/template-schema';
import { LOCALES } from '../../src/core/locale';
import { defaultPlaybookDir, loadPlaybooks } from '../../src/domain/load-playbooks';
import type { LoadedPlaybook } from '../../src/domain/playbook';

const PLAYBOOK_ID = 'luvat-ja-valvonta';
const SHIPPED_FILE = path.join(defaultTemplateDir(), `${PLAYBOOK_ID}.json`);

const playbooks = loadPlaybooks(defaultPlaybookDir());
const playbook = playbooks.get(PLAYBOOK_ID) as LoadedPlaybook;

function shippedSet(): TemplateSet {
  const set = loadTemplates(defaultTemplateDir(), playbooks).get(PLAYBOOK_ID);
  if (!set) throw new Error('shipped templates not loaded');
  return set;
}

/** A fresh, mutable copy of the shipped template file's JSON. */
function shippedJson(): TemplateSet {
  return JSON.parse(fs.readFileSync(SHIPPED_FILE, 'utf8')) as TemplateSet;
}

function byKey(set: TemplateSet, key: string): MessageTemplate {
  const found = templateByKey(set, key);
  if (!found) throw new Error(`no template ${key}`);
  return found;
}

const tempDirs: string[] = [];
function tempDir(files: Record<string, string | object> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'templates-test-'));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function templateError(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateError);
    return err as TemplateError;
  }
  throw new Error('expected a TemplateError');
}

/** Loads a template dir holding `data` as `bad.json`; returns the error and the file's path. */
function loadError(data: string | object): { error: TemplateError; file: string } {
  const dir = tempDir({ 'bad.json': data });
  return { error: templateError(() => loadTemplates(dir, playbooks)), file: path.join(dir, 'bad.json') };
}

function indexOf(set: TemplateSet, key: string): number {
  const i = set.templates.findIndex((t) => t.key === key);
  if (i < 0) throw new Error(`no template ${key}`);
  return i;
}

const VARS = {
  organisation: 'Esimerkkilän kaupunki',
  service: 'Luvat ja valvonta',
  rollout: 'Rakennusluvat',
  phase: 'Ota käyttöön',
  next_phase: 'Ylläpito',
  date: '2.3.2026',
  contact: 'Maija Meikäläinen',
  reason: 'Integraation testit ovat kesken',
  changes: 'Käyttöönotto siirtyy viikolla',
  new_date: '9.3.2026',
  progress: 'Selvitä ▰▰▰▰▰ 100 %\nOta käyttöön ▰▰▰▱▱ 60 %',
  next_steps: '• 3.4 Tiedonvälityksen käynnistäminen\n• 4.1 Ohjaus',
  open_count: '7',
  lead: 'Matti Meikäläinen',
};

describe('shipped templates', () => {
  it('load from the default directory and validate against the shipped playbook', () => {
    const sets = loadTemplates(defaultTemplateDir(), playbooks);
    expect([...sets.keys()]).toEqual([PLAYBOOK_ID]);
    const set = shippedSet();
    expect(set.playbook).toBe(PLAYBOOK_ID);
    expect(() => validateTemplates(shippedJson(), SHIPPED_FILE, playbook)).not.toThrow();
  });

  it('have a phase-specific phase-start and phase-complete for every phase', () => {
    const set = shippedSet();
    expect(playbook.phases.map((p) => p.key)).toEqual(['investigate', 'decide', 'plan', 'implement', 'deploy', 'sustain']);
    for (const phase of playbook.phases) {
      for (const situation of ['phase-start', 'phase-complete'] as const) {
        const t = findTemplate(set, situation, phase.key);
        expect(t?.phase).toBe(phase.key);
        expect(t?.key).toBe(`${phase.key}-${situation === 'phase-start' ? 'start' : 'complete'}`);
      }
    }
  });

  it('have the go-live trio and a deviation template for the deploy phase', () => {
    const set = shippedSet();
    for (const situation of ['golive-coming', 'golive-live-staff', 'golive-live-customers', 'deviation', 'progress'] as const) {
      expect(findTemplate(set, situation, 'deploy')?.phase).toBe('deploy');
    }
    expect(byKey(set, 'golive-coming').variables).toEqual(expect.arrayContaining(['date', 'service', 'organisation', 'contact']));
    expect(byKey(set, 'golive-live-staff').roles).toEqual(expect.arrayContaining(['staff', 'change-support', 'it']));
    expect(byKey(set, 'golive-live-customers').roles.sort()).toEqual(['communications', 'customer-service']);
    const deviation = byKey(set, 'deploy-deviation');
    expect(deviation.roles.sort()).toEqual(playbook.roles.map((r) => r.key).sort());
    expect(deviation.variables).toEqual(expect.arrayContaining(['reason', 'contact']));
    // `deviation <reason> [new date]` is enough: what changes may be told, and the new date given.
    expect(deviation.optional).toEqual(['changes', 'new_date']);
  });

  it('fall back to generic progress and deviation templates in the other phases', () => {
    const set = shippedSet();
    expect(findTemplate(set, 'progress', 'plan')?.key).toBe('progress');
    expect(findTemplate(set, 'deviation', 'implement')?.key).toBe('deviation');
    expect(findTemplate(set, 'progress', 'deploy')?.key).toBe('deploy-progress');
    expect(findTemplate(set, 'golive-coming', 'investigate')).toBeUndefined();
    const progress = byKey(set, 'progress');
    expect(progress.phase).toBeUndefined();
    for (const v of ['phase', 'progress', 'next_steps']) expect(progress.variables).toContain(v);
    expect(byKey(set, 'deploy-progress').text.fi).toContain('Ota käyttöön -vaiheen tilanne');
  });

  it('have every text complete in fi, sv and en: short chat messages without markup or placeholders', () => {
    for (const t of shippedSet().templates) {
      for (const locale of LOCALES) {
        const text = t.text[locale];
        expect(text.trim()).not.toBe('');
        const lines = text.split('\n');
        expect(lines.length).toBeGreaterThanOrEqual(2);
        expect(lines.length).toBeLessThanOrEqual(6);
        expect(lines.every((l) => l.trim() !== '')).toBe(true);
        expect(text).not.toMatch(/TODO|TBD|XXX|lorem|\*\*|__|^#|`/im);
        // Every declared variable is used, and only declared ones.
        expect(placeholdersIn(text).sort()).toEqual([...t.variables, ...(t.optional ?? [])].sort());
      }
    }
  });

  it('use the Finland-Swedish terms in Swedish', () => {
    const sv = shippedSet()
      .templates.map((t) => t.text.sv)
      .join('\n');
    expect(sv).toContain('införandet');
    expect(sv).toContain('servicedatalagret');
    expect(sv).not.toMatch(/käyttöönotto|palvelu/);
  });

  it('render every template in every language with no placeholder left', () => {
    for (const t of shippedSet().templates) {
      for (const locale of LOCALES) {
        const result = renderTemplate(t, locale, VARS);
        if (!result.ok) throw new Error(`${t.key}: missing ${result.missing.join(', ')}`);
        expect(result.text).not.toContain('{{');
        expect(result.text).not.toContain('}}');
      }
    }
  });
});

/** What a template renders to, as a person reads it: without the marks around given values. */
function render(...args: Parameters<typeof renderTemplate>): ReturnType<typeof renderTemplate> {
  const result = renderTemplate(...args);
  return result.ok ? { ok: true, text: unmarked(result.text) } : result;
}

describe('renderTemplate', () => {
  const set = shippedSet();

  it('marks the values people give as plain text on one line, and only those', () => {
    const result = renderTemplate(byKey(set, 'deploy-deviation'), 'en', { ...VARS, reason: 'Tests *late*\nsee https://evil.example', changes: 'x\uE001y' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const given = spansOf(result.text).filter((s) => s.given).map((s) => s.text);
    expect(given).toEqual(expect.arrayContaining(['Tests *late* see https://evil.example', 'xy', VARS.contact]));
    expect(spansOf(result.text).filter((s) => !s.given).map((s) => s.text).join('')).not.toContain('evil');
    const progress = renderTemplate(byKey(set, 'progress'), 'fi', VARS);
    expect(progress.ok && spansOf(progress.text).some((s) => !s.given && s.text.includes(VARS.progress))).toBe(true);
  });

  it('fills the variables', () => {
    const result = render(byKey(set, 'golive-coming'), 'fi', VARS);
    expect(result).toEqual({ ok: true, text: expect.stringContaining('Esimerkkilän kaupunki ottaa Luvat ja valvonta -palvelun käyttöön 2.3.2026.') });
    const sv = render(byKey(set, 'golive-coming'), 'sv', { ...VARS, service: 'Tillstånd och tillsyn' });
    expect(sv.ok && sv.text).toContain('inför tjänsten Tillstånd och tillsyn den 2.3.2026.');
    const customers = render(byKey(set, 'golive-live-customers'), 'en', { ...VARS, service: 'Licensing and Supervision service' });
    expect(customers.ok && customers.text).toMatch(/^📢 Esimerkkilän kaupunki: from 2\.3\.2026, .* Licensing and Supervision service\./);
  });

  it('inserts multi-line values as they are', () => {
    const result = render(byKey(set, 'progress'), 'fi', VARS);
    expect(result.ok && result.text).toContain(`${VARS.progress}\nAvoimia tehtäviä: 7. Seuraavaksi:\n${VARS.next_steps}`);
  });

  it('reports missing required variables instead of rendering them blank', () => {
    const result = render(byKey(set, 'golive-coming'), 'fi', { ...VARS, date: undefined, contact: '   ' });
    expect(result).toEqual({ ok: false, missing: ['date', 'contact'] });
    expect(render(byKey(set, 'golive-coming'), 'en', {})).toEqual({
      ok: false,
      missing: ['organisation', 'service', 'date', 'contact'],
    });
  });

  it('leaves out a line whose optional variable is missing', () => {
    const t = byKey(set, 'deploy-deviation');
    const without = render(t, 'fi', { ...VARS, new_date: undefined });
    expect(without.ok).toBe(true);
    if (!without.ok) return;
    expect(without.text).not.toContain('Uusi käyttöönottopäivä');
    expect(without.text.split('\n')).toHaveLength(t.text.fi.split('\n').length - 1);
    expect(without.text).toContain(`Syy: ${VARS.reason}\nMikä muuttuu: ${VARS.changes}\nTarkista`);

    const blank = render(t, 'sv', { ...VARS, new_date: ' ' });
    expect(blank.ok && blank.text).not.toContain('Nytt datum');

    const withDate = render(t, 'en', VARS);
    expect(withDate.ok && withDate.text).toContain('New go-live date: 9.3.2026');
  });

  it('does not expand placeholders inside values (single pass, verbatim)', () => {
    const t = byKey(set, 'deploy-deviation');
    const result = render(t, 'en', { ...VARS, reason: 'see {{contact}} and {{new_date}}', changes: '$& $1 <b>&amp;</b>' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).toContain('Reason: see {{contact}} and {{new_date}}');
    expect(result.text).toContain('What changes: $& $1 <b>&amp;</b>');
    expect(result.text).toContain(`More information: ${VARS.contact}`);
  });

  it('ignores variables the template does not use', () => {
    const t = byKey(set, 'investigate-start');
    const result = render(t, 'en', { organisation: 'City of Example', service: 'Licensing and Supervision service' });
    expect(result.ok && result.text).toMatch(/^🔎 City of Example is starting the rollout of the Licensing and Supervision service/);
    expect(result.ok && result.text).not.toContain('More information');
  });
});

describe('renderBilingual', () => {
  const set = shippedSet();

  it('joins the languages in the given order with a blank line and a separator line', () => {
    const t = byKey(set, 'golive-coming');
    const fi = renderTemplate(t, 'fi', VARS);
    const sv = renderTemplate(t, 'sv', VARS);
    if (!fi.ok || !sv.ok) throw new Error('render failed');
    expect(renderBilingual(t, ['fi', 'sv'], VARS)).toEqual({ ok: true, text: `${fi.text}\n\n———\n${sv.text}` });
    expect(BILINGUAL_SEPARATOR).toBe('\n\n———\n');
    const reversed = renderBilingual(t, ['sv', 'fi'], VARS);
    expect(reversed.ok && reversed.text.startsWith(sv.text)).toBe(true);
    expect(renderBilingual(t, ['en'], VARS)).toEqual(renderTemplate(t, 'en', VARS));
  });

  it('reports the union of the missing variables', () => {
    const t = byKey(set, 'golive-coming');
    expect(renderBilingual(t, ['fi', 'sv'], { ...VARS, date: '', contact: undefined })).toEqual({
      ok: false,
      missing: ['date', 'contact'],
    });
    // An unvalidated template whose languages differ: the union over both.
    const uneven: MessageTemplate = {
      key: 'uneven',
      situation: 'progress',
      roles: ['lead'],
      variables: [],
      text: { fi: 'Päivä {{date}}', sv: 'Kontakt {{contact}}', en: 'x' },
    };
    expect(renderBilingual(uneven, ['fi', 'sv'], {})).toEqual({ ok: false, missing: ['date', 'contact'] });
  });
});

describe('invalid template files', () => {
  it('name the file and field for an unknown variable', () => {
    const data = shippedJson();
    const i = indexOf(data, 'golive-coming');
    data.templates[i].variables.push('weather');
    const { error, file } = loadError(data);
    expect(error.file).toBe(file);
    expect(error.field).toBe(`templates.${i}.variables.4`);
    expect(error.message).toContain(file);
    expect(error.message).toContain(`templates.${i}.variables.4`);
    expect(error.message).toContain('unknown variable "weather"');
  });

  it('name the file and field for an undeclared placeholder', () => {
    const data = shippedJson();
    const i = indexOf(data, 'deploy-start');
    data.templates[i].text.sv += '\nDatum: {{date}}';
    const { error, file } = loadError(data);
    expect(error.file).toBe(file);
    expect(error.field).toBe(`templates.${i}.text.sv`);
    expect(error.message).toContain('{{date}} is not declared');
  });

  it('name a placeholder outside the vocabulary and a malformed one', () => {
    const data = shippedJson();
    data.templates[0].text.en += ' {{weather}}';
    expect(loadError(data).error.message).toContain('{{weather}} is not a known variable');
    const data2 = shippedJson();
    data2.templates[1].text.fi += ' {{ lead }}';
    const { error } = loadError(data2);
    expect(error.field).toBe('templates.1.text.fi');
    expect(error.message).toContain('malformed placeholder "{{ lead }}"');
  });

  it('name the language a declared variable is missing from', () => {
    const data = shippedJson();
    const i = indexOf(data, 'golive-coming');
    data.templates[i].text.en = data.templates[i].text.en.replace('{{date}}', 'soon');
    const { error } = loadError(data);
    expect(error.field).toBe(`templates.${i}.text.en`);
    expect(error.message).toContain('{{date}} does not appear in the text');
  });

  it('name the file and field for a missing language', () => {
    const data = shippedJson();
    delete (data.templates[2].text as Partial<Record<string, string>>).en;
    const { error, file } = loadError(data);
    expect(error.file).toBe(file);
    expect(error.field).toBe('templates.2.text.en');
    const blank = shippedJson();
    blank.templates[3].text.sv = '  ';
    expect(loadError(blank).error.field).toBe('templates.3.text.sv');
  });

  it('name the file and field for an unknown role or phase', () => {
    const data = shippedJson();
    const i = indexOf(data, 'golive-live-staff');
    data.templates[i].roles[1] = 'janitors';
    const { error, file } = loadError(data);
    expect(error.file).toBe(file);
    expect(error.field).toBe(`templates.${i}.roles.1`);
    expect(error.message).toContain('unknown role "janitors"');

    const phase = shippedJson();
    phase.templates[0].phase = 'celebrate';
    expect(loadError(phase).error.field).toBe('templates.0.phase');
  });

  it('name the file and field for a duplicate key and a duplicate situation in a phase', () => {
    const data = shippedJson();
    const i = indexOf(data, 'deviation');
    data.templates[i].key = 'golive-coming';
    const { error, file } = loadError(data);
    expect(error.file).toBe(file);
    expect(error.field).toBe(`templates.${i}.key`);
    expect(error.message).toContain('duplicate template key "golive-coming"');

    const pair = shippedJson();
    const j = indexOf(pair, 'deploy-progress');
    pair.templates[j].phase = 'plan';
    pair.templates[j].situation = 'phase-start';
    const dup = loadError(pair).error;
    expect(dup.field).toBe(`templates.${j}.phase`);
    expect(dup.message).toContain('already exists');
  });

  it('reject unknown fields, no roles, an optional variable on a line with a required one, unknown playbooks and bad JSON', () => {
    const extra = shippedJson() as unknown as { templates: Array<Record<string, unknown>> };
    extra.templates[0].title = 'x';
    expect(loadError(extra).error.field).toBe('templates.0.title');

    const noRoles = shippedJson();
    noRoles.templates[0].roles = [];
    expect(loadError(noRoles).error.field).toBe('templates.0.roles');

    const sameLine = shippedJson();
    const i = indexOf(sameLine, 'deploy-deviation');
    sameLine.templates[i].text.fi = sameLine.templates[i].text.fi.replace('{{new_date}}', '{{new_date}} ({{contact}})');
    const line = loadError(sameLine).error;
    expect(line.field).toBe(`templates.${i}.text.fi`);
    expect(line.message).toContain('shares a line');

    const unknownPlaybook = { ...shippedJson(), playbook: 'building-permits' };
    const pb = loadError(unknownPlaybook).error;
    expect(pb.field).toBe('playbook');
    expect(pb.message).toContain('unknown playbook "building-permits"');

    const { error, file } = loadError('{ "playbook": ');
    expect(error.file).toBe(file);
    expect(error.field).toBe('(root)');
    expect(error.message).toContain('malformed JSON');
  });

  it('reject two sets for one playbook', () => {
    const dir = tempDir({ 'a.json': shippedJson(), 'b.json': shippedJson() });
    const error = templateError(() => loadTemplates(dir, playbooks));
    expect(error.file).toBe(path.join(dir, 'b.json'));
    expect(error.field).toBe('playbook');
  });

  it('validates the vocabulary without a playbook too', () => {
    const data = shippedJson();
    data.templates[0].roles = ['anyone'];
    expect(validateTemplates(data, 'x.json').templates[0].roles).toEqual(['anyone']);
    expect(TEMPLATE_VARIABLES).toContain('next_steps');
  });
});

describe('overrides', () => {
  const shipped = fs.readFileSync(SHIPPED_FILE, 'utf8');

  it('change a text and the target roles without code changes', () => {
    const fi = '📣 {{organisation}}: {{service}} avautuu {{date}}. Kysy lisää: {{contact}}\nTervetuloa mukaan!';
    const overrides = tempDir({
      'local.json': {
        playbook: PLAYBOOK_ID,
        templates: [{ key: 'golive-coming', roles: ['communications', 'management'], text: { fi } }],
      },
    });
    const set = loadTemplates(defaultTemplateDir(), playbooks, overrides).get(PLAYBOOK_ID) as TemplateSet;
    const t = byKey(set, 'golive-coming');
    expect(t.text.fi).toBe(fi);
    expect(t.text.sv).toBe(byKey(shippedSet(), 'golive-coming').text.sv);
    expect(t.roles).toEqual(['communications', 'management']);
    const result = render(t, 'fi', VARS);
    expect(result.ok && result.text).toBe(
      '📣 Esimerkkilän kaupunki: Luvat ja valvonta avautuu 2.3.2026. Kysy lisää: Maija Meikäläinen\nTervetuloa mukaan!',
    );
    // The shipped file and other templates are untouched.
    expect(fs.readFileSync(SHIPPED_FILE, 'utf8')).toBe(shipped);
    expect(byKey(set, 'deploy-start')).toEqual(byKey(shippedSet(), 'deploy-start'));
    expect(loadTemplates(defaultTemplateDir(), playbooks, tempDir()).get(PLAYBOOK_ID)).toEqual(shippedSet());
  });

  it('that drop a required variable fail naming the override file and its field', () => {
    const file = 'broken.json';
    const overrides = tempDir({
      [file]: {
        playbook: PLAYBOOK_ID,
        templates: [
          { key: 'deploy-start', text: { en: '🚀 Go live starts.\nAsk {{contact}}.' } },
          { key: 'golive-coming', text: { fi: '📣 {{organisation}} ottaa {{service}} -palvelun käyttöön pian.\n{{contact}}' } },
        ],
      },
    });
    const error = templateError(() => loadTemplates(defaultTemplateDir(), playbooks, overrides));
    expect(error.file).toBe(path.join(overrides, file));
    expect(error.message).toContain(path.join(overrides, file));
    expect(error.issues.map((i) => i.field)).toEqual(['templates.0.text.en', 'templates.0.text.en', 'templates.1.text.fi']);
    expect(error.field).toBe('templates.0.text.en');
    expect(error.message).toContain('{{date}} does not appear in the text (template "golive-coming")');
  });

  it('with an unknown template key, role, field or playbook fail naming the override file', () => {
    const cases: Array<[object, string]> = [
      [{ playbook: PLAYBOOK_ID, templates: [{ key: 'golive-tomorrow', text: { fi: 'x' } }] }, 'templates.0.key'],
      [{ playbook: PLAYBOOK_ID, templates: [{ key: 'golive-coming', roles: ['janitors'] }] }, 'templates.0.roles.0'],
      [{ playbook: PLAYBOOK_ID, templates: [{ key: 'golive-coming', variables: ['date'] }] }, 'templates.0.variables'],
      [{ playbook: PLAYBOOK_ID, templates: [{ key: 'golive-coming', text: { de: 'x' } }] }, 'templates.0.text.de'],
      [{ playbook: 'building-permits', templates: [] }, 'playbook'],
    ];
    for (const [data, field] of cases) {
      const overrides = tempDir({ 'o.json': data });
      const error = templateError(() => loadTemplates(defaultTemplateDir(), playbooks, overrides));
      expect(error.file).toBe(path.join(overrides, 'o.json'));
      expect(error.field).toBe(field);
    }
  });
});
