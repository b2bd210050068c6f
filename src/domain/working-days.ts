import Holidays from 'date-holidays';

/** The time zone dates are counted in: `TZ`, else Helsinki. */
export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

const publicHolidays = new Map<number, ReadonlySet<string>>();
const finland = new Holidays('FI');

/** Finland's public holidays of a year, as `YYYY-MM-DD`. */
function holidaysOf(year: number): ReadonlySet<string> {
  let days = publicHolidays.get(year);
  if (!days) {
    const list = finland.getHolidays(year) || [];
    days = new Set(list.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    publicHolidays.set(year, days);
  }
  return days;
}

/** The calendar date of an instant in a time zone, as `YYYY-MM-DD`. */
export function localDate(at: Date, timeZone: string = process.env.TZ || DEFAULT_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A working day in Finland: Monday to Friday and not a public holiday. */
export function isWorkingDay(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = day.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidaysOf(day.getUTCFullYear()).has(date);
}

/**
 * Working days after `from` up to and including `to` (both `YYYY-MM-DD`): how many working days
 * are left until a date. Zero when `to` is today or past.
 */
export function workingDaysBetween(from: string, to: string): number {
  const end = Date.parse(`${to}T00:00:00Z`);
  let count = 0;
  for (let t = Date.parse(`${from}T00:00:00Z`) + 86_400_000; t <= end; t += 86_400_000) {
    if (isWorkingDay(new Date(t).toISOString().slice(0, 10))) count += 1;
  }
  return count;
}
