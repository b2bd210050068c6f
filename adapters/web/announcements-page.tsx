import type { OutboxEntry, OutboxSummary } from '../../src/ports/outbox.port';
import type { RoleChannel } from '../../src/domain/rollout';
import { formatDateTime, Shell, type PageContext } from './page-shell';

export function AnnouncementsPage({ ctx, summary, channels, name, checklistPhase }: { ctx: PageContext; summary: OutboxSummary; channels: readonly RoleChannel[]; name: string; checklistPhase: string }) {
  const { t } = ctx;
  const channelName = (e: OutboxEntry) => {
    const known = channels.find((c) => c.channel === e.channel)?.name;
    return known ? `#${known}` : e.channel.slice(e.channel.indexOf(':') + 1);
  };
  const entries = summary.recent.filter((e) => e.kind !== 'status');
  return (
    <Shell ctx={ctx} title={t('web:announcements.title')} heading={name} tab="announcements" checklistPhase={checklistPhase}>
      <p>{t('ui:outbox_counts', { pending: summary.pending, sent: summary.sent, failed: summary.failed, draft: summary.draft })}</p>
      {entries.length === 0 ? <p>{t('ui:outbox_empty')}</p> : (
        <table class="announcements">
          <caption>{t('web:announcements.caption', { count: entries.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('web:announcements.when')}</th>
              <th scope="col">{t('web:announcements.channel')}</th>
              <th scope="col">{t('web:announcements.status')}</th>
              <th scope="col">{t('web:announcements.text')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(ctx.locale, e.sentAt ?? e.createdAt)}</td>
                <td>{channelName(e)} <span class="muted">({e.locales.join('+')})</span></td>
                <td>
                  <span class={`status outbox-${e.status}`}>{t(`ui:outbox_status_${e.status}`)}</span>
                  {e.status === 'failed' && e.lastError && <span class="error-text">{` ${e.lastError}`}</span>}
                </td>
                <td class="message">{e.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Shell>
  );
}
