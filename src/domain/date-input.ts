/**
 * Dates as people type them here: `2027-03-15`, `15.3.2027`, `15.3.` (the next 15 March, today
 * included) and relative to today: `+3d` days, `+2w` / `+2vk` / `+2v` weeks (English, Finnish
 * "viikko", Swedish "vecka"). The day-month and relative forms need today's date (`YYYY-MM-DD`);
 * without it only the two full forms are read, as where a bare number could be something else.
 */
export function parseDate(text: string, today?: string): string | undefined {
  const input = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(input);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(input);
  if (dotted) return calendarDate(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  if (!today) return undefined;
  const dayMonth = /^(\d{1,2})\.(\d{1,2})\.$/.exec(input);
  if (dayMonth) return nextDayMonth(Number(dayMonth[1]), Number(dayMonth[2]), today);
  const relative = /^\+(\d{1,3})(d|w|vk|v)$/i.exec(input);
  if (relative) {
    const days = Number(relative[1]) * (relative[2].toLowerCase() === 'd' ? 1 : 7);
    return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  }
  return undefined;
}

/** The accepted forms, for error messages (the same in every language). */
export const DATE_FORMS = '15.3.2027, 15.3., 2027-03-15, +3d, +2w, +2vk, +2v';

/** `YYYY-MM-DD`, or undefined unless year, month and day make a real calendar date. */
function calendarDate(year: number, month: number, day: number): string | undefined {
  if (year < 1000) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** The first such day on or after today; 29.2. waits for the next leap year. */
function nextDayMonth(day: number, month: number, today: string): string | undefined {
  const year = Number(today.slice(0, 4));
  for (let y = year; y <= year + 8; y += 1) {
    const date = calendarDate(y, month, day);
    if (date && date >= today) return date;
    if (!date && !(month === 2 && day === 29)) return undefined;
  }
  return undefined;
}
