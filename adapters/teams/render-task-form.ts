import type { BotAction } from '../../src/core/request';
import type { TaskLine } from '../../src/core/views';
import type { Translate } from '../../src/i18n/i18n';
import {
  ACTION_VERB, actionSet, container, execute, runs, shorten, userLabel, type CardAction, type CardElement, type Run,
} from './card-elements';

/**
 * Tasks as a compact form: every task the asker may check off is a checkbox (checked when done),
 * one Save button sends every change at once, and "Not applicable…" / "Reopen…" are menus that
 * ask which task (and why), instead of a row of buttons under every line. Parents have no
 * checkbox: they complete through their subtasks. A subtask shown without its parent gets the
 * parent's number and title above it, so it never seems to belong to the task above.
 */

const STATUS_ICON: Record<TaskLine['status'], string> = { open: '⬜', done: '✅', na: '➖' };
const PARENT_OPEN = '🔹';
/** Indentation of one level of subtasks, px. */
const INDENT_PX = 22;
/** A note or reason is cut to about two lines here; the full text is in `log`. */
export const NOTE_PREVIEW = 140;
/** A person's name is cut here on a task line. */
const NAME_PREVIEW = 40;
/** Longest task title inside a menu choice. */
const CHOICE_TITLE = 90;

/** A checkbox's id: the task and whether it was checked when the card was drawn, so Save sends only changes. */
export function toggleId(idPrefix: string, task: TaskLine): string {
  return `${idPrefix}task:${task.status === 'done' ? 1 : 0}:${task.key}`;
}

/** Reads a checkbox id back: `[task key, was done]`. */
export function parseToggleId(id: string): [string, boolean] | undefined {
  const match = /^(?:v\d+-)?task:([01]):([a-z0-9][a-z0-9._-]{0,99})$/i.exec(id);
  return match ? [match[2], match[1] === '1'] : undefined;
}

/** A leaf task the asker may change: it gets a checkbox (open or done) or a place in the Reopen menu (not applicable). */
export function isChangeable(task: TaskLine): boolean {
  return task.canChange && !task.hasChildren;
}

export interface FormContext {
  t: Translate;
  rolloutId: string;
  from: 'checklist' | 'next';
  /** Page of a paginated checklist, carried so the updated card stays on it. */
  page?: number;
  idPrefix: string;
}

function small(text: string): Run {
  return { text, style: { size: 'Small', isSubtle: true } };
}

/** Owner role and "conditional", after the title: playbook text only (a checkbox label may not be plain text in every client). */
function meta(task: TaskLine, t: Translate): string {
  return task.conditional ? `${task.roleName}, ${t('ui:conditional')}` : task.roleName;
}

/**
 * What people wrote, on a small line under the task, always as a TextRun (never a label that a
 * client might read as Markdown): the assignee, and the note (or a not-applicable task's reason)
 * cut to a line or two.
 */
function detailLine(task: TaskLine, t: Translate): CardElement | undefined {
  const parts: string[] = [];
  if (task.assignee) parts.push(`${t('ui:assignee')}: ${shorten(userLabel(task.assignee), NAME_PREVIEW)}`);
  if (task.due && !task.due.overdue) parts.push(task.due.text);
  const note = task.status === 'na' ? task.reason : task.note;
  if (note) parts.push(`${t(task.status === 'na' ? 'ui:reason' : 'ui:note')}: ${shorten(note, NOTE_PREVIEW)}`);
  // Overdue stands out by its icon and weight (no colour keeps its contrast on every Teams theme).
  const overdue: Run[] = task.due?.overdue ? [{ text: `⚠️ ${task.due.text}${parts.length ? ' · ' : ''}`, style: { size: 'Small', weight: 'Bolder' } }] : [];
  return parts.length > 0 || overdue.length > 0 ? runs([...overdue, ...(parts.length ? [small(parts.join(' · '))] : [])], { spacing: 'None' }) : undefined;
}

function indented(depth: number, items: CardElement[], spacing: 'None' | 'Small' | 'Medium'): CardElement {
  if (depth === 0) return container(items, { spacing });
  return {
    type: 'ColumnSet',
    spacing,
    columns: [
      { type: 'Column', width: `${depth * INDENT_PX}px`, items: [runs([{ text: ' ' }])] },
      { type: 'Column', width: 'stretch', items },
    ],
  };
}

/** Width of a checkbox and its gap, px: what goes under a checkbox's label starts where the label does. */
const CHECKBOX_PX = 26;

function underLabel(element: CardElement): CardElement {
  return {
    type: 'ColumnSet',
    spacing: 'None',
    columns: [
      { type: 'Column', width: `${CHECKBOX_PX}px`, items: [] },
      { type: 'Column', width: 'stretch', items: [element] },
    ],
  };
}

/** One task: a checkbox when the asker may check it off, else its status icon; number, title, owner; note. */
export function taskRow(task: TaskLine, f: FormContext, spacing: 'None' | 'Small' | 'Medium' = 'Small'): CardElement {
  const items: CardElement[] = [];
  if (isChangeable(task) && task.status !== 'na') {
    items.push({
      type: 'Input.Toggle',
      id: toggleId(f.idPrefix, task),
      title: `${task.ref} ${task.title} · ${meta(task, f.t)}`,
      value: task.status === 'done' ? 'true' : 'false',
      valueOn: 'true',
      valueOff: 'false',
      wrap: true,
    });
  } else {
    const icon = task.hasChildren && task.status === 'open' ? PARENT_OPEN : STATUS_ICON[task.status];
    items.push(runs([
      { text: `${icon} ` },
      { text: `${task.ref} `, style: { weight: 'Bolder' } },
      { text: task.title, style: task.hasChildren ? { weight: 'Bolder' } : {} },
      small(` · ${task.hasChildren ? parentStatus(task, f.t) : `${f.t(`ui:status_${task.status}`)}, ${meta(task, f.t)}`}`),
    ]));
  }
  const detail = detailLine(task, f.t);
  if (detail) items.push(items[0].type === 'Input.Toggle' ? underLabel(detail) : detail);
  return indented(task.depth, items, spacing);
}

/** A parent's line says it follows its subtasks, as Slack's does with its own icon. */
function parentStatus(task: TaskLine, t: Translate): string {
  return task.status === 'done' ? t('ui:status_done') : t('ui:parent_follows');
}

/**
 * Rows for a list of tasks that may skip parents (next steps, the gate): a subtask whose parent
 * is not in the list gets its parent's number and title above it, once per group.
 */
export function groupedRows(tasks: readonly TaskLine[], row: (task: TaskLine, spacing: 'Small' | 'Medium') => CardElement): CardElement[] {
  const shown = new Set(tasks.map((task) => task.key));
  const body: CardElement[] = [];
  let group: string | undefined;
  for (const task of tasks) {
    const parent = task.parent && !shown.has(task.parent.key) ? task.parent : undefined;
    if (parent && group !== parent.key) {
      body.push(runs([{ text: `${parent.ref} ${parent.title}`, style: { weight: 'Bolder', size: 'Small' } }], { spacing: 'Medium' }));
    }
    // A task after a group stands apart from it, so it does not read as one more of its subtasks.
    body.push(row(task, group && !parent ? 'Medium' : 'Small'));
    group = parent?.key;
  }
  return body;
}

function base(f: FormContext, name: BotAction['name']): BotAction {
  return { name, rolloutId: f.rolloutId, from: f.from, ...(f.page && f.page > 1 ? { page: f.page } : {}) };
}

function choices(tasks: readonly TaskLine[]) {
  return tasks.map((task) => ({ title: shorten(`${task.ref} ${task.title}`, CHOICE_TITLE), value: task.key }));
}

/** "Not applicable…" / "Reopen…": a menu of tasks, a reason when it asks for one, and a submit button. */
function taskMenu(f: FormContext, kind: 'skip' | 'undo', tasks: readonly TaskLine[]): CardAction {
  const { t } = f;
  const taskInput = `${f.idPrefix}${kind}-task`;
  const reasonInput = `${f.idPrefix}${kind}-reason`;
  const body: CardElement[] = [{
    type: 'Input.ChoiceSet',
    id: taskInput,
    label: t('ui:task_label'),
    style: 'compact',
    isRequired: true,
    errorMessage: t('teams:task_required'),
    placeholder: t('ui:task_placeholder'),
    choices: choices(tasks),
  }];
  if (kind === 'skip') {
    body.push({
      type: 'Input.Text', id: reasonInput, label: t('ui:reason_label'), placeholder: t('ui:reason_placeholder'),
      isMultiline: true, isRequired: true, errorMessage: t('teams:reason_required'), maxLength: 2000,
    });
  }
  const submit = execute(t(kind === 'skip' ? 'ui:skip_submit' : 'ui:undo'), base(f, kind), kind === 'skip' ? { reasonInput } : {});
  submit.associatedInputs = 'auto';
  (submit.data as Record<string, string>).taskInput = taskInput;
  return {
    type: 'Action.ShowCard',
    title: t(kind === 'skip' ? 'ui:skip_menu' : 'ui:undo_menu'),
    card: { type: 'AdaptiveCard', body, actions: [submit] },
  };
}

/** Save (every checkbox change at once), and the two menus when they have tasks to offer; none when nothing can change. */
export function formActions(tasks: readonly TaskLine[], f: FormContext): CardElement[] {
  const changeable = tasks.filter(isChangeable);
  const checkable = changeable.filter((task) => task.status !== 'na');
  const open = changeable.filter((task) => task.status === 'open');
  const skipped = changeable.filter((task) => task.status === 'na');
  const actions: CardAction[] = [];
  if (checkable.length > 0) {
    actions.push({
      type: 'Action.Execute',
      title: f.t('ui:save_checks'),
      verb: ACTION_VERB,
      style: 'positive',
      associatedInputs: 'auto',
      data: { action: JSON.stringify(base(f, 'done')), toggles: '1' },
    });
  }
  if (open.length > 0) actions.push(taskMenu(f, 'skip', open));
  if (skipped.length > 0) actions.push(taskMenu(f, 'undo', skipped));
  return actions.length > 0 ? [actionSet(actions, { spacing: 'Medium' })] : [];
}
