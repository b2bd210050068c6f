import { describeEvent } from '../commands/log';
import { displayUser } from '../commands/user-token';
import type { PhaseRef } from '../core/views';
import type { StoredEvent } from '../ports/rollout-store.port';
import type { RolloutDashboard } from './open-dashboard';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  /** Phase key: events about its tasks only. */
  phase?: string;
  /** Actor id. */
  person?: string;
  /** 1-based. */
  page?: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  platform: string;
  type: string;
  subject: string;
  /** The event in words, in the reader's language. */
  text: string;
}

export interface AuditData {
  entries: AuditEntry[];
  total: number;
  page: number;
  pages: number;
  /** The filters that were applied (unknown values are dropped, not guessed). */
  filter: { phase?: PhaseRef; person?: string };
  phases: PhaseRef[];
  people: Array<{ id: string; name: string }>;
}

/** A page of the audit trail in words; `limit: Infinity` gives every matching event (exports). */
export async function auditData(d: RolloutDashboard, filter: AuditFilter, limit = AUDIT_PAGE_SIZE): Promise<AuditData> {
  const { views, deps, playbook } = d;
  const rolloutId = views.state.rollout.id;
  const actors = await deps.store.auditActors(rolloutId);
  const phase = filter.phase && playbook.phaseIndex.has(filter.phase) ? filter.phase : undefined;
  const person = filter.person && actors.includes(filter.person) ? filter.person : undefined;
  const subjects = phase ? playbook.tasks.filter((t) => t.phase === phase).map((t) => t.key).concat(phase) : undefined;
  const all = limit === Infinity;
  const first = await deps.store.auditEvents(rolloutId, { ...(subjects ? { subjects } : {}), ...(person ? { actor: person } : {}), limit: all ? undefined : 0 });
  const pages = all ? 1 : Math.max(1, Math.ceil(first.total / limit));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1) || 1), pages);
  const { events, total } = all
    ? await deps.store.auditEvents(rolloutId, { ...(subjects ? { subjects } : {}), ...(person ? { actor: person } : {}), oldestFirst: true })
    : await deps.store.auditEvents(rolloutId, { ...(subjects ? { subjects } : {}), ...(person ? { actor: person } : {}), offset: (page - 1) * limit, limit });
  const names = await deps.store.userNames([...new Set([...actors, ...events.flatMap(mentioned)])]);
  const ctx = { t: d.t, locale: d.locale };
  return {
    entries: events.map((e) => ({ id: e.id, at: e.at, actor: displayName(e.actor, names), platform: e.platform, type: e.type, subject: e.subject, text: describeEvent(ctx, views, names, e) })),
    total,
    page,
    pages,
    filter: { ...(phase ? { phase: views.phaseRef(phase) } : {}), ...(person ? { person } : {}) },
    phases: playbook.phases.map((p) => views.phaseRef(p.key)),
    people: actors.map((id) => ({ id, name: displayName(id, names) })),
  };
}

function mentioned(e: StoredEvent): string[] {
  return [e.after, e.before].flatMap((x) => (x && typeof x === 'object' ? [(x as Record<string, unknown>).user, (x as Record<string, unknown>).assignee] : []))
    .filter((u): u is string => typeof u === 'string');
}

/** A user's display name, else their id without the platform prefix. */
export function displayName(id: string, names: Record<string, string>): string {
  return displayUser(id, names).replace(/^@/, '');
}
