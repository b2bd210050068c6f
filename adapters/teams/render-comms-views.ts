import type { AnnouncementView, ChannelRef, ChannelsView, OutboxView } from '../../src/core/views';
import type { Translate } from '../../src/i18n/i18n';
import { actionSet, container, execute, runs, text, type CardElement } from './card-elements';

/** A channel by name when known (`#general`), else its id without the platform prefix. */
export function channelLabel(channel: ChannelRef): string {
  return channel.name ? `#${channel.name}` : channel.id.replace(/^[a-z]+:/, '');
}

function heading(value: string): CardElement {
  return text(value, { size: 'Medium', weight: 'Bolder' });
}

function warning(value: string): CardElement {
  return text(`⚠ ${value}`, { color: 'Warning' }, { spacing: 'Medium' });
}

/** Lines of a text, each its own paragraph: a line break inside one TextRun is not shown the same by every client. */
function paragraphs(value: string): CardElement[] {
  return value.split('\n').filter((line) => line.trim()).map((line) => text(line, {}, { spacing: 'Small' }));
}

/** Which channel hears each role's announcements, in which languages, and the values templates use. */
export function renderChannels(view: ChannelsView, t: Translate): CardElement[] {
  const body: CardElement[] = [heading(t('ui:channels_heading', { rollout: view.rolloutName }))];
  for (const role of view.roles) {
    const channels = role.channels.map((c) => `${channelLabel(c)} (${c.locales.join(', ')})`).join(', ');
    body.push(runs([
      { text: `${role.name}: `, style: { weight: 'Bolder' } },
      { text: channels || t('ui:channels_none'), style: channels ? {} : { isSubtle: true, italic: true } },
    ], { spacing: 'Small' }));
  }
  if (view.unmapped.length > 0) {
    body.push(warning(t('ui:channels_unmapped', { roles: view.unmapped.join(', ') })));
    body.push(text(t('ui:channels_hint'), { isSubtle: true, size: 'Small' }, { spacing: 'None' }));
  }
  if (view.settings.length > 0) {
    body.push(text(t('ui:settings_heading'), { weight: 'Bolder' }, { spacing: 'Medium', separator: true }));
    for (const s of view.settings) body.push(runs([{ text: `${s.label}: `, style: { isSubtle: true } }, { text: s.value }], { spacing: 'Small' }));
  }
  return body;
}

/** An announcement preview: every target with its exact text, and Send for who may send it. */
export function renderAnnouncement(view: AnnouncementView, t: Translate): CardElement[] {
  const body: CardElement[] = [heading(t(view.sent ? 'ui:announcement_sent_heading' : 'ui:announcement_heading', { title: view.title }))];
  for (const target of view.targets) {
    body.push(container([
      text(`${channelLabel(target.channel)} · ${target.roles.join(', ')} · ${target.locales.join(', ')}`, { isSubtle: true, size: 'Small' }),
      ...paragraphs(target.text),
    ], { spacing: 'Medium' }));
  }
  if (view.unmapped.length > 0) body.push(warning(t('ui:announcement_unmapped', { roles: view.unmapped.join(', ') })));
  if (view.targets.length === 0) body.push(warning(t('ui:announcement_no_targets')));
  if (view.sent || view.targets.length === 0) return body;
  if (view.canSend) {
    body.push(actionSet([execute(t('ui:send'), { name: 'send', rolloutId: view.rolloutId, batch: view.batch }, { style: 'positive' })], { spacing: 'Medium' }));
  } else {
    body.push(text(t('ui:announcement_lead_only'), { isSubtle: true }, { spacing: 'Medium' }));
  }
  return body;
}

/** What the outbox holds and how delivery went. */
export function renderOutbox(view: OutboxView, t: Translate): CardElement[] {
  const body: CardElement[] = [
    heading(t('ui:outbox_heading', { rollout: view.rolloutName })),
    text(t('ui:outbox_counts', { ...view.counts }), { isSubtle: true }, { spacing: 'None' }),
  ];
  if (view.entries.length === 0) body.push(text(t('ui:outbox_empty'), { isSubtle: true }));
  for (const e of view.entries) {
    body.push(runs([
      { text: `${e.at.replace('T', ' ').slice(0, 16)} `, style: { fontType: 'Monospace', isSubtle: true, size: 'Small' } },
      { text: `${channelLabel(e.channel)} ${e.what}: ` },
      { text: e.status, style: { weight: 'Bolder' } },
      { text: e.error ? ` — ${e.error}` : '', style: { isSubtle: true } },
    ], { spacing: 'Small' }));
  }
  return body;
}
