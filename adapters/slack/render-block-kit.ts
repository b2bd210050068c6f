import type { View } from '../../src/core/views';
import type { Translate } from '../../src/i18n/i18n';
import type { KnownBlock, SlackMessage } from './block-kit-types';
import { LIMITS, escapeMrkdwn, md, truncateMrkdwn } from './mrkdwn';
import { renderChecklist, renderContext, renderNext, type RenderContext } from './render-tasks';
import { renderAnnouncement, renderChannels, renderOutbox } from './render-comms';
import { renderError, renderGate, renderHelp, renderLog, renderNotice, renderOverview, renderReminder, renderRoles, renderSchedule } from './render-views';

/** One neutral view as Block Kit blocks. Pure: the same view and language give the same blocks. */
export function renderView(ctx: RenderContext, view: View): KnownBlock[] {
  switch (view.kind) {
    case 'checklist':
      return renderChecklist(ctx, view);
    case 'next':
      return renderNext(ctx, view);
    case 'gate':
      return renderGate(ctx, view);
    case 'overview':
      return renderOverview(ctx, view);
    case 'schedule':
      return renderSchedule(ctx, view);
    case 'reminder':
      return renderReminder(ctx, view);
    case 'roles':
      return renderRoles(ctx, view);
    case 'log':
      return renderLog(ctx, view);
    case 'help':
      return renderHelp(ctx, view);
    case 'notice':
      return renderNotice(ctx, view);
    case 'error':
      return renderError(ctx, view);
    case 'channels':
      return renderChannels(ctx, view);
    case 'announcement':
      return renderAnnouncement(ctx, view);
    case 'outbox':
      return renderOutbox(ctx, view);
  }
}

/** The notification text of a view (mrkdwn, escaped): what a lock screen or screen reader says. */
export function fallbackText(view: View, t: Translate): string {
  switch (view.kind) {
    case 'checklist':
      return t('ui:phase_heading', { number: view.phase.number, name: view.phase.name }) + ` · ${view.rolloutName}`;
    case 'next':
      return t(view.mine ? 'ui:next_mine_heading' : 'ui:next_heading', { phase: view.phase.name });
    case 'gate':
      return view.next ? t('ui:gate_heading', { phase: view.phase.name, next: view.next.name }) : t('ui:gate_final_heading', { phase: view.phase.name });
    case 'overview':
      return t('ui:overview_heading', { rollout: view.rolloutName });
    case 'roles':
      return t('ui:roles_heading', { rollout: view.rolloutName });
    case 'schedule':
      return t('ui:schedule_heading', { rollout: view.rolloutName });
    case 'reminder':
      return view.heading;
    case 'log':
      return t('ui:log_heading', { rollout: view.rolloutName });
    case 'help':
      return view.title;
    case 'notice':
      return view.text;
    case 'error':
      return view.text;
    case 'channels':
      return t('ui:channels_heading', { rollout: view.rolloutName });
    case 'announcement':
      return t(view.sent ? 'ui:announcement_sent_heading' : 'ui:announcement_heading', { title: view.title });
    case 'outbox':
      return t('ui:outbox_heading', { rollout: view.rolloutName });
  }
}

/**
 * Several views as one message, within Slack's 50 blocks: if they do not fit, the tail is cut
 * and a last block says how to see the rest (a checklist paginates itself long before this).
 */
export function renderMessage(views: View[], t: Translate, maxBlocks: number = LIMITS.blocksPerMessage): SlackMessage {
  const ctx = renderContext(t);
  const all: KnownBlock[] = [];
  views.forEach((view, i) => {
    if (i > 0 && view.kind !== 'notice' && view.kind !== 'error') all.push({ type: 'divider' });
    all.push(...renderView(ctx, view));
  });
  const blocks = all.length <= maxBlocks ? all : [...all.slice(0, maxBlocks - 1), truncatedNote(t)];
  const text = views.map((v) => escapeMrkdwn(fallbackText(v, t))).join('\n');
  return { blocks, text: truncateMrkdwn(text || ' ', LIMITS.fallbackText) };
}

function truncatedNote(t: Translate): KnownBlock {
  return { type: 'context', elements: [md(escapeMrkdwn(t('slack:truncated')))] };
}
