import { z } from 'zod';
import { LOCALES, type Locale, type LocalizedText } from '../core/locale';
import { KEY_PATTERN } from '../domain/playbook-schema';
import { ContentError, type ContentIssue } from '../core/content-error';
import {
  PLACEHOLDER_PATTERN,
  SITUATIONS,
  TEMPLATE_VARIABLES,
  type MessageTemplate,
  type TemplateSet,
} from './template';

/** A template file (or override file) that cannot be used; names the file and the offending field. */
export class TemplateError extends ContentError {
  override readonly name = 'TemplateError';
  constructor(file: string, field: string, message: string, issues?: ReadonlyArray<ContentIssue>) {
    super('message templates', file, field, message, issues);
  }

  static of(file: string, issues: ReadonlyArray<{ field: string; message: string }>): TemplateError {
    return new TemplateError(file, issues[0].field, issues[0].message, issues);
  }
}

/** What the cross-checks need of a playbook: its phase and role keys. */
export interface PlaybookKeys {
  phases: ReadonlyArray<{ key: string }>;
  roles: ReadonlyArray<{ key: string }>;
}

export type Issue = { field: string; message: string };

const keySchema = z.string().regex(KEY_PATTERN, 'must be a kebab-case key (e.g. "deploy-start")');

const textSchema = z.string().trim().min(1);

export const localizedTextSchema: z.ZodType<LocalizedText> = z.strictObject(
  Object.fromEntries(LOCALES.map((l) => [l, textSchema])) as Record<Locale, typeof textSchema>,
);

/** Some languages of a text, each non-empty when given (overrides). */
export const partialLocalizedTextSchema: z.ZodType<Partial<LocalizedText>> = z.strictObject(
  Object.fromEntries(LOCALES.map((l) => [l, textSchema.optional()])) as Record<
    Locale,
    z.ZodOptional<typeof textSchema>
  >,
);

const variableSchema = z.enum(TEMPLATE_VARIABLES, {
  error: (issue) => `unknown variable ${JSON.stringify(issue.input)} (allowed: ${TEMPLATE_VARIABLES.join(', ')})`,
});

const situationSchema = z.enum(SITUATIONS, {
  error: (issue) => `unknown situation ${JSON.stringify(issue.input)} (situations: ${SITUATIONS.join(', ')})`,
});

export const rolesSchema = z.array(keySchema).min(1, 'at least one target role is needed');

const templateSchema: z.ZodType<MessageTemplate> = z.strictObject({
  key: keySchema,
  situation: situationSchema,
  phase: keySchema.optional(),
  roles: rolesSchema,
  variables: z.array(variableSchema),
  optional: z.array(variableSchema).optional(),
  text: localizedTextSchema,
});

export const templateSetSchema: z.ZodType<TemplateSet> = z.strictObject({
  playbook: keySchema,
  templates: z.array(templateSchema).min(1),
});

/** Dotted field path of a zod issue; an unknown key is named itself, not its object. */
export function issueField(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => String(p));
  if (issue.code === 'unrecognized_keys' && issue.keys.length) path.push(issue.keys[0]);
  return path.length ? path.join('.') : '(root)';
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({ field: issueField(issue), message: issue.message }));
}

function duplicates(values: readonly string[]): Array<{ index: number; value: string; first: number }> {
  const seen = new Map<string, number>();
  const found: Array<{ index: number; value: string; first: number }> = [];
  values.forEach((value, index) => {
    const first = seen.get(value);
    if (first !== undefined) found.push({ index, value, first });
    else seen.set(value, index);
  });
  return found;
}

const ANY_PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const EXACT_PLACEHOLDER = new RegExp(`^${PLACEHOLDER_PATTERN.source}$`);

/** Problems with the `{{...}}` placeholders of one text, against the template's declarations. */
function checkText(template: MessageTemplate, locale: Locale, field: string, issues: Issue[]): void {
  const text = template.text[locale];
  const required = new Set(template.variables);
  const optional = new Set(template.optional ?? []);

  // Anything between double braces must be exactly a declared variable name.
  const used = new Set<string>();
  for (const m of text.matchAll(ANY_PLACEHOLDER)) {
    const name = m[1];
    if (!EXACT_PLACEHOLDER.test(m[0])) {
      issues.push({ field, message: `malformed placeholder "${m[0]}" (write {{name}}, e.g. {{service}})` });
    } else if (!required.has(name) && !optional.has(name)) {
      const known = (TEMPLATE_VARIABLES as readonly string[]).includes(name);
      issues.push({
        field,
        message: known
          ? `placeholder {{${name}}} is not declared in "variables" or "optional"`
          : `placeholder {{${name}}} is not a known variable (allowed: ${TEMPLATE_VARIABLES.join(', ')})`,
      });
    } else {
      used.add(name);
    }
  }
  const rest = text.replace(ANY_PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) {
    issues.push({ field, message: 'unbalanced "{{" or "}}"' });
  }
  for (const name of [...required, ...optional]) {
    if (!used.has(name)) {
      issues.push({
        field,
        message: `declared ${required.has(name) ? 'variable' : 'optional variable'} {{${name}}} does not appear in the text`,
      });
    }
  }
  // A line is dropped when an optional variable is missing: it must not carry a required one.
  for (const line of text.split(/\r?\n/)) {
    const names = [...line.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1]);
    const opt = names.find((n) => optional.has(n));
    const req = names.find((n) => required.has(n));
    if (opt !== undefined && req !== undefined) {
      issues.push({
        field,
        message: `required {{${req}}} shares a line with optional {{${opt}}}; that line is left out when {{${opt}}} is missing, so put them on separate lines`,
      });
    }
  }
}

/** Checks that need the whole set (and the playbook, when given). */
function crossCheck(set: TemplateSet, playbook?: PlaybookKeys): Issue[] {
  const issues: Issue[] = [];
  const phases = playbook && new Set(playbook.phases.map((p) => p.key));
  const roles = playbook && new Set(playbook.roles.map((r) => r.key));

  for (const d of duplicates(set.templates.map((t) => t.key))) {
    issues.push({
      field: `templates.${d.index}.key`,
      message: `duplicate template key "${d.value}" (also templates.${d.first})`,
    });
  }
  for (const d of duplicates(set.templates.map((t) => `${t.situation} ${t.phase ?? ''}`))) {
    const t = set.templates[d.index];
    issues.push({
      field: `templates.${d.index}.${t.phase === undefined ? 'situation' : 'phase'}`,
      message: `a template for situation "${t.situation}" ${t.phase === undefined ? 'for every phase' : `in phase "${t.phase}"`} already exists (templates.${d.first}, "${set.templates[d.first].key}")`,
    });
  }

  set.templates.forEach((t, i) => {
    const base = `templates.${i}`;
    if (phases && t.phase !== undefined && !phases.has(t.phase)) {
      issues.push({ field: `${base}.phase`, message: `unknown phase "${t.phase}" (phases: ${[...phases].join(', ')})` });
    }
    t.roles.forEach((role, j) => {
      if (roles && !roles.has(role)) {
        issues.push({ field: `${base}.roles.${j}`, message: `unknown role "${role}" (roles: ${[...roles].join(', ')})` });
      }
    });
    for (const d of duplicates(t.roles)) {
      issues.push({ field: `${base}.roles.${d.index}`, message: `duplicate role "${d.value}"` });
    }
    for (const d of duplicates(t.variables)) {
      issues.push({ field: `${base}.variables.${d.index}`, message: `duplicate variable "${d.value}"` });
    }
    const optional = t.optional ?? [];
    for (const d of duplicates(optional)) {
      issues.push({ field: `${base}.optional.${d.index}`, message: `duplicate variable "${d.value}"` });
    }
    optional.forEach((name, j) => {
      if (t.variables.includes(name)) {
        issues.push({ field: `${base}.optional.${j}`, message: `"${name}" is already a required variable` });
      }
    });
    for (const locale of LOCALES) checkText(t, locale, `${base}.text.${locale}`, issues);
  });
  return issues;
}

/**
 * Validates parsed template data: shape (strict, every text non-empty in every language),
 * variables from the vocabulary, placeholders matching the declarations in every language,
 * unique keys and (situation, phase) pairs, and, when the playbook is given, its phase and
 * role keys. Returns the set with texts trimmed; throws a {@link TemplateError}.
 */
export function validateTemplates(data: unknown, file: string, playbook?: PlaybookKeys): TemplateSet {
  const parsed = templateSetSchema.safeParse(data);
  if (!parsed.success) throw TemplateError.of(file, zodIssues(parsed.error));
  const issues = crossCheck(parsed.data, playbook);
  if (issues.length) throw TemplateError.of(file, issues);
  return parsed.data;
}
