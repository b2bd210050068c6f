import type { ErrorView, GateView, HelpView, LogView, NoticeView, OverviewView, ReminderView, RolesView, ScheduleView } from '../../src/core/views';
import type { KnownBlock } from './block-kit-types';
import { LIMITS, chunkLines, escapeMrkdwn, md, mention, plain, progressBar, truncate } from './mrkdwn';
import { button, groupedTasks, taskBlocks, taskText, type RenderContext } from './render-tasks';

/** Lines of mrkdwn as as many sections as they need (3000 characters each). */
function sections(lines: string[]): KnownBlock[] {
  return chunkLines(lines).map((text) => ({ type: 'section', text: md(text) }));
}

export function renderGate(ctx: RenderContext, view: GateView): KnownBlock[] {
  const { t } = ctx;
  const heading = view.next
    ? t('ui:gate_heading', { phase: view.phase.name, next: view.next.name })
    : t('ui:gate_final_heading', { phase: view.phase.name });
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(heading, LIMITS.headerText) },
    { type: 'context', elements: [md(escapeMrkdwn(view.rolloutName))] },
  ];
  if (view.blockers.length > 0) {
    blocks.push({ type: 'section', text: md(`:no_entry: ${escapeMrkdwn(t('ui:gate_blockers'))}`) });
    blocks.push(...groupedTasks(view.blockers, (task) => [{ type: 'section', text: md(taskText(task, t)) }]));
  } else if (view.next) {
    blocks.push({ type: 'section', text: md(`:large_green_circle: ${escapeMrkdwn(t('ui:gate_clear'))}`) });
  }
  if (!view.next) {
    blocks.push({ type: 'section', text: md(escapeMrkdwn(t('ui:gate_final'))) });
    return blocks;
  }
  if (view.canAdvance) {
    const action = { name: 'advance' as const, rolloutId: view.rolloutId, phase: view.phase.key, from: 'gate' as const };
    // With blockers the lead must say why; the button then opens a modal asking for the reason.
    const advance =
      view.blockers.length > 0
        ? button(ctx, 'override', t('ui:advance_override'), action, 'danger')
        : button(ctx, 'advance', t('ui:advance', { phase: view.next.name }), action, 'primary');
    blocks.push({ type: 'actions', elements: [advance] });
  } else {
    blocks.push({ type: 'context', elements: [md(escapeMrkdwn(t('ui:gate_lead_only')))] });
  }
  return blocks;
}

export function renderOverview(ctx: RenderContext, view: OverviewView): KnownBlock[] {
  const { t } = ctx;
  const phaseLines = view.phases.map((p) => {
    const finished = p.progress.applicable > 0 && p.progress.done === p.progress.applicable;
    const icon = p.current ? ':arrow_forward:' : p.behind ? ':warning:' : finished ? ':white_check_mark:' : ':white_large_square:';
    const flags = [p.current ? t('ui:current_phase') : '', p.behind ? t('ui:left_behind') : '', p.optional ? t('ui:optional_phase') : ''].filter(Boolean);
    const suffix = flags.length ? ` _(${escapeMrkdwn(flags.join(', '))})_` : '';
    const progress = escapeMrkdwn(t('ui:progress', { ...p.progress }));
    return `${icon} *${p.number}. ${escapeMrkdwn(p.name)}*${suffix}\n${progressBar(p.progress)} ${progress}`;
  });
  const roleLines = view.roles.map((r) => `• *${escapeMrkdwn(r.name)}*: ${escapeMrkdwn(t('ui:progress', { ...r.progress }))}`);
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(t('ui:overview_heading', { rollout: view.rolloutName }), LIMITS.headerText) },
    ...sections(phaseLines),
  ];
  if (roleLines.length > 0) {
    blocks.push({ type: 'divider' }, { type: 'section', text: md(`*${escapeMrkdwn(t('ui:by_role'))}*`) }, ...sections(roleLines));
  }
  return blocks;
}

const TIMING_EMOJI: Record<ScheduleView['rows'][number]['timing'], string> = {
  done: ':white_check_mark:', on_track: ':large_green_circle:', late: ':red_circle:', out_of_order: ':warning:', unplanned: ':white_circle:',
};

/** One line per phase: its target date and whether it holds, then whether the whole schedule does. */
export function renderSchedule(ctx: RenderContext, view: ScheduleView): KnownBlock[] {
  const { t } = ctx;
  const lines = view.rows.map((r) => {
    const name = escapeMrkdwn(`${r.phase.number}. ${r.phase.name}`);
    const target = r.target ? ` · ${escapeMrkdwn(r.target)}${r.manual ? ` _(${escapeMrkdwn(t('ui:schedule_manual'))})_` : ''}` : '';
    return `${TIMING_EMOJI[r.timing]} ${r.current ? `*${name}*` : name}${target} · ${escapeMrkdwn(r.status)}`;
  });
  return [
    { type: 'header', text: plain(t('ui:schedule_heading', { rollout: view.rolloutName }), LIMITS.headerText) },
    ...sections(lines),
    { type: 'context', elements: [md(`${view.fits ? '' : ':warning: '}${escapeMrkdwn(view.summary)}`)] },
  ];
}

/** A person's daily reminder: per rollout their tasks with Done buttons, then what is escalated to them. */
export function renderReminder(ctx: RenderContext, view: ReminderView): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(view.heading, LIMITS.headerText) }];
  for (const group of view.groups) {
    blocks.push({ type: 'section', text: md(`*${escapeMrkdwn(group.title)}*`) });
    for (const task of group.tasks) blocks.push(...taskBlocks(ctx, task, group.rolloutId, undefined));
  }
  blocks.push({ type: 'context', elements: [md(escapeMrkdwn(view.footer))] });
  return blocks;
}

export function renderRoles(ctx: RenderContext, view: RolesView): KnownBlock[] {
  const lines = view.roles.map((r) => {
    const members = r.members.length > 0 ? r.members.map(mention).join(', ') : `_${escapeMrkdwn(ctx.t('ui:no_members'))}_`;
    return `• *${escapeMrkdwn(r.name)}*: ${members}`;
  });
  return [{ type: 'header', text: plain(ctx.t('ui:roles_heading', { rollout: view.rolloutName }), LIMITS.headerText) }, ...sections(lines)];
}

/** A timestamp Slack shows in each reader's own time zone, with the ISO text as fallback. */
function slackDate(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  if (!Number.isFinite(seconds)) return escapeMrkdwn(iso);
  return `<!date^${seconds}^{date_num} {time}|${escapeMrkdwn(iso.replace('T', ' ').slice(0, 16))}>`;
}

export function renderLog(ctx: RenderContext, view: LogView): KnownBlock[] {
  const header: KnownBlock = { type: 'header', text: plain(ctx.t('ui:log_heading', { rollout: view.rolloutName }), LIMITS.headerText) };
  if (view.entries.length === 0) return [header, { type: 'section', text: md(escapeMrkdwn(ctx.t('ui:log_empty'))) }];
  const lines = view.entries.map((e) => `${slackDate(e.at)} ${mention(e.actor)}: ${escapeMrkdwn(truncate(e.text, 500))}`);
  return [header, ...sections(lines)];
}

export function renderHelp(_ctx: RenderContext, view: HelpView): KnownBlock[] {
  // Usage is shown as code, as typed in Slack (`/rollout tila`); backticks inside it would end the code span early.
  const lines = view.commands.map((c) => `\`/rollout ${escapeMrkdwn(c.usage.replace(/`/g, "'"))}\` ${escapeMrkdwn(c.summary)}`);
  return [
    { type: 'header', text: plain(view.title, LIMITS.headerText) },
    { type: 'section', text: md(escapeMrkdwn(view.intro)) },
    ...sections(lines),
    { type: 'context', elements: [md(escapeMrkdwn(view.footer))] },
  ];
}

const TONE_ICON: Record<NoticeView['tone'], string> = {
  success: ':white_check_mark:',
  info: ':information_source:',
  warning: ':warning:',
};

export function renderNotice(_ctx: RenderContext, view: NoticeView): KnownBlock[] {
  return [{ type: 'section', text: md(`${TONE_ICON[view.tone]} ${escapeMrkdwn(view.text)}`) }];
}

export function renderError(_ctx: RenderContext, view: ErrorView): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'section', text: md(`:x: ${escapeMrkdwn(view.text)}`) }];
  if (view.hint) blocks.push({ type: 'context', elements: [md(`:bulb: ${escapeMrkdwn(view.hint)}`)] });
  return blocks;
}
