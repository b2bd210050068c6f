import { encodeAction } from '../../src/core/action-codec';
import type { BotAction } from '../../src/core/request';
import type { ChecklistView, NextView, TaskLine } from '../../src/core/views';
import type { Translate } from '../../src/i18n/i18n';
import { actionId, type ActionKind } from './action-ids';
import type { Button, KnownBlock } from './block-kit-types';
import { LIMITS, escapeMrkdwn, md, mention, plain, progressBar, truncate } from './mrkdwn';

/** What every renderer needs: the translator of the response's language and unique action ids. */
export interface RenderContext {
  t: Translate;
  /** A fresh number for each button, so action ids stay unique within one message. */
  nextId(): number;
}

/** A render context for one message: the translator (the core keeps labels once looked up) and block ids. */
export function renderContext(t: Translate): RenderContext {
  let n = 0;
  return { t, nextId: () => ++n };
}

/** Blocks a page of tasks may use, leaving room for headings, the pager and a notice. */
export const TASK_BLOCK_BUDGET = 36;
/** A note or reason longer than this is cut in lists; the full text is in `log`. */
const NOTE_PREVIEW = 400;

const STATUS_ICON: Record<TaskLine['status'], string> = {
  open: ':white_large_square:',
  done: ':white_check_mark:',
  na: ':heavy_minus_sign:',
};

export function button(ctx: RenderContext, kind: ActionKind, label: string, action: BotAction, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId(kind, ctx.nextId()),
    text: plain(label, LIMITS.buttonText),
    value: encodeAction(action),
    ...(style ? { style } : {}),
  };
}

/** A phase's target date on its list's context line; a passed one stands out. */
function targetText(target: NonNullable<ChecklistView['target']>): string {
  return target.overdue ? `:warning: *${escapeMrkdwn(target.text)}*` : `:calendar: ${escapeMrkdwn(target.text)}`;
}

/** One task as mrkdwn: icon, number, title, owner role, assignee, note or reason. */
export function taskText(task: TaskLine, t: Translate): string {
  // Subtasks are indented with em spaces (Slack keeps them) and marked with an arrow on their first line.
  const pad = '\u2003'.repeat(task.depth);
  const first = task.depth > 0 ? `${pad}↳ ` : '';
  const indent = task.depth > 0 ? `${pad}\u2003` : '';
  const icon = task.hasChildren && task.status === 'open' ? ':small_blue_diamond:' : STATUS_ICON[task.status];
  const conditional = task.conditional ? ` _(${escapeMrkdwn(t('ui:conditional'))})_` : '';
  const title = task.status === 'na' ? `~${escapeMrkdwn(task.title)}~` : escapeMrkdwn(task.title);
  const lines = [`${first}${icon} *${escapeMrkdwn(task.ref)}* ${title}${conditional}`];
  const meta = [`${escapeMrkdwn(t('ui:owner'))}: ${escapeMrkdwn(task.roleName)}`];
  if (task.assignee) meta.push(`${escapeMrkdwn(t('ui:assignee'))}: ${mention(task.assignee)}`);
  if (task.due && !task.due.overdue) meta.push(escapeMrkdwn(task.due.text));
  lines.push(`${indent}_${meta.join(' · ')}_${task.due?.overdue ? ` · :warning: *${escapeMrkdwn(task.due.text)}*` : ''}`);
  if (task.note) lines.push(`${indent}:memo: ${escapeMrkdwn(t('ui:note'))}: ${escapeMrkdwn(truncate(task.note, NOTE_PREVIEW))}`);
  if (task.status === 'na' && task.reason) {
    lines.push(`${indent}:speech_balloon: ${escapeMrkdwn(t('ui:reason'))}: ${escapeMrkdwn(truncate(task.reason, NOTE_PREVIEW))}`);
  }
  return lines.join('\n');
}

/** A leaf task the asker may change gets buttons; a parent follows its children. */
function isActionable(task: TaskLine): boolean {
  return task.canChange && !task.hasChildren;
}

/** How many blocks a task takes: an open actionable task needs a section and an actions row. */
export function taskBlockCost(task: TaskLine): number {
  return isActionable(task) && task.status === 'open' ? 2 : 1;
}

export function taskBlocks(ctx: RenderContext, task: TaskLine, rolloutId: string, from: BotAction['from'], page?: number): KnownBlock[] {
  const text = md(taskText(task, ctx.t));
  if (!isActionable(task)) return [{ type: 'section', text }];
  const base = { rolloutId, task: task.key, from, ...(page && page > 1 ? { page } : {}) };
  if (task.status !== 'open') {
    return [{ type: 'section', text, accessory: button(ctx, 'undo', ctx.t('ui:undo'), { name: 'undo', ...base }) }];
  }
  return [
    { type: 'section', text },
    {
      type: 'actions',
      elements: [
        button(ctx, 'done', ctx.t('ui:done'), { name: 'done', ...base }, 'primary'),
        button(ctx, 'skip', ctx.t('ui:skip'), { name: 'skip', ...base }),
      ],
    },
  ];
}

/** Splits tasks into pages that fit the block budget; always at least one (maybe empty) page. */
export function paginate(tasks: TaskLine[], budget: number = TASK_BLOCK_BUDGET): TaskLine[][] {
  const pages: TaskLine[][] = [];
  let current: TaskLine[] = [];
  let used = 0;
  for (const task of tasks) {
    const cost = taskBlockCost(task);
    if (current.length > 0 && used + cost > budget) {
      pages.push(current);
      current = [];
      used = 0;
    }
    current.push(task);
    used += cost;
  }
  pages.push(current);
  return pages;
}

function progressLine(ctx: RenderContext, view: ChecklistView): string {
  const { done, applicable, percent } = view.progress;
  return `${progressBar(view.progress)} ${escapeMrkdwn(ctx.t('ui:progress', { done, applicable, percent }))}`;
}

export function renderChecklist(ctx: RenderContext, view: ChecklistView): KnownBlock[] {
  const { t } = ctx;
  const pages = paginate(view.tasks);
  const pageNumber = Math.min(Math.max(view.page ?? 1, 1), pages.length);
  const context = [escapeMrkdwn(view.rolloutName)];
  if (view.current) context.push(`_${escapeMrkdwn(t('ui:current_phase'))}_`);
  if (view.target) context.push(targetText(view.target));
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(t('ui:phase_heading', { number: view.phase.number, name: view.phase.name }), LIMITS.headerText) },
    { type: 'context', elements: [md(context.join(' · '), LIMITS.contextText)] },
    { type: 'section', text: md(progressLine(ctx, view)) },
    { type: 'divider' },
  ];
  for (const task of pages[pageNumber - 1]) blocks.push(...taskBlocks(ctx, task, view.rolloutId, 'checklist', pageNumber));
  if (pages.length > 1) blocks.push(...pager(ctx, view, pageNumber, pages.length));
  return blocks;
}

function pager(ctx: RenderContext, view: ChecklistView, page: number, pages: number): KnownBlock[] {
  const go = (to: number) => ({ name: 'page' as const, rolloutId: view.rolloutId, phase: view.phase.key, page: to, from: 'checklist' as const });
  const elements: Button[] = [];
  if (page > 1) elements.push(button(ctx, 'page', ctx.t('ui:page_prev'), go(page - 1)));
  if (page < pages) elements.push(button(ctx, 'page', ctx.t('ui:page_next'), go(page + 1)));
  return [
    { type: 'context', elements: [md(escapeMrkdwn(ctx.t('ui:page', { page, pages })))] },
    { type: 'actions', elements },
  ];
}

/** A command as a Slack user types it, in the reader's language: `/rollout tila`. */
export function slackCommand(t: Translate, command: 'status' | 'phase'): string {
  return t('slack:command', { command: t(`ui:cmd_${command}`) });
}

/**
 * Tasks of a list that may leave parents out (next steps, the gate), each on its own, and a
 * subtask whose parent is not listed under its parent's number and title, once per group.
 */
export function groupedTasks(tasks: readonly TaskLine[], block: (task: TaskLine) => KnownBlock[]): KnownBlock[] {
  const shown = new Set(tasks.map((task) => task.key));
  const blocks: KnownBlock[] = [];
  let group: string | undefined;
  for (const task of tasks) {
    if (task.parent && !shown.has(task.parent.key) && group !== task.parent.key) {
      blocks.push({ type: 'context', elements: [md(`*${escapeMrkdwn(task.parent.ref)}* ${escapeMrkdwn(task.parent.title)}`)] });
    }
    group = task.parent?.key;
    blocks.push(...block({ ...task, depth: 0 }));
  }
  return blocks;
}

export function renderNext(ctx: RenderContext, view: NextView): KnownBlock[] {
  const { t } = ctx;
  const heading = t(view.mine ? 'ui:next_mine_heading' : 'ui:next_heading', { phase: view.phase.name });
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(heading, LIMITS.headerText) },
    { type: 'context', elements: [md([escapeMrkdwn(view.rolloutName), ...(view.target ? [targetText(view.target)] : [])].join(' · '))] },
  ];
  if (view.tasks.length === 0) {
    const key = view.phaseComplete ? 'ui:phase_complete' : view.waiting || !view.mine ? 'ui:next_none_waiting' : 'ui:next_none_mine';
    blocks.push({ type: 'section', text: md(escapeMrkdwn(t(key, { phase: view.phase.name, command: slackCommand(t, 'phase') }))) });
    return blocks;
  }
  const [shown] = paginate(view.tasks);
  blocks.push(...groupedTasks(shown, (task) => taskBlocks(ctx, task, view.rolloutId, 'next')));
  const more = view.more + view.tasks.length - shown.length;
  if (more > 0) {
    blocks.push({ type: 'context', elements: [md(escapeMrkdwn(t('ui:next_more', { count: more, command: slackCommand(t, 'status') })))] });
  }
  return blocks;
}
