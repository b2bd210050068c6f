import type { View } from '../../src/core/views';
import type { Translate } from '../../src/i18n/i18n';
import type { HomeView, KnownBlock } from './block-kit-types';
import { LIMITS, escapeMrkdwn, md, plain } from './mrkdwn';
import { renderContext } from './render-tasks';
import { renderView } from './render-block-kit';

/**
 * The App Home tab: a heading, then the views the core gives for this user (their next tasks and
 * the progress per phase of each rollout), within the 100 blocks a home tab may hold.
 */
export function renderHome(views: View[], t: Translate): HomeView {
  const ctx = renderContext(t);
  const top: KnownBlock[] = [
    { type: 'header', text: plain(t('slack:home_heading'), LIMITS.headerText) },
    { type: 'context', elements: [md(escapeMrkdwn(t('slack:home_intro')))] },
  ];
  const footer: KnownBlock = { type: 'context', elements: [md(escapeMrkdwn(t('slack:home_help')))] };
  const body: KnownBlock[] = [];
  for (const view of views) {
    body.push({ type: 'divider' }, ...renderView(ctx, view));
  }
  if (views.length === 0) body.push({ type: 'section', text: md(escapeMrkdwn(t('slack:home_empty'))) });
  const room = LIMITS.blocksPerHomeTab - top.length - 3; // divider, footer, truncation note
  const fitted = body.length <= room ? body : [...body.slice(0, room), { type: 'context', elements: [md(escapeMrkdwn(t('slack:truncated')))] } as KnownBlock];
  return { type: 'home', blocks: [...top, ...fitted, { type: 'divider' }, footer] };
}
