import type { AuditData } from '../../src/dashboard/audit-data';
import { formatDateTime, href, Shell, type PageContext } from './page-shell';

export function AuditPage({ ctx, data, name, checklistPhase }: { ctx: PageContext; data: AuditData; name: string; checklistPhase: string }) {
  const { t } = ctx;
  const filter: Record<string, string> = {
    ...(data.filter.phase ? { phase: data.filter.phase.key } : {}),
    ...(data.filter.person ? { person: data.filter.person } : {}),
  };
  return (
    <Shell ctx={ctx} title={t('web:audit.title')} heading={name} tab="audit" checklistPhase={checklistPhase}>
      <form method="get" action={href(ctx, 'audit').split('?')[0]} class="filters no-print">
        <input type="hidden" name="lang" value={ctx.locale} />
        <label for="phase">{t('web:audit.phase')}</label>
        <select id="phase" name="phase">
          <option value="">{t('web:audit.all_phases')}</option>
          {data.phases.map((p) => <option key={p.key} value={p.key} selected={p.key === data.filter.phase?.key}>{`${p.number}. ${p.name}`}</option>)}
        </select>
        <label for="person">{t('web:audit.person')}</label>
        <select id="person" name="person">
          <option value="">{t('web:audit.everyone')}</option>
          {data.people.map((p) => <option key={p.id} value={p.id} selected={p.id === data.filter.person}>{p.name}</option>)}
        </select>
        <button type="submit">{t('web:audit.apply')}</button>
      </form>
      <p>{t('web:audit.count', { count: data.total })}</p>
      {data.entries.length > 0 && (
        <table class="audit">
          <caption>{t('web:audit.caption', { page: data.page, pages: data.pages })}</caption>
          <thead>
            <tr><th scope="col">{t('web:audit.when')}</th><th scope="col">{t('web:audit.who')}</th><th scope="col">{t('web:audit.what')}</th></tr>
          </thead>
          <tbody>
            {data.entries.map((e) => (
              <tr key={e.id}><td>{formatDateTime(ctx.locale, e.at)}</td><td>{e.actor}</td><td>{e.text}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {data.pages > 1 && (
        <nav aria-label={t('web:audit.pages')} class="pager">
          <ul>
            {data.page > 1 && <li><a href={href(ctx, 'audit', { ...filter, page: String(data.page - 1) })} rel="prev">{t('web:audit.prev')}</a></li>}
            <li>{t('web:audit.page', { page: data.page, pages: data.pages })}</li>
            {data.page < data.pages && <li><a href={href(ctx, 'audit', { ...filter, page: String(data.page + 1) })} rel="next">{t('web:audit.next')}</a></li>}
          </ul>
        </nav>
      )}
    </Shell>
  );
}
