import type { GateView, OverviewView, TaskLine } from '../core/views';
import { isLeaf } from '../domain/task-status';
import { localDate, localDays, workingDaysBetween } from '../domain/working-days';
import { burnupOf, type BurnupPoint } from './burnup';
import type { RolloutDashboard } from './open-dashboard';

export interface OverviewData {
  overview: OverviewView;
  gate: GateView;
  /** The go-live date (`YYYY-MM-DD`) and the working days left until it, when set. */
  golive?: { date: string; workingDaysLeft: number };
  /** Open tasks of the current phase, by owner role. */
  openByRole: Array<{ role: string; name: string; tasks: TaskLine[] }>;
  burnup: BurnupPoint[];
  /** Tasks that apply now (the burn-up's scope line). */
  scope: number;
}

export async function overviewData(d: RolloutDashboard): Promise<OverviewData> {
  const { views, deps, playbook } = d;
  const rollout = views.state.rollout;
  const today = localDate(deps.clock.now());
  const golive = rollout.settings.golive;
  const leaves = playbook.tasks.filter(isLeaf);
  const phaseTasks = leaves.filter((t) => t.phase === rollout.phase).map((t) => views.taskLine(t)).filter((t) => t.status === 'open');
  const roles = new Map<string, TaskLine[]>();
  for (const task of phaseTasks) roles.set(task.role, [...(roles.get(task.role) ?? []), task]);
  const history = await deps.store.taskHistory(rollout.id);
  return {
    overview: views.overview(),
    gate: views.gate(),
    ...(golive ? { golive: { date: golive, workingDaysLeft: workingDaysBetween(today, golive) } } : {}),
    openByRole: [...roles].map(([role, tasks]) => ({ role, name: views.roleName(role), tasks })),
    burnup: burnupOf(history, new Set(leaves.map((t) => t.key)), localDate(new Date(rollout.createdAt)), today, localDays()),
    scope: leaves.filter((t) => views.statuses.get(t.key)!.status !== 'na').length,
  };
}
