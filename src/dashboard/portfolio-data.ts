import { phaseProgress, progressOf, type Progress } from '../domain/progress';
import { allStatuses } from '../domain/task-status';
import { isLeaf } from '../domain/task-status';
import { localDate, workingDaysBetween } from '../domain/working-days';
import type { RolloutState } from '../domain/rollout';
import type { PortfolioDashboard } from './open-dashboard';

export interface PortfolioRow {
  id: string;
  name: string;
  phase: string;
  phaseNumber: number;
  phaseProgress: Progress;
  /** All required phases together. */
  progress: Progress;
  /** Go-live date `YYYY-MM-DD`, when set. */
  golive?: string;
  workingDaysLeft?: number;
  /**
   * Open tasks that are late: those of phases the rollout has already left (moved on with an
   * override), plus every open task once the go-live date has passed.
   */
  overdue: number;
}

/**
 * Rows computed from a state, by language and day. States are immutable and the store hands out
 * the same one until the rollout changes, so a portfolio of many rollouts recomputes only those
 * that changed since it was last shown.
 */
const computed = new WeakMap<RolloutState, Map<string, PortfolioRow>>();

export async function portfolioRows(d: PortfolioDashboard): Promise<PortfolioRow[]> {
  const today = localDate(d.deps.clock.now());
  const rows: PortfolioRow[] = [];
  for (const rollout of d.rollouts) {
    const state = await d.deps.store.load(rollout.id);
    const playbook = d.deps.playbooks.get(rollout.playbookId);
    if (!state || !playbook) continue;
    let byView = computed.get(state);
    if (!byView) {
      byView = new Map();
      computed.set(state, byView);
    }
    const key = `${d.locale}\u0000${today}`;
    const known = byView.get(key);
    if (known) {
      rows.push(known);
      continue;
    }
    const statuses = allStatuses(playbook, state);
    const current = playbook.phaseIndex.get(state.rollout.phase)!;
    const optional = new Set(playbook.phases.filter((p) => p.optional).map((p) => p.key));
    const golive = state.rollout.settings.golive;
    const pastGolive = Boolean(golive && golive < today);
    const overdue = playbook.tasks.filter((t) => isLeaf(t) && statuses.get(t.key)!.status === 'open'
      && (playbook.phaseIndex.get(t.phase)! < current || (pastGolive && !optional.has(t.phase)))).length;
    const row: PortfolioRow = {
      id: rollout.id,
      name: rollout.name,
      phase: playbook.phases[current].name[d.locale],
      phaseNumber: current + 1,
      phaseProgress: phaseProgress(playbook, statuses, state.rollout.phase),
      progress: progressOf(playbook, statuses, (t) => !optional.has(t.phase)),
      ...(golive ? { golive, workingDaysLeft: workingDaysBetween(today, golive) } : {}),
      overdue,
    };
    byView.set(key, row);
    rows.push(row);
  }
  return rows;
}
