import type { BotAction } from '../../src/core/request';
import type { TaskLine } from '../../src/core/views';
import type { Translate } from '../../src/i18n/i18n';
import {
  actionSet, container, execute, reasonShowCard, runs, text, userLabel, type CardAction, type CardElement, type Run,
} from './card-elements';

const STATUS_ICON: Record<TaskLine['status'], string> = { open: '⬜', done: '✅', na: '➖' };
const INDENT = '\u2003';

export interface TaskButtons {
  rolloutId: string;
  /** The view the buttons sit on, so the core can send it back updated; none for a reminder. */
  from?: 'checklist' | 'next';
  /** Page of a paginated checklist, carried so the updated card stays on it. */
  page?: number;
  /** Makes input ids unique within one card. */
  idPrefix: string;
}

/** One task: status, number, title, owner role, assignee, note or reason, and its buttons when `buttons` is given. */
export function renderTaskLine(task: TaskLine, t: Translate, buttons?: TaskButtons): CardElement {
  const items: CardElement[] = [
    runs([
      { text: `${INDENT.repeat(task.depth)}${STATUS_ICON[task.status]} ` },
      { text: `${task.ref} `, style: { weight: 'Bolder' } },
      { text: task.title, style: task.status === 'open' ? {} : { isSubtle: true } },
      { text: ` · ${t(`ui:status_${task.status}`)}`, style: { isSubtle: true, size: 'Small' } },
    ]),
    runs(details(task, t), { spacing: 'None' }),
  ];
  if (task.note) items.push(text(`${t('ui:note')}: ${task.note}`, { size: 'Small', italic: true }, { spacing: 'None' }));
  if (task.reason) items.push(text(`${t('ui:reason')}: ${task.reason}`, { size: 'Small', italic: true }, { spacing: 'None' }));
  const actions = buttons && task.canChange ? taskActions(task, t, buttons) : [];
  if (actions.length > 0) items.push(actionSet(actions, { spacing: 'Small' }));
  return container(items, { spacing: 'Medium' });
}

function details(task: TaskLine, t: Translate): Run[] {
  const small = { size: 'Small', isSubtle: true } as const;
  const parts: Run[] = [{ text: `${INDENT.repeat(task.depth)}${t('ui:owner')}: ${task.roleName}`, style: small }];
  if (task.assignee) parts.push({ text: ` · ${t('ui:assignee')}: ${userLabel(task.assignee)}`, style: small });
  if (task.conditional) parts.push({ text: ` · ${t('ui:conditional')}`, style: small });
  if (task.due) parts.push({ text: ` · ${task.due.overdue ? '⚠️ ' : ''}${task.due.text}`, style: task.due.overdue ? { size: 'Small', weight: 'Bolder' } : small });
  return parts;
}

function taskActions(task: TaskLine, t: Translate, b: TaskButtons): CardAction[] {
  const base: BotAction = { name: 'done', rolloutId: b.rolloutId, task: task.key, from: b.from };
  if (b.page && b.page > 1) base.page = b.page;
  if (task.status !== 'open') return [execute(t('ui:undo'), { ...base, name: 'undo' })];
  return [
    execute(t('ui:done'), base, { style: 'positive' }),
    reasonShowCard(
      {
        title: t('ui:skip'),
        label: t('ui:reason_label'),
        placeholder: t('ui:reason_placeholder'),
        submit: t('ui:submit'),
        required: t('teams:reason_required'),
      },
      { ...base, name: 'skip' },
      `${b.idPrefix}reason-${task.key}`,
    ),
  ];
}
