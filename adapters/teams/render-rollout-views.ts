import type { BotAction } from '../../src/core/request';
import type { ChecklistView, GateView, NextView, PhaseRef, ProgressView } from '../../src/core/views';
import type { Translate } from '../../src/i18n/i18n';
import { actionSet, execute, progressBar, reasonShowCard, runs, text, type CardAction, type CardElement } from './card-elements';
import { renderTaskLine } from './render-task-lines';

/** Tasks per checklist page: keeps a card well under Teams' ~28 KB limit with every button. */
export const CHECKLIST_PAGE_SIZE = 10;

function heading(value: string): CardElement {
  return text(value, { size: 'Medium', weight: 'Bolder' });
}

function phaseLine(phase: PhaseRef, t: Translate, current: boolean): CardElement {
  return runs([
    { text: t('ui:phase_heading', { number: phase.number, name: phase.name }), style: { weight: 'Bolder' } },
    { text: current ? ` · ${t('ui:current_phase')}` : '', style: { isSubtle: true } },
  ], { spacing: 'Small' });
}

export function progressLine(progress: ProgressView, t: Translate): CardElement {
  return runs([
    { text: `${progressBar(progress)}  `, style: { color: 'Accent' } },
    { text: t('ui:progress', { done: progress.done, applicable: progress.applicable, percent: progress.percent }), style: { isSubtle: true } },
  ], { spacing: 'Small' });
}

/** The phase checklist with status, owner, assignee, progress and buttons; paginated. */
export function renderChecklist(view: ChecklistView, t: Translate, idPrefix: string): CardElement[] {
  const pages = Math.max(1, Math.ceil(view.tasks.length / CHECKLIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, view.page ?? 1), pages);
  const shown = view.tasks.slice((page - 1) * CHECKLIST_PAGE_SIZE, page * CHECKLIST_PAGE_SIZE);
  const body: CardElement[] = [
    heading(view.rolloutName),
    phaseLine(view.phase, t, view.current),
    progressLine(view.progress, t),
    ...shown.map((task) => renderTaskLine(task, t, { rolloutId: view.rolloutId, from: 'checklist', page, idPrefix })),
  ];
  if (pages > 1) {
    const go = (to: number): BotAction => ({ name: 'page', rolloutId: view.rolloutId, phase: view.phase.key, page: to, from: 'checklist' });
    const actions: CardAction[] = [];
    if (page > 1) actions.push(execute(t('ui:page_prev'), go(page - 1)));
    if (page < pages) actions.push(execute(t('ui:page_next'), go(page + 1)));
    body.push(text(t('ui:page', { page, pages }), { isSubtle: true, size: 'Small' }, { separator: true }));
    body.push(actionSet(actions, { spacing: 'Small' }));
  }
  return body;
}

/** The next open tasks (of the asker's roles with `mine`), or why there are none. */
export function renderNext(view: NextView, t: Translate, idPrefix: string): CardElement[] {
  const body: CardElement[] = [
    heading(t(view.mine ? 'ui:next_mine_heading' : 'ui:next_heading', { phase: view.phase.name })),
    text(view.rolloutName, { isSubtle: true }, { spacing: 'None' }),
  ];
  if (view.tasks.length === 0) {
    const why = view.phaseComplete
      ? t('ui:phase_complete', { phase: view.phase.name })
      : t(view.waiting || !view.mine ? 'ui:next_none_waiting' : 'ui:next_none_mine');
    body.push(text(why));
  }
  for (const task of view.tasks) body.push(renderTaskLine(task, t, { rolloutId: view.rolloutId, from: 'next', idPrefix }));
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
  if (view.blockers.length > 0) {
    body.push(text(t('ui:gate_blockers'), { weight: 'Bolder', color: 'Warning' }));
    for (const task of view.blockers) body.push(renderTaskLine(task, t));
  } else {
    body.push(text(t('ui:gate_clear'), { color: 'Good' }));
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
