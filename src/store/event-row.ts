import type { Platform } from '../core/request';
import type { StoredEvent } from '../ports/rollout-store.port';

export interface EventRow {
  id: number; rollout_id: string | null; at: string; actor: string; platform: string;
  type: string; subject: string; before: string | null; after: string | null;
}

export function toEvent(row: EventRow): StoredEvent {
  return {
    id: row.id, rolloutId: row.rollout_id, at: row.at, actor: row.actor, platform: row.platform as Platform | 'system',
    type: row.type, subject: row.subject,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  };
}
