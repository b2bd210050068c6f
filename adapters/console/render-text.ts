import { unmarked } from '../../src/comms/given-values';
import type { Translate } from '../../src/i18n/i18n';
import type { AnnouncementView, ChannelRef, ChannelsView, ChecklistView, GateView, NextView, OutboxView, OverviewView, ProgressView, ReminderView, ScheduleView, TaskLine, UserRef, View } from '../../src/core/views';

const ICONS: Record<TaskLine['status'], string> = { open: '[ ]', done: '[x]', na: '[-]' };

/** `[██████░░░░] 6/10 (60 %)`: a progress bar readable in any terminal. */
export function progressBar(t: Translate, p: ProgressView, width = 10): string {
  const filled = Math.max(0, Math.min(width, Math.floor((p.percent * width) / 100)));
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${t('ui:progress', { ...p })}`;
}

function user(u: UserRef): string {
  return u.name ? `@${u.name}` : `@${u.id.replace(/^[a-z]+:/, '')}`;
}

function taskLine(t: Translate, task: TaskLine, indentBase = 0): string {
  const pad = '  '.repeat(task.depth - indentBase);
  const due = task.due ? `${task.due.overdue ? '⚠ ' : ''}${task.due.text}` : undefined;
  const extras = [task.roleName, task.assignee ? user(task.assignee) : undefined, task.conditional ? t('ui:conditional') : undefined, due].filter(Boolean);
  const lines = [`${pad}${ICONS[task.status]} ${task.ref} ${task.title}  (${extras.join(', ')})`];
  if (task.note) lines.push(`${pad}      ${t('ui:note')}: ${task.note}`);
  if (task.status === 'na' && task.reason) lines.push(`${pad}      ${t('ui:reason')}: ${task.reason}`);
  return lines.join('\n');
}

/** ` · target 15.3.2027` after a list's heading; a passed one marked. */
function target(value: ChecklistView['target']): string {
  return value ? ` · ${value.overdue ? '⚠ ' : ''}${value.text}` : '';
}

function checklist(t: Translate, v: ChecklistView): string {
  const heading = `${v.rolloutName} · ${t('ui:phase_heading', { number: v.phase.number, name: v.phase.name })}${v.current ? ` (${t('ui:current_phase')})` : ''}${target(v.target)}`;
  return [heading, progressBar(t, v.progress), ...v.tasks.map((task) => taskLine(t, task))].join('\n');
}

function overview(t: Translate, v: OverviewView): string {
  const width = Math.max(...v.phases.map((p) => p.name.length));
  const phases = v.phases.map((p) => {
    const marker = p.current ? '▶' : p.behind ? '!' : ' ';
    const flags = [p.behind ? t('ui:left_behind') : '', p.optional ? t('ui:optional_phase') : ''].filter(Boolean);
    return `${marker} ${p.number}. ${p.name.padEnd(width)}  ${progressBar(t, p.progress)}${flags.length ? ` (${flags.join(', ')})` : ''}`;
  });
  const roles = v.roles.map((r) => `  ${r.name}: ${t('ui:progress', { ...r.progress })}`);
  return [t('ui:overview_heading', { rollout: v.rolloutName }), ...phases, '', t('ui:by_role'), ...roles].join('\n');
}

/** A command as typed in the terminal, in the reader's language: ”tila”. */
function command(t: Translate, name: 'status' | 'phase'): string {
  return t('ui:command_quoted', { command: t(`ui:cmd_${name}`) });
}

/** Tasks of a list that may leave parents out: a subtask under its parent's number and title. */
function grouped(t: Translate, tasks: readonly TaskLine[]): string[] {
  const shown = new Set(tasks.map((task) => task.key));
  const lines: string[] = [];
  let group: string | undefined;
  for (const task of tasks) {
    const parent = task.parent && !shown.has(task.parent.key) ? task.parent : undefined;
    if (parent && group !== parent.key) lines.push(`${parent.ref} ${parent.title}`);
    group = task.parent?.key;
    lines.push(taskLine(t, task, parent ? task.depth - 1 : task.depth));
  }
  return lines;
}

function next(t: Translate, v: NextView): string {
  const heading = `${t(v.mine ? 'ui:next_mine_heading' : 'ui:next_heading', { phase: v.phase.name })}${target(v.target)}`;
  if (v.phaseComplete) return `${heading}\n${t('ui:phase_complete', { phase: v.phase.name, command: command(t, 'phase') })}`;
  if (v.tasks.length === 0) return `${heading}\n${t(v.waiting || !v.mine ? 'ui:next_none_waiting' : 'ui:next_none_mine')}`;
  const more = v.more > 0 ? [t('ui:next_more', { count: v.more, command: command(t, 'status') })] : [];
  return [heading, ...grouped(t, v.tasks), ...more].join('\n');
}

function gate(t: Translate, v: GateView): string {
  const heading = v.next
    ? t('ui:gate_heading', { phase: v.phase.name, next: v.next.name })
    : t('ui:gate_final_heading', { phase: v.phase.name });
  if (!v.next) return `${heading}\n${t('ui:gate_final')}`;
  const body = v.blockers.length > 0 ? [t('ui:gate_blockers'), ...grouped(t, v.blockers)] : [t('ui:gate_clear')];
  if (!v.canAdvance) body.push(t('ui:gate_lead_only'));
  return [heading, ...body].join('\n');
}

function channelName(c: ChannelRef): string {
  return c.name ? `#${c.name}` : c.id.replace(/^[a-z]+:/, '');
}

function channels(t: Translate, v: ChannelsView): string {
  const roles = v.roles.map((r) => `  ${r.name} (${r.key}): ${r.channels.length ? r.channels.map((c) => `${channelName(c)} (${c.locales.join(' + ')})`).join(', ') : t('ui:channels_none')}`);
  const settings = v.settings.map((s) => `  ${s.label}: ${s.value}`);
  const unmapped = v.unmapped.length ? [t('ui:channels_unmapped', { roles: v.unmapped.join(', ') }), t('ui:channels_hint')] : [];
  return [t('ui:channels_heading', { rollout: v.rolloutName }), ...roles, ...unmapped, '', t('ui:settings_heading'), ...settings].join('\n');
}

function announcement(t: Translate, v: AnnouncementView): string {
  const heading = t(v.sent ? 'ui:announcement_sent_heading' : 'ui:announcement_heading', { title: v.title });
  const targets = v.targets.map((x) => `── ${channelName(x.channel)} · ${x.roles.join(', ')} · ${x.locales.join(' + ')}\n${unmarked(x.text)}`);
  const notes = [
    ...(v.unmapped.length ? [t('ui:announcement_unmapped', { roles: v.unmapped.join(', ') })] : []),
    ...(v.targets.length === 0 ? [t('ui:announcement_no_targets')] : []),
    ...(!v.sent && v.targets.length > 0 ? [v.canSend ? t('ui:announcement_send_hint') : t('ui:announcement_lead_only')] : []),
  ];
  return [heading, ...targets, ...notes].join('\n\n');
}

function outbox(t: Translate, v: OutboxView): string {
  const lines = v.entries.map((e) => `  ${e.at.replace('T', ' ').slice(0, 16)}  ${channelName(e.channel)}  ${e.what}: ${e.status}${e.error ? ` (${e.error})` : ''}`);
  return [t('ui:outbox_heading', { rollout: v.rolloutName }), t('ui:outbox_counts', { ...v.counts }), ...(lines.length ? lines : [t('ui:outbox_empty')])].join('\n');
}

const TIMING_MARKS: Record<ScheduleView['rows'][number]['timing'], string> = { done: '✓', on_track: '·', late: '!', out_of_order: '!', unplanned: ' ' };

function schedule(t: Translate, v: ScheduleView): string {
  const rows = v.rows.map((r) => {
    const name = `${r.phase.number}. ${r.phase.name}${r.current ? ` (${t('ui:current_phase')})` : ''}`;
    const target = r.target ? `${r.target}${r.manual ? ` (${t('ui:schedule_manual')})` : ''}` : '-';
    return `  ${TIMING_MARKS[r.timing]} ${name}  ${target}  ${r.status}`;
  });
  return [t('ui:schedule_heading', { rollout: v.rolloutName }), ...rows, `${v.fits ? '' : '⚠ '}${v.summary}`].join('\n');
}

function reminder(t: Translate, v: ReminderView): string {
  const groups = v.groups.flatMap((g) => ['', g.title, ...g.tasks.map((task) => taskLine(t, { ...task, depth: 0 }))]);
  return [v.heading, ...groups, '', v.footer].join('\n');
}

/** Renders one view as plain text for a terminal. */
export function renderText(t: Translate, view: View): string {
  switch (view.kind) {
    case 'checklist':
      return checklist(t, view);
    case 'overview':
      return overview(t, view);
    case 'next':
      return next(t, view);
    case 'gate':
      return gate(t, view);
    case 'schedule':
      return schedule(t, view);
    case 'reminder':
      return reminder(t, view);
    case 'notice':
      return view.text;
    case 'error':
      return `⚠ ${view.text}${view.hint ? `\n  ${view.hint}` : ''}`;
    case 'help':
      return [view.title, view.intro, '', ...view.commands.map((c) => `  ${c.usage}\n      ${c.summary}`), '', view.footer].join('\n');
    case 'roles':
      return [t('ui:roles_heading', { rollout: view.rolloutName }), ...view.roles.map((r) => `  ${r.name} (${r.key}): ${r.members.length ? r.members.map(user).join(', ') : t('ui:no_members')}`)].join('\n');
    case 'log':
      if (view.entries.length === 0) return `${t('ui:log_heading', { rollout: view.rolloutName })}\n${t('ui:log_empty')}`;
      return [t('ui:log_heading', { rollout: view.rolloutName }), ...view.entries.map((e) => `  ${e.at.replace('T', ' ').slice(0, 16)}  ${user(e.actor)}  ${e.text}`)].join('\n');
    case 'channels':
      return channels(t, view);
    case 'announcement':
      return announcement(t, view);
    case 'outbox':
      return outbox(t, view);
  }
}
