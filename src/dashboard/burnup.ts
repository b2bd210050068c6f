import type { TaskStatusChange } from '../ports/rollout-store.port';

export interface BurnupPoint {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Tasks done at the end of that day. */
  done: number;
}

/**
 * Tasks done over time, replayed from the statuses tasks were set to (oldest first): one
 * point at the start, one for each day the count changed, and one for today.
 */
export function burnupOf(history: readonly TaskStatusChange[], leafKeys: ReadonlySet<string>, start: string, today: string, dayOf: (iso: string) => string): BurnupPoint[] {
  const done = new Set<string>();
  const points: BurnupPoint[] = [{ date: start, done: 0 }];
  for (const change of history) {
    if (!leafKeys.has(change.task)) continue;
    if (change.status === 'done') done.add(change.task);
    else done.delete(change.task);
    const date = dayOf(change.at);
    const last = points[points.length - 1];
    if (last.date === date) last.done = done.size;
    else if (last.done !== done.size) points.push({ date, done: done.size });
  }
  const last = points[points.length - 1];
  if (last.date < today) points.push({ date: today, done: last.done });
  return points;
}
