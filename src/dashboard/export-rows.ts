import { displayUser } from '../commands/user-token';
import { taskRecord } from '../domain/rollout';
import { auditData, type AuditEntry } from './audit-data';
import type { RolloutDashboard } from './open-dashboard';

/** One checklist row of an export: every task of every phase, in playbook order. */
export interface ChecklistRow {
  phase: string;
  ref: string;
  task: string;
  title: string;
  status: 'open' | 'done' | 'na';
  statusText: string;
  role: string;
  assignee: string;
  note: string;
  reason: string;
  condition: string;
  updatedBy: string;
  /** ISO time, or empty. */
  updatedAt: string;
}

/** One audit event as exported: the same fields the audit page shows. */
export type AuditRow = AuditEntry;

export async function checklistRows(d: RolloutDashboard): Promise<ChecklistRow[]> {
  const { views, playbook, deps } = d;
  const updaters = Object.values(views.state.tasks).flatMap((r) => (r.updatedBy ? [r.updatedBy] : []));
  const names = { ...views.names, ...(await deps.store.userNames([...new Set(updaters)])) };
  return playbook.tasks.map((task) => {
    const line = views.taskLine(task);
    const record = taskRecord(views.state, task.key);
    return {
      phase: views.phaseRef(task.phase).name,
      ref: line.ref,
      task: task.key,
      title: line.title,
      status: line.status,
      statusText: d.t(`ui:status_${line.status}`),
      role: line.roleName,
      assignee: line.assignee ? displayUser(line.assignee.id, names) : '',
      note: line.note ?? '',
      reason: line.reason ?? '',
      condition: task.condition ? views.optionName(task.condition) : '',
      updatedBy: record.updatedBy ? displayUser(record.updatedBy, names) : '',
      updatedAt: record.updatedAt ?? '',
    };
  });
}

/** The whole audit trail, oldest first, in the reader's language. */
export async function auditRows(d: RolloutDashboard): Promise<AuditRow[]> {
  const data = await auditData(d, {}, Infinity);
  return data.entries;
}
