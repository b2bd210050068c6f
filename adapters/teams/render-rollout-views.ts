import type { BotAction } from '../../src/core/request';
import type { ChecklistView, GateView, NextView, PhaseRef, ProgressView, TaskLine } from '../../src/core/views';
import type { Translate } from '../../src/i18n/i18n';
import { actionSet, execute, progressBar, reasonShowCard, runs, text, type CardAction, type CardElement, type Run } from './card-elements';
import { formActions, groupedRows, taskRow, type FormContext } from './render-task-form';
import { commandText } from './command-text';

/**
 * What a card's JSON may take: Teams refuses a message over about 28 KB, and the activity around
 * the card needs room too. A checklist gets what the other views of its card leave of it.
 */
export const CARD_BUDGET_BYTES = 24_000;
/** A checklist alone on a card (with at most a short notice): the whole go-live phase fits with room to spare. */
export const CHECKLIST_BUDGET_BYTES = 22_000;

function heading(value: string): CardElement {
  return text(value, { size: 'Medium', weight: 'Bolder' });
}

function phaseLine(phase: PhaseRef, t: Translate, current: boolean, target?: ChecklistView['target']): CardElement {
  return runs([
    { text: t('ui:phase_heading', { number: phase.number, name: phase.name }), style: { weight: 'Bolder' } },
    { text: current ? ` · ${t('ui:current_phase')}` : '', style: { isSubtle: true } },
    ...targetRuns(target),
  ], { spacing: 'Small' });
}

/** ` · target 15.3.2027`; a passed target with an icon and in bold (no colour keeps its contrast on every theme). */
function targetRuns(target: ChecklistView['target']): Run[] {
  if (!target) return [];
  return [{ text: ` · ${target.overdue ? '⚠️ ' : ''}${target.text}`, style: target.overdue ? { weight: 'Bolder' } : { isSubtle: true } }];
}

/** `▰▰▰▱▱▱▱▱▱▱  3/10 done (30 %)`: the percentage once. */
export function progressLine(progress: ProgressView, t: Translate, spacing: 'None' | 'Small' = 'Small'): CardElement {
  return runs([
    { text: `${progressBar(progress)}  `, style: { color: 'Accent' } },
    { text: t('ui:progress', { done: progress.done, applicable: progress.applicable, percent: progress.percent }), style: { isSubtle: true } },
  ], { spacing });
}

const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/**
 * The tasks of each page: the whole phase while its card fits the budget, else pages filled up
 * to it (a subtask stays on its parent's page where it can).
 */
export function checklistPages(view: ChecklistView, t: Translate, idPrefix: string, budget = CHECKLIST_BUDGET_BYTES): TaskLine[][] {
  // Measured as on a later page, whose actions carry the page number too.
  const form: FormContext = { t, rolloutId: view.rolloutId, from: 'checklist', page: 2, idPrefix };
  const whole = [...view.tasks.map((task) => taskRow(task, form)), ...formActions(view.tasks, form)];
  const fixed = 2_000; // headings, progress, pager
  if (size(whole) + fixed <= budget) return [view.tasks];
  // Each task costs its row and, at most, its place in a menu.
  const cost = (task: TaskLine) => size(taskRow(task, form)) + 160;
  const menus = size(formActions([], form)) + 2_500;
  const pages: TaskLine[][] = [];
  let current: TaskLine[] = [];
  let used = fixed + menus;
  for (const task of view.tasks) {
    const c = cost(task);
    if (current.length > 0 && used + c > budget) {
      pages.push(current);
      current = [];
      used = fixed + menus;
    }
    current.push(task);
    used += c;
  }
  pages.push(current);
  return pages;
}

/** The phase checklist: progress, every task as one line (a checkbox where the asker may check it off), Save and the menus. */
export function renderChecklist(view: ChecklistView, t: Translate, idPrefix: string, budget = CHECKLIST_BUDGET_BYTES): CardElement[] {
  const pages = checklistPages(view, t, idPrefix, budget);
  const page = Math.min(Math.max(1, view.page ?? 1), pages.length);
  const shown = pages[page - 1];
  const form: FormContext = { t, rolloutId: view.rolloutId, from: 'checklist', page, idPrefix };
  const body: CardElement[] = [
    heading(view.rolloutName),
    phaseLine(view.phase, t, view.current, view.target),
    progressLine(view.progress, t),
    ...shown.map((task, i) => taskRow(task, form, i === 0 ? 'Small' : task.depth === 0 ? 'Small' : 'None')),
    ...formActions(shown, form),
  ];
  if (pages.length > 1) {
    const go = (to: number): BotAction => ({ name: 'page', rolloutId: view.rolloutId, phase: view.phase.key, page: to, from: 'checklist' });
    const actions: CardAction[] = [];
    if (page > 1) actions.push(execute(t('ui:page_prev'), go(page - 1)));
    if (page < pages.length) actions.push(execute(t('ui:page_next'), go(page + 1)));
    body.push(text(t('ui:page', { page, pages: pages.length }), { isSubtle: true, size: 'Small' }, { separator: true }));
    body.push(actionSet(actions, { spacing: 'Small' }));
  }
  return body;
}

/** The next open tasks (of the asker's roles with `mine`), how many more there are, or why there are none. */
export function renderNext(view: NextView, t: Translate, idPrefix: string): CardElement[] {
  const body: CardElement[] = [
    heading(t(view.mine ? 'ui:next_mine_heading' : 'ui:next_heading', { phase: view.phase.name })),
    runs([{ text: view.rolloutName, style: { isSubtle: true } }, ...targetRuns(view.target)], { spacing: 'None' }),
  ];
  if (view.tasks.length === 0) {
    const why = view.phaseComplete
      ? t('ui:phase_complete', { phase: view.phase.name, command: commandText(t, 'phase') })
      : t(view.waiting || !view.mine ? 'ui:next_none_waiting' : 'ui:next_none_mine');
    body.push(text(why));
    return body;
  }
  const form: FormContext = { t, rolloutId: view.rolloutId, from: 'next', idPrefix };
  body.push(...groupedRows(view.tasks, (task, spacing) => taskRow({ ...task, depth: 0 }, form, spacing)));
  if (view.more > 0) {
    body.push(text(t('ui:next_more', { count: view.more, command: commandText(t, 'status') }), { isSubtle: true }, { spacing: 'Small' }));
  }
  body.push(...formActions(view.tasks, form));
  return body;
}

/** The phase gate: what blocks moving on, and "Advance" (with an override reason when blocked) for the lead. */
export function renderGate(view: GateView, t: Translate, idPrefix: string): CardElement[] {
  const title = view.next
    ? t('ui:gate_heading', { phase: view.phase.name, next: view.next.name })
    : t('ui:gate_final_heading', { phase: view.phase.name });
  const body: CardElement[] = [heading(title), text(view.rolloutName, { isSubtle: true }, { spacing: 'None' })];
  if (!view.next) {
    body.push(text(t('ui:gate_final')));
    return body;
  }
  const rows: FormContext = { t, rolloutId: view.rolloutId, from: 'next', idPrefix };
  if (view.blockers.length > 0) {
    body.push(text(`⛔ ${t('ui:gate_blockers')}`, { weight: 'Bolder' }));
    body.push(...groupedRows(view.blockers, (task, spacing) => taskRow({ ...task, depth: 0, canChange: false }, rows, spacing)));
  } else {
    body.push(text(`✅ ${t('ui:gate_clear')}`, { weight: 'Bolder' }));
  }
  if (!view.canAdvance) {
    body.push(text(t('ui:gate_lead_only'), { isSubtle: true }));
    return body;
  }
  const advance: BotAction = { name: 'advance', rolloutId: view.rolloutId, phase: view.phase.key, from: 'gate' };
  const button = view.blockers.length === 0
    ? execute(t('ui:advance', { phase: view.next.name }), advance, { style: 'positive' })
    : reasonShowCard(
      {
        title: t('ui:advance_override'),
        label: t('ui:reason_label'),
        placeholder: t('ui:override_placeholder'),
        submit: t('ui:advance', { phase: view.next.name }),
        required: t('teams:reason_required'),
      },
      advance,
      `${idPrefix}override`,
    );
  body.push(actionSet([button], { spacing: 'Medium' }));
  return body;
}
