import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContentError } from '../../src/core/content-error';
import { defaultPlaybookDir, loadPlaybooks } from '../../src/domain/load-playbooks';
import type { Playbook } from '../../src/domain/playbook';
import { defaultTemplateDir, loadTemplates } from '../../src/comms/load-templates';
import type { TemplateSet } from '../../src/comms/template';

/**
 * Each row breaks one field of the shipped playbook or template file; start-up stops with the
 * error's message (adapters/main.ts prints it as it is), which must name the file and the field.
 */
const PLAYBOOK = 'luvat-ja-valvonta.json';
const shippedPlaybook = (): Playbook => JSON.parse(fs.readFileSync(path.join(defaultPlaybookDir(), PLAYBOOK), 'utf8'));
const shippedTemplates = (): TemplateSet => JSON.parse(fs.readFileSync(path.join(defaultTemplateDir(), PLAYBOOK), 'utf8'));
/** Puts any value where the types do not allow it: the file on disk can hold anything. */
const put = (target: object, key: string, value: unknown) => ((target as Record<string, unknown>)[key] = value);
const drop = (target: object, key: string) => delete (target as Record<string, unknown>)[key];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function write(data: unknown, raw?: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'content-'));
  dirs.push(dir);
  const file = path.join(dir, PLAYBOOK);
  fs.writeFileSync(file, raw ?? JSON.stringify(data, null, 2));
  return { dir, file };
}

function failure(load: () => unknown): ContentError {
  try {
    load();
  } catch (err) {
    if (err instanceof ContentError) return err;
    throw err;
  }
  throw new Error('the file was accepted');
}

type Row<T> = [field: string, message: string | RegExp, breakIt: (data: T) => void];

const playbookRows: Row<Playbook>[] = [
  ['id', 'kebab-case', (p) => (p.id = 'Luvat ja valvonta')],
  ['id', /expected string/, (p) => put(p, 'id', 7)],
  ['name.sv', /expected string/, (p) => drop(p.name, 'sv')],
  ['name.fi', /too_small|>=1 characters/, (p) => (p.name.fi = '   ')],
  ['service.en', /expected string/, (p) => put(p.service, 'en', null)],
  ['extra', /Unrecognized key.*"extra"/, (p) => put(p, 'extra', true)],
  ['roles', /lead/, (p) => (p.roles = p.roles.filter((r) => r.key !== 'lead'))],
  ['roles', />=1 items/, (p) => (p.roles = [])],
  ['roles.1.key', 'kebab-case', (p) => (p.roles[1].key = 'customer service')],
  ['roles.2.key', 'kebab-case', (p) => (p.roles[2].key = 'it!')],
  ['roles.2.key', 'duplicate role key "lead" (also roles.0)', (p) => (p.roles[2].key = 'lead')],
  ['roles.0.name.en', /expected string/, (p) => drop(p.roles[0].name, 'en')],
  ['options', /expected array/, (p) => drop(p, 'options')],
  ['options.1.key', 'duplicate option key "light-eservice" (also options.0)', (p) => (p.options[1].key = 'light-eservice')],
  ['options.0.key', 'kebab-case', (p) => (p.options[0].key = 'Light_eservice')],
  ['options.0.default', /expected boolean/, (p) => put(p.options[0], 'default', 'yes')],
  ['phases', />=1 items/, (p) => (p.phases = [])],
  ['phases', 'at least one phase must be required', (p) => p.phases.forEach((ph) => (ph.optional = true))],
  ['phases.1.key', 'duplicate phase key "investigate" (also phases.0)', (p) => (p.phases[1].key = 'investigate')],
  ['phases.0.key', 'kebab-case', (p) => (p.phases[0].key = 'in vestigate')],
  ['phases.2.summary.sv', /expected string/, (p) => drop(p.phases[2].summary, 'sv')],
  ['phases.0.optional', /expected boolean/, (p) => put(p.phases[0], 'optional', 1)],
  ['phases.5.optional', 'optional phases must come last', (p) => ((p.phases[4].optional = true), (p.phases[5].optional = false))],
  ['phases.3.tasks', />=1 items/, (p) => (p.phases[3].tasks = [])],
  ['phases.0.tasks.0.key', 'kebab-case', (p) => (p.phases[0].tasks[0].key = 'scope.')],
  ['phases.1.tasks.0.key', 'duplicate task key "investigate-scope" (also phases.0.tasks.0)', (p) => (p.phases[1].tasks[0].key = 'investigate-scope')],
  ['phases.0.tasks.0.title.fi', /too_small|>=1 characters/, (p) => (p.phases[0].tasks[0].title.fi = '')],
  ['phases.0.tasks.0.role', 'unknown role "auditor"', (p) => (p.phases[0].tasks[0].role = 'auditor')],
  ['phases.3.tasks.4.condition', 'unknown option "api"', (p) => (p.phases[3].tasks[4].condition = 'api')],
  ['phases.0.tasks.1.after', />=1 items/, (p) => (p.phases[0].tasks[1].after = [])],
  ['phases.0.tasks.1.after.0', 'unknown task "nowhere"', (p) => (p.phases[0].tasks[1].after = ['nowhere'])],
  ['phases.0.tasks.0.after.0', 'cannot come after itself', (p) => (p.phases[0].tasks[0].after = ['investigate-scope'])],
  ['phases.0.tasks.0.after.0', 'task "decide-process" is in a later phase than "investigate-scope"', (p) => (p.phases[0].tasks[0].after = ['decide-process'])],
  ['phases.0.tasks.1.after.0', '"after" cycle: investigate-scope -> investigate-connection -> investigate-scope', (p) => (p.phases[0].tasks[0].after = ['investigate-connection'])],
  ['phases.0.tasks.1.children.0.after.0', /"after" cycle: investigate-connection -> investigate-conn-compare -> investigate-connection/, (p) => (p.phases[0].tasks[1].children![0].after = ['investigate-connection'])],
  ['phases.0.tasks.1.children', />=1 items/, (p) => (p.phases[0].tasks[1].children = [])],
  ['phases.0.tasks.1.children.0.role', 'unknown role "nobody"', (p) => (p.phases[0].tasks[1].children![0].role = 'nobody')],
  ['phases.0.tasks.0.owner', /Unrecognized key/, (p) => put(p.phases[0].tasks[0], 'owner', 'lead')],
];

describe('a broken playbook stops start-up naming the file and the field', () => {
  it.each(playbookRows)('%s: %s', (field, message, breakIt) => {
    const data = shippedPlaybook();
    breakIt(data);
    const { dir, file } = write(data);
    const err = failure(() => loadPlaybooks(dir));
    expect(err.file).toBe(file);
    expect(err.field).toBe(field);
    const [first] = err.message.split('\n');
    expect(first.startsWith(`Invalid playbook ${file}: ${field}: `)).toBe(true);
    expect(first).toMatch(typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message);
  });

  it('names the file of malformed JSON and of a playbook id used twice', () => {
    const { dir, file } = write(undefined, '{ "id": ');
    expect(failure(() => loadPlaybooks(dir)).message).toMatch(new RegExp(`^Invalid playbook ${file}: \\(root\\): malformed JSON`));
    fs.writeFileSync(path.join(dir, PLAYBOOK), JSON.stringify(shippedPlaybook()));
    fs.writeFileSync(path.join(dir, 'other.json'), JSON.stringify(shippedPlaybook()));
    const twice = failure(() => loadPlaybooks(dir));
    expect(twice.message).toBe(`Invalid playbook ${path.join(dir, 'other.json')}: id: duplicate playbook id "luvat-ja-valvonta" (also in ${file})`);
  });
});

const templateRows: Row<TemplateSet>[] = [
  ['playbook', 'unknown playbook "other" (playbooks: luvat-ja-valvonta)', (t) => (t.playbook = 'other')],
  ['playbook', /expected string/, (t) => put(t, 'playbook', 3)],
  ['templates', />=1 items/, (t) => (t.templates = [])],
  ['extra', /Unrecognized key/, (t) => put(t, 'extra', 1)],
  ['templates.0.key', 'kebab-case', (t) => (t.templates[0].key = 'Investigate start')],
  ['templates.1.key', 'duplicate template key "investigate-start" (also templates.0)', (t) => (t.templates[1].key = 'investigate-start')],
  ['templates.0.situation', 'unknown situation "kickoff"', (t) => put(t.templates[0], 'situation', 'kickoff')],
  ['templates.1.phase', /already exists \(templates\.0, "investigate-start"\)/, (t) => (t.templates[1].situation = 'phase-start')],
  ['templates.0.phase', 'unknown phase "pilot"', (t) => (t.templates[0].phase = 'pilot')],
  ['templates.0.roles', 'at least one target role is needed', (t) => (t.templates[0].roles = [])],
  ['templates.0.roles.1', 'unknown role "press"', (t) => (t.templates[0].roles[1] = 'press')],
  ['templates.0.roles.1', 'duplicate role "management"', (t) => (t.templates[0].roles[1] = 'management')],
  ['templates.0.variables.0', 'unknown variable "company"', (t) => put(t.templates[0].variables, '0', 'company')],
  ['templates.0.variables.1', 'duplicate variable "organisation"', (t) => (t.templates[0].variables = ['organisation', 'organisation', 'service'])],
  ['templates.0.optional.0', '"service" is already a required variable', (t) => (t.templates[0].optional = ['service'])],
  ['templates.0.text.sv', /expected string/, (t) => drop(t.templates[0].text, 'sv')],
  ['templates.0.text.en', 'declared variable {{service}} does not appear in the text', (t) => (t.templates[0].text.en = t.templates[0].text.en.replace('{{service}}', 'service'))],
  ['templates.0.text.fi', 'placeholder {{date}} is not declared', (t) => (t.templates[0].text.fi += ' {{date}}')],
  ['templates.0.text.fi', 'placeholder {{when}} is not a known variable', (t) => (t.templates[0].text.fi += ' {{when}}')],
  ['templates.0.text.sv', 'malformed placeholder "{{ service }}"', (t) => (t.templates[0].text.sv = t.templates[0].text.sv.replace('{{service}}', '{{service}} {{ service }}'))],
  ['templates.0.text.en', 'unbalanced "{{" or "}}"', (t) => (t.templates[0].text.en += ' {{')],
  ['templates.0.text.en', 'required {{service}} shares a line with optional {{contact}}', (t) => (t.templates[0].text.en += ' {{service}}')],
];

describe('a broken template file stops start-up naming the file and the field', () => {
  const playbooks = loadPlaybooks(defaultPlaybookDir());

  it.each(templateRows)('%s: %s', (field, message, breakIt) => {
    const data = shippedTemplates();
    breakIt(data);
    const { dir, file } = write(data);
    const err = failure(() => loadTemplates(dir, playbooks));
    expect(err.file).toBe(file);
    expect(err.field).toBe(field);
    const [first] = err.message.split('\n');
    expect(first.startsWith(`Invalid message templates ${file}: ${field}: `)).toBe(true);
    expect(first).toMatch(typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message);
  });
});
