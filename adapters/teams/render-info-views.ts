import type { ErrorView, HelpView, LogView, NoticeView, OverviewView, ProgressView, ReminderView, RolesView, ScheduleView } from '../../src/core/views';
import { renderTaskLine } from './render-task-lines';
import type { Translate } from '../../src/i18n/i18n';
import { runs, text, userLabel, type CardElement, type Run, type TextStyle } from './card-elements';
import { progressLine } from './render-rollout-views';

function heading(value: string): CardElement {
  return text(value, { size: 'Medium', weight: 'Bolder' });
}

/** A name on the left and its progress bar and count on the right, on one line. */
function progressRow(label: Run[], progress: ProgressView, t: Translate, spacing: 'Small' | 'Medium'): CardElement {
  return {
    type: 'ColumnSet',
    spacing,
    columns: [
      { type: 'Column', width: 'stretch', verticalContentAlignment: 'Center', items: [runs(label)] },
      { type: 'Column', width: 'auto', verticalContentAlignment: 'Center', items: [progressLine(progress, t, 'None')] },
    ],
  };
}

/** Every phase with its progress on one line each (current, left unfinished and optional ones marked), then progress by role. */
export function renderOverview(view: OverviewView, t: Translate): CardElement[] {
  const body: CardElement[] = [heading(t('ui:overview_heading', { rollout: view.rolloutName }))];
  for (const phase of view.phases) {
    const marks = [phase.current ? t('ui:current_phase') : '', phase.behind ? `⚠ ${t('ui:left_behind')}` : '', phase.optional ? t('ui:optional_phase') : ''].filter(Boolean);
    body.push(progressRow([
      { text: t('ui:phase_heading', { number: phase.number, name: phase.name }), style: { weight: phase.current || phase.behind ? 'Bolder' : 'Default' } },
      { text: marks.length ? ` · ${marks.join(' · ')}` : '', style: { isSubtle: true } },
    ], phase.progress, t, 'Small'));
  }
  if (view.roles.length > 0) {
    body.push(text(t('ui:by_role'), { weight: 'Bolder' }, { spacing: 'Large', separator: true }));
    for (const role of view.roles) body.push(progressRow([{ text: role.name }], role.progress, t, 'Small'));
  }
  return body;
}

const TIMING_ICONS: Record<ScheduleView['rows'][number]['timing'], string> = { done: '✅', on_track: '🟢', late: '🔴', out_of_order: '⚠️', unplanned: '⚪' };

/** One line per phase: its target date and whether it holds, then whether the whole schedule does. */
export function renderSchedule(view: ScheduleView, t: Translate): CardElement[] {
  const body: CardElement[] = [heading(t('ui:schedule_heading', { rollout: view.rolloutName }))];
  for (const row of view.rows) {
    body.push(runs([
      { text: `${TIMING_ICONS[row.timing]} ${row.phase.number}. ${row.phase.name}`, style: { weight: row.current ? 'Bolder' : 'Default' } },
      { text: row.target ? ` · ${row.target}${row.manual ? ` (${t('ui:schedule_manual')})` : ''}` : '' },
      { text: ` · ${row.status}`, style: { isSubtle: row.timing === 'done' || row.timing === 'unplanned' } },
    ], { spacing: 'Small' }));
  }
  body.push(text(`${view.fits ? '' : '⚠️ '}${view.summary}`, { weight: view.fits ? 'Default' : 'Bolder' }, { spacing: 'Medium' }));
  return body;
}

/** A person's daily reminder: per rollout their tasks with Done buttons, then what is escalated to them. */
export function renderReminder(view: ReminderView, t: Translate, idPrefix: string): CardElement[] {
  const body: CardElement[] = [heading(view.heading)];
  view.groups.forEach((group, i) => {
    body.push(text(group.title, { weight: 'Bolder' }, { spacing: 'Medium', separator: i > 0 }));
    for (const task of group.tasks) body.push(renderTaskLine(task, t, { rolloutId: group.rolloutId, idPrefix: `${idPrefix}g${i}-` }));
  });
  body.push(text(view.footer, { isSubtle: true, size: 'Small' }, { spacing: 'Medium' }));
  return body;
}

export function renderRoles(view: RolesView, t: Translate): CardElement[] {
  const body: CardElement[] = [heading(t('ui:roles_heading', { rollout: view.rolloutName }))];
  for (const role of view.roles) {
    const members = role.members.length ? role.members.map(userLabel).join(', ') : t('ui:no_members');
    body.push(runs([
      { text: `${role.name}: `, style: { weight: 'Bolder' } },
      { text: members, style: role.members.length ? {} : { isSubtle: true } },
    ], { spacing: 'Small' }));
  }
  return body;
}

/** `2026-03-01T09:30:00.000Z` -> `2026-03-01 09:30` (UTC, as recorded). */
function shortTime(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso;
}

export function renderLog(view: LogView, t: Translate): CardElement[] {
  const body: CardElement[] = [heading(t('ui:log_heading', { rollout: view.rolloutName }))];
  if (view.entries.length === 0) body.push(text(t('ui:log_empty'), { isSubtle: true }));
  for (const entry of view.entries) {
    body.push(runs([
      { text: `${shortTime(entry.at)} `, style: { isSubtle: true, fontType: 'Monospace', size: 'Small' } },
      { text: `${userLabel(entry.actor)}: `, style: { weight: 'Bolder' } },
      { text: entry.text },
    ], { spacing: 'Small' }));
  }
  return body;
}

export function renderHelp(view: HelpView): CardElement[] {
  const body: CardElement[] = [heading(view.title), text(view.intro)];
  for (const command of view.commands) {
    body.push(runs([
      { text: command.usage, style: { fontType: 'Monospace', weight: 'Bolder' } },
      { text: ` ${command.summary}` },
    ], { spacing: 'Small' }));
  }
  body.push(text(view.footer, { isSubtle: true }, { spacing: 'Medium' }));
  return body;
}

const TONE: Record<NoticeView['tone'], TextStyle> = {
  success: { weight: 'Bolder' },
  info: {},
  warning: { weight: 'Bolder' },
};

/** The core's notices mostly begin with their own icon; a warning without one gets ⚠. */
const STARTS_WITH_ICON = /^\p{Extended_Pictographic}/u;

export function renderNotice(view: NoticeView): CardElement[] {
  const icon = view.tone === 'warning' && !STARTS_WITH_ICON.test(view.text) ? '⚠ ' : '';
  return [text(`${icon}${view.text}`, TONE[view.tone])];
}

export function renderError(view: ErrorView): CardElement[] {
  const body = [text(`❌ ${view.text}`, { weight: 'Bolder' })];
  if (view.hint) body.push(text(view.hint, { isSubtle: true }, { spacing: 'None' }));
  return body;
}
