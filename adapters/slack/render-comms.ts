import type { AnnouncementView, ChannelRef, ChannelsView, OutboxView } from '../../src/core/views';
import type { KnownBlock } from './block-kit-types';
import { LIMITS, chunkLines, escapeMrkdwn, md, messageMrkdwn, plain, truncate, truncateMrkdwn } from './mrkdwn';
import { button, type RenderContext } from './render-tasks';

const SLACK_CHANNEL = /^slack:([CGD][A-Z0-9]{2,30})$/;

/** A channel as mrkdwn: a live channel link for Slack ids, otherwise the escaped name. */
export function channelLink(channel: ChannelRef): string {
  const native = SLACK_CHANNEL.exec(channel.id);
  if (native) return `<#${native[1]}>`;
  return escapeMrkdwn(channel.name ? `#${channel.name}` : channel.id.replace(/^[a-z]+:/, ''));
}

function sections(lines: string[]): KnownBlock[] {
  return chunkLines(lines).map((text) => ({ type: 'section', text: md(text) }));
}

function warning(text: string): KnownBlock {
  return { type: 'context', elements: [md(`:warning: ${escapeMrkdwn(text)}`)] };
}

export function renderChannels(ctx: RenderContext, view: ChannelsView): KnownBlock[] {
  const { t } = ctx;
  const roleLines = view.roles.map((r) => {
    const channels = r.channels.map((c) => `${channelLink(c)} (${escapeMrkdwn(c.locales.join(' + '))})`).join(', ');
    return `• *${escapeMrkdwn(r.name)}*: ${channels || `_${escapeMrkdwn(t('ui:channels_none'))}_`}`;
  });
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(t('ui:channels_heading', { rollout: view.rolloutName }), LIMITS.headerText) },
    ...sections(roleLines),
  ];
  if (view.unmapped.length > 0) {
    blocks.push(warning(t('ui:channels_unmapped', { roles: view.unmapped.join(', ') })));
    blocks.push({ type: 'context', elements: [md(escapeMrkdwn(t('ui:channels_hint')))] });
  }
  if (view.settings.length > 0) {
    blocks.push({ type: 'section', text: md(`*${escapeMrkdwn(t('ui:settings_heading'))}*`) });
    blocks.push(...sections(view.settings.map((s) => `• ${escapeMrkdwn(s.label)}: ${escapeMrkdwn(s.value)}`)));
  }
  return blocks;
}

/** Longest announcement text shown per channel in a preview; the message itself is sent whole. */
const PREVIEW_TEXT = 1500;

export function renderAnnouncement(ctx: RenderContext, view: AnnouncementView): KnownBlock[] {
  const { t } = ctx;
  const heading = t(view.sent ? 'ui:announcement_sent_heading' : 'ui:announcement_heading', { title: view.title });
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(heading, LIMITS.headerText) }];
  for (const target of view.targets) {
    const who = `${channelLink(target.channel)} · ${escapeMrkdwn(target.roles.join(', '))} · ${escapeMrkdwn(target.locales.join(' + '))}`;
    const quoted = truncateMrkdwn(messageMrkdwn(target.text), PREVIEW_TEXT)
      .split('\n')
      .map((line) => `>${line}`)
      .join('\n');
    blocks.push({ type: 'section', text: md(`${who}\n${quoted}`) });
  }
  if (view.unmapped.length > 0) blocks.push(warning(t('ui:announcement_unmapped', { roles: view.unmapped.join(', ') })));
  if (view.targets.length === 0) blocks.push(warning(t('ui:announcement_no_targets')));
  if (view.sent || view.targets.length === 0) return blocks;
  if (view.canSend) {
    blocks.push({ type: 'actions', elements: [button(ctx, 'send', t('ui:send'), { name: 'send', rolloutId: view.rolloutId, batch: view.batch }, 'primary')] });
  } else {
    blocks.push({ type: 'context', elements: [md(escapeMrkdwn(t('ui:announcement_lead_only')))] });
  }
  return blocks;
}

export function renderOutbox(ctx: RenderContext, view: OutboxView): KnownBlock[] {
  const { t } = ctx;
  const lines = view.entries.map((e) => {
    const error = e.error ? ` — ${escapeMrkdwn(truncate(e.error, 200))}` : '';
    return `\`${escapeMrkdwn(e.at.replace('T', ' ').slice(0, 16))}\` ${channelLink(e.channel)} ${escapeMrkdwn(e.what)}: *${escapeMrkdwn(e.status)}*${error}`;
  });
  return [
    { type: 'header', text: plain(t('ui:outbox_heading', { rollout: view.rolloutName }), LIMITS.headerText) },
    { type: 'context', elements: [md(escapeMrkdwn(t('ui:outbox_counts', { ...view.counts })))] },
    ...(lines.length > 0 ? sections(lines) : [{ type: 'section', text: md(escapeMrkdwn(t('ui:outbox_empty'))) } as KnownBlock]),
  ];
}
