import { unmarked } from '../../src/comms/given-values';
import type { AnnouncementView, ChannelRef, ChannelsView, OutboxView } from '../../src/core/views';
import type { Translate } from '../../src/i18n/i18n';
import { actionSet, container, execute, messageParagraphs, runs, text, type CardElement } from './card-elements';

/** A channel by name when known (`#general`), else its id without the platform prefix. */
export function channelLabel(channel: ChannelRef): string {
  return channel.name ? `#${channel.name}` : channel.id.replace(/^[a-z]+:/, '');
}

function heading(value: string): CardElement {
  return text(value, { size: 'Medium', weight: 'Bolder' });
}

function warning(value: string): CardElement {
  return text(`⚠ ${value}`, { weight: 'Bolder' }, { spacing: 'Medium' });
}

/** `fi + sv`: the languages of a channel, written the way `channel <role> here fi+sv` sets them. */
function languages(locales: readonly string[]): string {
  return locales.join(' + ');
}

/** Which channel hears each role's announcements, in which languages, and the values templates use. */
export function renderChannels(view: ChannelsView, t: Translate): CardElement[] {
  const body: CardElement[] = [heading(t('ui:channels_heading', { rollout: view.rolloutName }))];
  for (const role of view.roles) {
    const channels = role.channels.map((c) => `${channelLabel(c)} (${languages(c.locales)})`).join(', ');
    body.push(runs([
      { text: `${role.name}: `, style: { weight: 'Bolder' } },
      { text: channels || t('ui:channels_none'), style: channels ? {} : { isSubtle: true, italic: true } },
    ], { spacing: 'Small' }));
  }
  if (view.unmapped.length > 0) {
    body.push(warning(t('ui:channels_unmapped', { roles: view.unmapped.join(', ') })));
    // Teams has no channel mentions the core reads: a channel is mapped from inside it, with `here`.
    body.push(text(t('teams:channels_hint'), { isSubtle: true, size: 'Small' }, { spacing: 'None' }));
  }
  if (view.settings.length > 0) {
    body.push(text(t('ui:settings_heading'), { weight: 'Bolder' }, { spacing: 'Medium', separator: true }));
    for (const s of view.settings) body.push(runs([{ text: `${s.label}: `, style: { isSubtle: true } }, { text: s.value }], { spacing: 'Small' }));
  }
  return body;
}

/**
 * An announcement preview, or what was sent: every target channel with its roles and languages,
 * and the exact text it gets, quoted as it will be posted; Send for who may send it. Channels that
 * get the same text (the same languages) share one quote, which keeps the card well under Teams'
 * size limit however many channels are mapped.
 */
export function renderAnnouncement(view: AnnouncementView, t: Translate): CardElement[] {
  const body: CardElement[] = [heading(t(view.sent ? 'ui:announcement_sent_heading' : 'ui:announcement_heading', { title: view.title }))];
  const byText = new Map<string, AnnouncementView['targets']>();
  for (const target of view.targets) byText.set(target.text, [...(byText.get(target.text) ?? []), target]);
  for (const [message, targets] of byText) {
    body.push(container([
      ...targets.map((target, i) => runs([
        { text: channelLabel(target.channel), style: { weight: 'Bolder' } },
        { text: ` · ${target.roles.join(', ')} · ${languages(target.locales)}`, style: { isSubtle: true } },
      ], { spacing: i === 0 ? 'None' : 'Small' })),
      // Text runs are never parsed as Markdown, so values people gave are literal as they are.
      container(messageParagraphs(unmarked(message)), { style: 'emphasis', spacing: 'Small' }),
    ], { spacing: 'Medium' }));
  }
  if (view.unmapped.length > 0) body.push(warning(t('teams:announcement_unmapped', { roles: view.unmapped.join(', ') })));
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
