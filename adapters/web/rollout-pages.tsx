import type { ChecklistView, TaskLine } from '../../src/core/views';
import type { OverviewData } from '../../src/dashboard/overview-data';
import type { RolloutDashboard } from '../../src/dashboard/open-dashboard';
import { taskRecord } from '../../src/domain/rollout';
import { BurnupChart } from './burnup-chart';
import { formatDateTime, formatDay, href, ProgressBar, Shell, type PageContext } from './page-shell';

const EXPORTS = ['checklist.csv', 'checklist.json', 'audit.csv', 'audit.json'] as const;

export function OverviewPage({ ctx, data, name }: { ctx: PageContext; data: OverviewData; name: string }) {
  const { t } = ctx;
  const { gate } = data;
  return (
    <Shell ctx={ctx} title={t('web:overview.title')} heading={name} tab="overview" checklistPhase={data.overview.phases.find((p) => p.current)!.key}>
      <section aria-labelledby="golive-h">
        <h2 id="golive-h">{t('web:overview.golive')}</h2>
        {data.golive ? (
          <p>{t('web:overview.golive_date', { date: formatDay(data.golive.date), days: data.golive.workingDaysLeft })}</p>
        ) : (
          <p>{t('web:overview.golive_unset')}</p>
        )}
      </section>
      <section aria-labelledby="phases-h">
        <h2 id="phases-h">{t('web:overview.phases')}</h2>
        <ol class="phases">
          {data.overview.phases.map((p) => (
            <li key={p.key} class={p.current ? 'current' : undefined}>
              <a href={href(ctx, `phase/${p.key}`)}>{t('web:phase_name', { number: p.number, name: p.name })}</a>
              <span>
                {p.current && <strong class="badge">{t('web:overview.current')}</strong>}
                {p.optional && <span class="badge">{t('web:overview.optional')}</span>}
              </span>
              <ProgressBar ctx={ctx} id={`progress-${p.key}`} label={t('web:phase_name', { number: p.number, name: p.name })} {...p.progress} />
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="burnup-h">
        <h2 id="burnup-h">{t('web:burnup.heading')}</h2>
        <BurnupChart ctx={ctx} points={data.burnup} scope={data.scope} />
      </section>
      <section aria-labelledby="gate-h">
        <h2 id="gate-h">{gate.next ? t('web:overview.gate', { phase: gate.phase.name, next: gate.next.name }) : t('web:overview.gate_final', { phase: gate.phase.name })}</h2>
        {gate.blockers.length === 0 ? (
          <p>{t('web:overview.gate_clear')}</p>
        ) : (
          <>
            <p>{t('web:overview.gate_blocked', { count: gate.blockers.length })}</p>
            <ul>{gate.blockers.map((b) => <li key={b.key}>{`${b.ref} ${b.title}`} <span class="muted">({b.roleName})</span></li>)}</ul>
          </>
        )}
      </section>
      <section aria-labelledby="roles-h">
        <h2 id="roles-h">{t('web:overview.open_by_role')}</h2>
        {data.openByRole.length === 0 ? <p>{t('web:overview.none_open')}</p> : (
          <dl class="by-role">
            {data.openByRole.map((r) => (
              <div key={r.role}>
                <dt>{t('web:overview.role_count', { role: r.name, count: r.tasks.length })}</dt>
                {r.tasks.map((task) => <dd key={task.key}>{`${task.ref} ${task.title}`}{task.assignee ? ` – ${task.assignee.name ?? task.assignee.id}` : ''}</dd>)}
              </div>
            ))}
          </dl>
        )}
      </section>
      <section aria-labelledby="exports-h" class="no-print">
        <h2 id="exports-h">{t('web:exports.heading')}</h2>
        <ul>
          {EXPORTS.map((file) => <li key={file}><a href={href(ctx, `export/${file}`)} download={file}>{t(`web:exports.${file.replace('.', '_')}`)}</a></li>)}
        </ul>
      </section>
    </Shell>
  );
}

export function PhasePage({ ctx, d, checklist }: { ctx: PageContext; d: RolloutDashboard; checklist: ChecklistView }) {
  const { t } = ctx;
  const title = t('web:phase_name', { number: checklist.phase.number, name: checklist.phase.name });
  return (
    <Shell ctx={ctx} title={title} heading={checklist.rolloutName} tab="checklist" checklistPhase={checklist.phase.key}>
      <nav aria-label={t('web:checklist.phases')} class="phase-nav">
        <ul>
          {d.playbook.phases.map((p, i) => (
            <li key={p.key}><a href={href(ctx, `phase/${p.key}`)} aria-current={p.key === checklist.phase.key ? 'page' : undefined}>{`${i + 1}. ${p.name[ctx.locale]}`}</a></li>
          ))}
        </ul>
      </nav>
      <p>
        {checklist.current && <strong class="badge">{t('web:overview.current')}</strong>}{' '}
        <ProgressBar ctx={ctx} id="phase-progress" label={title} {...checklist.progress} />
      </p>
      <table class="checklist">
        <caption>{t('web:checklist.caption', { phase: checklist.phase.name })}</caption>
        <thead>
          <tr>
            {['ref', 'task', 'status', 'owner', 'assignee', 'note', 'checked'].map((c) => <th key={c} scope="col">{t(`web:checklist.${c}`)}</th>)}
          </tr>
        </thead>
        <tbody>{checklist.tasks.map((task) => <TaskRow key={task.key} ctx={ctx} d={d} task={task} />)}</tbody>
      </table>
      {checklist.tasks.length === 0 && <p>{t('web:checklist.empty')}</p>}
      <p class="muted">{t('web:checklist.changed_in_chat')}</p>
    </Shell>
  );
}

function TaskRow({ ctx, d, task }: { ctx: PageContext; d: RolloutDashboard; task: TaskLine }) {
  const { t } = ctx;
  const record = taskRecord(d.views.state, task.key);
  const condition = d.playbook.byKey.get(task.key)?.condition;
  const who = record.updatedBy ? d.views.names[record.updatedBy] ?? record.updatedBy.slice(record.updatedBy.indexOf(':') + 1) : undefined;
  return (
    <tr class={`depth-${Math.min(task.depth, 3)} row-${task.status}`}>
      <th scope="row">{task.ref}</th>
      <td>
        {task.title}
        {condition && <span class="condition">{t('web:checklist.condition', { option: d.views.optionName(condition) })}</span>}
      </td>
      <td><span class={`status status-${task.status}`}>{t(`ui:status_${task.status}`)}</span></td>
      <td>{task.roleName}</td>
      <td>{task.assignee ? task.assignee.name ?? task.assignee.id.slice(task.assignee.id.indexOf(':') + 1) : ''}</td>
      <td>{task.reason ?? task.note ?? ''}</td>
      <td>{record.updatedAt && who && task.status !== 'open' ? t('web:checklist.by_at', { user: who, at: formatDateTime(ctx.locale, record.updatedAt) }) : ''}</td>
    </tr>
  );
}
