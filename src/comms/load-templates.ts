import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../project-root';
import { z } from 'zod';
import { KEY_PATTERN } from '../domain/playbook-schema';
import type { LocalizedText } from '../core/locale';
import type { TemplateSet } from './template';
import {
  TemplateError,
  partialLocalizedTextSchema,
  rolesSchema,
  validateTemplates,
  zodIssues,
  type Issue,
  type PlaybookKeys,
} from './template-schema';

/** An organisation's local changes to shipped templates: target roles and wording only. */
export interface TemplateOverrides {
  playbook: string;
  templates: Array<{ key: string; roles?: string[]; text?: Partial<LocalizedText> }>;
}

const keySchema = z.string().regex(KEY_PATTERN, 'must be a kebab-case key');

const overridesSchema: z.ZodType<TemplateOverrides> = z.strictObject({
  playbook: keySchema,
  templates: z.array(
    z.strictObject({
      key: keySchema,
      roles: rolesSchema.optional(),
      text: partialLocalizedTextSchema.optional(),
    }),
  ),
});

function jsonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json'))
    .map((entry) => path.join(dir, entry.name))
    .sort();
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TemplateError(file, '(root)', `malformed JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The `playbook` field of a file before validation, to pick the playbook to check against. */
function playbookOf(data: unknown): unknown {
  return typeof data === 'object' && data !== null ? (data as { playbook?: unknown }).playbook : undefined;
}

/**
 * Applies one override file to the sets loaded so far and validates the result again, so an
 * override that breaks a template (drops a required variable, names an unknown role...) fails
 * naming the override file and its own field (`templates.<i in the override>...`).
 */
function applyOverrides(
  file: string,
  data: unknown,
  sets: Map<string, TemplateSet>,
  playbooks: ReadonlyMap<string, PlaybookKeys>,
): void {
  const parsed = overridesSchema.safeParse(data);
  if (!parsed.success) throw TemplateError.of(file, zodIssues(parsed.error));
  const overrides = parsed.data;
  const set = sets.get(overrides.playbook);
  if (!set) {
    throw new TemplateError(
      file,
      'playbook',
      `no message templates for playbook "${overrides.playbook}" (loaded: ${[...sets.keys()].join(', ') || 'none'})`,
    );
  }

  const issues: Issue[] = [];
  const index = new Map(set.templates.map((t, i) => [t.key, i]));
  /** Template index in the set -> entry index in the override file. */
  const source = new Map<number, number>();
  const merged = set.templates.map((t) => ({ ...t, text: { ...t.text } }));
  overrides.templates.forEach((o, j) => {
    const i = index.get(o.key);
    if (i === undefined) {
      issues.push({
        field: `templates.${j}.key`,
        message: `unknown template key "${o.key}" (templates: ${[...index.keys()].join(', ')})`,
      });
      return;
    }
    const earlier = source.get(i);
    if (earlier !== undefined) {
      issues.push({ field: `templates.${j}.key`, message: `template "${o.key}" is overridden twice (also templates.${earlier})` });
      return;
    }
    source.set(i, j);
    if (o.roles) merged[i].roles = [...o.roles];
    if (o.text) Object.assign(merged[i].text, o.text);
  });
  if (issues.length) throw TemplateError.of(file, issues);

  try {
    sets.set(overrides.playbook, validateTemplates({ ...set, templates: merged }, file, playbooks.get(set.playbook)));
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    // The merged set's paths point into the shipped file; point them at this override's entry.
    const remapped = err.issues.map((issue) => {
      const m = /^templates\.(\d+)(\..*)?$/.exec(issue.field);
      const j = m ? source.get(Number(m[1])) : undefined;
      if (!m || j === undefined) return issue;
      return {
        field: `templates.${j}${m[2] ?? ''}`,
        message: `${issue.message} (template "${merged[Number(m[1])].key}")`,
      };
    });
    throw TemplateError.of(file, remapped);
  }
}

/**
 * Loads every `*.json` template set in `dir` (in name order) and validates it against its
 * playbook; then, when `overridesDir` is given, applies every `*.json` override file there (in
 * name order) and validates the merged sets again. Changing a message is editing a file.
 * Throws a {@link TemplateError} naming the file and field for malformed JSON, an invalid set,
 * an unknown playbook, two sets for one playbook or an invalid override.
 */
export function loadTemplates(
  dir: string,
  playbooks: ReadonlyMap<string, PlaybookKeys>,
  overridesDir?: string,
): Map<string, TemplateSet> {
  const sets = new Map<string, TemplateSet>();
  const sources = new Map<string, string>();
  for (const file of jsonFiles(dir)) {
    const data = readJson(file);
    const id = playbookOf(data);
    const playbook = typeof id === 'string' ? playbooks.get(id) : undefined;
    if (typeof id === 'string' && !playbook) {
      throw new TemplateError(
        file,
        'playbook',
        `unknown playbook "${id}" (playbooks: ${[...playbooks.keys()].join(', ') || 'none'})`,
      );
    }
    const set = validateTemplates(data, file, playbook);
    const other = sources.get(set.playbook);
    if (other !== undefined) {
      throw new TemplateError(file, 'playbook', `message templates for playbook "${set.playbook}" already in ${other}`);
    }
    sources.set(set.playbook, file);
    sets.set(set.playbook, set);
  }
  if (overridesDir !== undefined) {
    for (const file of jsonFiles(overridesDir)) applyOverrides(file, readJson(file), sets, playbooks);
  }
  return sets;
}

/**
 * The shipped templates: `src/templates` of this project, found from the nearest directory
 * above this module holding package.json (works from `src/` and from compiled `dist/src/`).
 */
export function defaultTemplateDir(): string {
  return path.join(projectRoot(), 'src', 'templates');
}
