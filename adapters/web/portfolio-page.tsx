import type { PortfolioRow } from '../../src/dashboard/portfolio-data';
import { formatDay, ProgressBar, Shell, type PageContext } from './page-shell';

export function PortfolioPage({ ctx, rows }: { ctx: PageContext; rows: PortfolioRow[] }) {
  const { t } = ctx;
  return (
    <Shell ctx={ctx} title={t('web:portfolio.title')} heading={t('web:portfolio.heading', { count: rows.length })} tab="portfolio">
      {rows.length === 0 ? <p>{t('web:portfolio.empty')}</p> : (
        <table class="portfolio">
          <caption>{t('web:portfolio.caption')}</caption>
          <thead>
            <tr>
              {['rollout', 'phase', 'progress', 'overdue', 'golive'].map((c) => <th key={c} scope="col">{t(`web:portfolio.${c}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{t('web:phase_name', { number: r.phaseNumber, name: r.phase })}</td>
                <td><ProgressBar ctx={ctx} id={`p${i}`} label={t('web:portfolio.progress_of', { name: r.name })} {...r.progress} /></td>
                <td>{r.overdue}</td>
                <td>{r.golive ? t('web:portfolio.golive_days', { date: formatDay(r.golive), days: r.workingDaysLeft ?? 0 }) : t('web:portfolio.golive_unset')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted">{t('web:portfolio.overdue_explained')}</p>
    </Shell>
  );
}
