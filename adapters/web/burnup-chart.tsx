import type { BurnupPoint } from '../../src/dashboard/burnup';
import { formatDay, type PageContext } from './page-shell';

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 40, right: 16, top: 12, bottom: 28 };

/** Tasks done over time as a step line against the tasks that apply, with the same numbers as a table. */
export function BurnupChart({ ctx, points, scope }: { ctx: PageContext; points: BurnupPoint[]; scope: number }) {
  const { t } = ctx;
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const start = day(points[0].date);
  const span = Math.max(1, day(points[points.length - 1].date) - start);
  const top = Math.max(1, scope, ...points.map((p) => p.done));
  const x = (d: string) => PAD.left + ((day(d) - start) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (n: number) => HEIGHT - PAD.bottom - (n / top) * (HEIGHT - PAD.top - PAD.bottom);
  const steps = points.flatMap((p, i) => (i === 0 ? [`${x(p.date)},${y(p.done)}`] : [`${x(p.date)},${y(points[i - 1].done)}`, `${x(p.date)},${y(p.done)}`]));
  const last = points[points.length - 1];
  return (
    <figure class="burnup">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="burnup-title burnup-desc" width="100%">
        <title id="burnup-title">{t('web:burnup.title')}</title>
        <desc id="burnup-desc">{t('web:burnup.desc', { done: last.done, scope, date: formatDay(last.date) })}</desc>
        <line class="axis" x1={PAD.left} y1={HEIGHT - PAD.bottom} x2={WIDTH - PAD.right} y2={HEIGHT - PAD.bottom} />
        <line class="axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={HEIGHT - PAD.bottom} />
        <line class="scope" x1={PAD.left} y1={y(scope)} x2={WIDTH - PAD.right} y2={y(scope)} />
        <text class="label" x={PAD.left - 6} y={y(scope) + 4} text-anchor="end">{scope}</text>
        <text class="label" x={PAD.left - 6} y={HEIGHT - PAD.bottom + 4} text-anchor="end">0</text>
        <polyline class="done" points={steps.join(' ')} />
        <text class="label" x={PAD.left} y={HEIGHT - 8}>{formatDay(points[0].date)}</text>
        <text class="label" x={WIDTH - PAD.right} y={HEIGHT - 8} text-anchor="end">{formatDay(last.date)}</text>
      </svg>
      <figcaption>
        <span class="key key-done">{t('web:burnup.done_line')}</span> <span class="key key-scope">{t('web:burnup.scope_line', { scope })}</span>
      </figcaption>
      <table class="sr-only">
        <caption>{t('web:burnup.table_caption')}</caption>
        <thead>
          <tr><th scope="col">{t('web:burnup.date')}</th><th scope="col">{t('web:burnup.done')}</th><th scope="col">{t('web:burnup.scope')}</th></tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.date}><th scope="row">{formatDay(p.date)}</th><td>{p.done}</td><td>{scope}</td></tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
