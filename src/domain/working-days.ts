import Holidays from 'date-holidays';

/** The time zone dates are counted in: `TZ`, else Helsinki. */
export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

/** The configured time zone (`TZ`, else Helsinki): the one calendar every date and timed job follows. */
export function configuredTimeZone(): string {
  return process.env.TZ || DEFAULT_TIME_ZONE;
}

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

/** Formatters per time zone: building one costs far more than using it. */
const formats = new Map<string, Intl.DateTimeFormat>();

/** Year, month, day, hour, minute and second of an instant on the clocks of a time zone. */
function wallClock(at: Date, timeZone: string): number[] {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  return ['year', 'month', 'day', 'hour', 'minute', 'second'].map((type) => Number(parts.find((p) => p.type === type)!.value));
}

/** The calendar date of an instant in a time zone, as `YYYY-MM-DD`. */
export function localDate(at: Date, timeZone: string = configuredTimeZone()): string {
  const [y, m, d] = wallClock(at, timeZone);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** How far a time zone's clocks are ahead of UTC at an instant, in milliseconds. */
export function zoneOffset(at: Date, timeZone: string = configuredTimeZone()): number {
  const [y, m, d, h, mi, s] = wallClock(at, timeZone);
  return Date.UTC(y, m - 1, d, h, mi, s) - (at.getTime() - at.getUTCMilliseconds());
}

/**
 * The local day (`YYYY-MM-DD`) of ISO times that come in order. Formatting a date in a time zone costs more
 * than everything else the chart does, so it is done once per local day: an event before the
 * next local midnight belongs to the same day as the one before it.
 */
export function localDays(): (iso: string) => string {
  let day = '';
  // The local day's bounds as ISO strings: times in the store's form (`toISOString`) compare as strings.
  let from = '~';
  let until = '';
  return (iso) => {
    if (iso >= from && iso < until) return day;
    day = localDate(new Date(iso));
    // Midnight at both ends of the local day, with the offset each has (a DST change moves it).
    const midnight = Date.parse(`${day}T00:00:00Z`);
    from = new Date(midnight - zoneOffset(new Date(midnight))).toISOString();
    const next = midnight + 86_400_000;
    until = new Date(next - zoneOffset(new Date(next))).toISOString();
    return day;
  };
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
  const key = `${from}/${to}`;
  let count = counted.get(key);
  if (count === undefined) {
    count = 0;
    const end = Date.parse(`${to}T00:00:00Z`);
    for (let t = Date.parse(`${from}T00:00:00Z`) + 86_400_000; t <= end; t += 86_400_000) {
      if (isWorkingDay(new Date(t).toISOString().slice(0, 10))) count += 1;
    }
    if (counted.size >= 10_000) counted.clear();
    counted.set(key, count);
  }
  return count;
}

/** Answers by date pair: a portfolio asks the same question for every rollout going live the same day. */
const counted = new Map<string, number>();

/**
 * The working day `count` working days after `date` (before it when negative). From a day off,
 * one working day later is the first working day after it; zero gives the date itself.
 */
export function addWorkingDays(date: string, count: number): string {
  const step = count < 0 ? -86_400_000 : 86_400_000;
  let t = Date.parse(`${date}T00:00:00Z`);
  for (let left = Math.abs(count); left > 0; ) {
    t += step;
    if (isWorkingDay(new Date(t).toISOString().slice(0, 10))) left -= 1;
  }
  return new Date(t).toISOString().slice(0, 10);
}
