import { stringify } from 'csv-stringify/sync';
import type { Locale } from '../../src/core/locale';
import { displayDate } from '../../src/comms/plan-announcement';
import type { AuditRow, ChecklistRow } from '../../src/dashboard/export-rows';
import { configuredTimeZone, localDate } from '../../src/domain/working-days';
import type { Translate } from '../../src/i18n/i18n';

/** `d.m.yyyy` in the configured time zone, as Excel set to Finnish reads dates. */
function day(iso: string): string {
  return iso ? displayDate(localDate(new Date(iso)), 'fi') : '';
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function time(iso: string): string {
  if (!iso) return '';
  const timeZone = configuredTimeZone();
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('fi-FI', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or return) as a formula; a note
 * typed in chat must stay text, so such a cell gets a leading apostrophe (OWASP's advice).
 */
function cell(value: string | number): string {
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** UTF-8 with a byte order mark, `;` between fields, CRLF lines: what Excel set to Finnish opens as columns. */
function csv(header: string[], rows: Array<Array<string | number>>): string {
  return stringify([header, ...rows.map((r) => r.map(cell))], { delimiter: ';', bom: true, record_delimiter: 'windows', quoted_match: /[";\r\n]/ });
}

const CHECKLIST_COLUMNS = ['phase', 'ref', 'title', 'status', 'role', 'assignee', 'note', 'reason', 'condition', 'updated_by', 'updated_date', 'updated_time', 'key'] as const;
const AUDIT_COLUMNS = ['date', 'time', 'actor', 'platform', 'text', 'type', 'subject'] as const;

export function checklistCsv(t: Translate, rows: ChecklistRow[]): string {
  return csv(CHECKLIST_COLUMNS.map((c) => t(`web:csv.${c}`)), rows.map((r) => [
    r.phase, r.ref, r.title, r.statusText, r.role, r.assignee, r.note, r.reason, r.condition, r.updatedBy, day(r.updatedAt), time(r.updatedAt), r.task,
  ]));
}

export function auditCsv(t: Translate, rows: AuditRow[]): string {
  return csv(AUDIT_COLUMNS.map((c) => t(`web:csv.${c}`)), rows.map((r) => [day(r.at), time(r.at), r.actor, r.platform, r.text, r.type, r.subject]));
}

/** JSON keeps machine values (ISO times, status codes) next to the texts, for archives and other tools. */
export function exportJson(locale: Locale, rollout: { id: string; name: string }, kind: 'checklist' | 'audit', rows: ChecklistRow[] | AuditRow[], exportedAt: string): string {
  return `${JSON.stringify({ rollout, kind, locale, exportedAt, rows }, null, 2)}\n`;
}
