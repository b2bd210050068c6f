import type { StoredEvent } from '../ports/rollout-store.port';

export interface BurnupPoint {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Tasks done at the end of that day. */
  done: number;
}

/**
 * Tasks done over time, replayed from the audit trail's `task.set` events (oldest first): one
 * point at the start, one for each day the count changed, and one for today.
 */
export function burnupOf(taskEvents: readonly StoredEvent[], leafKeys: ReadonlySet<string>, start: string, today: string, dayOf: (iso: string) => string): BurnupPoint[] {
  const done = new Set<string>();
  const points: BurnupPoint[] = [{ date: start, done: 0 }];
  for (const event of taskEvents) {
    if (event.type !== 'task.set' || !leafKeys.has(event.subject)) continue;
    const status = (event.after as { status?: string } | null)?.status;
    if (status === 'done') done.add(event.subject);
    else done.delete(event.subject);
    const date = dayOf(event.at);
    const last = points[points.length - 1];
    if (last.date === date) last.done = done.size;
    else if (last.done !== done.size) points.push({ date, done: done.size });
  }
  const last = points[points.length - 1];
  if (last.date < today) points.push({ date: today, done: last.done });
  return points;
}
