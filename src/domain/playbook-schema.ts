import { z } from 'zod';
import { LOCALES, type LocalizedText } from '../core/locale';
import { ContentError, type ContentIssue } from '../core/content-error';
import type { Playbook, PlaybookTask } from './playbook';

/** Kebab-case key: lower-case letters and digits, single hyphens between words. */
export const KEY_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A playbook file that cannot be used; names the file and the offending field. */
export class PlaybookError extends ContentError {
  override readonly name = 'PlaybookError';
  constructor(file: string, field: string, message: string, issues?: ReadonlyArray<ContentIssue>) {
    super('playbook', file, field, message, issues);
  }

  static of(file: string, issues: ReadonlyArray<{ field: string; message: string }>): PlaybookError {
    return new PlaybookError(file, issues[0].field, issues[0].message, issues);
  }
}

const keySchema = z.string().regex(KEY_PATTERN, 'must be a kebab-case key (e.g. "deploy-comm-templates")');

const textSchema = z.string().trim().min(1);

const localizedTextSchema: z.ZodType<LocalizedText> = z.strictObject(
  Object.fromEntries(LOCALES.map((l) => [l, textSchema])) as Record<(typeof LOCALES)[number], typeof textSchema>,
);

const taskSchema: z.ZodType<PlaybookTask> = z.lazy(() =>
  z.strictObject({
    key: keySchema,
    title: localizedTextSchema,
    role: keySchema,
    condition: keySchema.optional(),
    after: z.array(keySchema).min(1).optional(),
    children: z.array(taskSchema).min(1).optional(),
  }),
);

const phaseSchema = z.strictObject({
  key: keySchema,
  name: localizedTextSchema,
  summary: localizedTextSchema,
  optional: z.boolean().optional(),
  leadDays: z.number().int().min(1).max(260).optional(),
  tasks: z.array(taskSchema).min(1),
});

const roleSchema = z.strictObject({
  key: keySchema,
  name: localizedTextSchema,
});

const optionSchema = z.strictObject({
  key: keySchema,
  name: localizedTextSchema,
  default: z.boolean().optional(),
});

export const playbookSchema: z.ZodType<Playbook> = z.strictObject({
  id: keySchema,
  name: localizedTextSchema,
  service: localizedTextSchema,
  roles: z.array(roleSchema).min(1),
  options: z.array(optionSchema),
  phases: z.array(phaseSchema).min(1),
});

type Issue = { field: string; message: string };

/** Dotted field path of a zod issue; an unknown key is named itself, not the object holding it. */
function fieldPath(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => String(p));
  if (issue.code === 'unrecognized_keys' && issue.keys.length) path.push(issue.keys[0]);
  return path.length ? path.join('.') : '(root)';
}

/** A task with where it sits, for the cross-reference checks. */
interface PlacedTask {
  task: PlaybookTask;
  path: string;
  phase: number;
  parent?: string;
}

function checkUnique(items: ReadonlyArray<{ key: string }>, base: string, what: string, issues: Issue[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.key);
    if (first !== undefined) {
      issues.push({ field: `${base}.${i}.key`, message: `duplicate ${what} key "${item.key}" (also ${base}.${first})` });
    } else {
      seen.set(item.key, i);
    }
  });
}

/** Checks that need the whole playbook: references, uniqueness, phase order, cycles. */
function crossCheck(pb: Playbook): Issue[] {
  const issues: Issue[] = [];
  checkUnique(pb.roles, 'roles', 'role', issues);
  checkUnique(pb.options, 'options', 'option', issues);
  checkUnique(pb.phases, 'phases', 'phase', issues);

  const roles = new Set(pb.roles.map((r) => r.key));
  const options = new Set(pb.options.map((o) => o.key));
  if (!roles.has('lead')) issues.push({ field: 'roles', message: 'the role "lead" must exist' });

  if (!pb.phases.some((p) => !p.optional)) {
    issues.push({ field: 'phases', message: 'at least one phase must be required (not optional)' });
  }
  const firstOptional = pb.phases.findIndex((p) => p.optional);
  if (firstOptional >= 0) {
    pb.phases.forEach((p, i) => {
      if (i > firstOptional && !p.optional) {
        issues.push({
          field: `phases.${i}.optional`,
          message: `required phase "${p.key}" follows optional phase "${pb.phases[firstOptional].key}"; optional phases must come last`,
        });
      }
    });
  }

  // Place every task and check keys, roles and conditions.
  const placed = new Map<string, PlacedTask>();
  const order: PlacedTask[] = [];
  const visit = (list: PlaybookTask[], base: string, phase: number, parent?: string) => {
    list.forEach((task, i) => {
      const path = `${base}.${i}`;
      const entry: PlacedTask = { task, path, phase, parent };
      order.push(entry);
      const first = placed.get(task.key);
      if (first) {
        issues.push({ field: `${path}.key`, message: `duplicate task key "${task.key}" (also ${first.path})` });
      } else {
        placed.set(task.key, entry);
      }
      if (!roles.has(task.role)) {
        issues.push({ field: `${path}.role`, message: `unknown role "${task.role}" (roles: ${[...roles].join(', ')})` });
      }
      if (task.condition !== undefined && !options.has(task.condition)) {
        issues.push({
          field: `${path}.condition`,
          message: `unknown option "${task.condition}" (options: ${[...options].join(', ') || 'none'})`,
        });
      }
      if (task.children) visit(task.children, `${path}.children`, phase, task.key);
    });
  };
  pb.phases.forEach((phase, i) => visit(phase.tasks, `phases.${i}.tasks`, i));

  // `after` references: exist, not self, not in a later phase.
  for (const entry of order) {
    (entry.task.after ?? []).forEach((dep, j) => {
      const field = `${entry.path}.after.${j}`;
      const target = placed.get(dep);
      if (dep === entry.task.key) {
        issues.push({ field, message: `task "${dep}" cannot come after itself` });
      } else if (!target) {
        issues.push({ field, message: `unknown task "${dep}"` });
      } else if (target.phase > entry.phase) {
        issues.push({ field, message: `task "${dep}" is in a later phase than "${entry.task.key}"` });
      }
    });
  }
  if (issues.length) return issues;

  // Cycles. A task waits for its `after` tasks, and a parent waits for its children, so a
  // child that comes after its own parent is a cycle too.
  const waitsFor = new Map<string, { key: string; field: string }[]>();
  for (const entry of order) {
    const edges = (entry.task.after ?? []).map((dep, j) => ({ key: dep, field: `${entry.path}.after.${j}` }));
    for (const child of entry.task.children ?? []) edges.push({ key: child.key, field: `${entry.path}.children` });
    waitsFor.set(entry.task.key, edges);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const dfs = (key: string): void => {
    state.set(key, 'visiting');
    stack.push(key);
    for (const edge of waitsFor.get(key) ?? []) {
      const s = state.get(edge.key);
      if (s === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(edge.key)), edge.key];
        const id = [...cycle.slice(0, -1)].sort().join(' ');
        if (!reported.has(id)) {
          reported.add(id);
          issues.push({ field: edge.field, message: `"after" cycle: ${cycle.join(' -> ')}` });
        }
      } else if (s === undefined) {
        dfs(edge.key);
      }
    }
    stack.pop();
    state.set(key, 'done');
  };
  for (const entry of order) if (!state.has(entry.task.key)) dfs(entry.task.key);
  return issues;
}

/**
 * Validates parsed playbook data: shape (strict, every text non-empty in every language) and
 * cross-references. Returns the playbook with texts trimmed; throws a {@link PlaybookError}.
 */
export function validatePlaybook(data: unknown, file: string): Playbook {
  const parsed = playbookSchema.safeParse(data);
  if (!parsed.success) {
    throw PlaybookError.of(
      file,
      parsed.error.issues.map((issue) => ({ field: fieldPath(issue), message: issue.message })),
    );
  }
  const issues = crossCheck(parsed.data);
  if (issues.length) throw PlaybookError.of(file, issues);
  return parsed.data;
}
