import type { GivenValues } from '../comms/plan-announcement';
import { parseDate } from './set';

/** Names a person may use for the values an announcement asks for, in every language. */
const NAMES: Record<string, keyof GivenValues> = {
  organisation: 'organisation', organization: 'organisation', organisaatio: 'organisation',
  date: 'date', päivä: 'date', päivämäärä: 'date', datum: 'date',
  contact: 'contact', yhteyshenkilö: 'contact', kontakt: 'contact', kontaktperson: 'contact',
  reason: 'reason', syy: 'reason', orsak: 'reason',
  changes: 'changes', muutokset: 'changes', ändringar: 'changes',
  new_date: 'new_date', uusi_päivä: 'new_date', nytt_datum: 'new_date',
};

/**
 * Reads `name=value` and `name="a value with spaces"` pairs. Returns the values, or the first
 * pair it could not read (an unknown name, or a date that is not one).
 */
export function parseGivenValues(text: string): { ok: true; values: GivenValues; rest: string } | { ok: false; bad: string } {
  const values: GivenValues = {};
  const pair = /([\p{L}_]+)=(?:"([^"]*)"|“([^”]*)”|(\S+))/gu;
  for (const m of text.matchAll(pair)) {
    const name = NAMES[m[1].toLowerCase()];
    const raw = (m[2] ?? m[3] ?? m[4] ?? '').trim();
    if (!name || !raw) return { ok: false, bad: m[0].slice(0, 60) };
    const value = name === 'date' || name === 'new_date' ? parseDate(raw) : raw.slice(0, 500);
    if (!value) return { ok: false, bad: m[0].slice(0, 60) };
    values[name] = value;
  }
  return { ok: true, values, rest: text.replace(pair, ' ').replace(/\s+/g, ' ').trim() };
}
