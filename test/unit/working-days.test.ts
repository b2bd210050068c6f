import { isWorkingDay, localDate, localDays, workingDaysBetween, zoneOffset } from '../../src/domain/working-days';

describe('working days in Finland', () => {
  it('skip weekends and public holidays', () => {
    expect(isWorkingDay('2026-12-04')).toBe(true); // Friday
    expect(isWorkingDay('2026-12-05')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-25')).toBe(false); // Christmas Day, a Friday
    expect(isWorkingDay('2027-01-06')).toBe(false); // Epiphany, a Wednesday
    expect(isWorkingDay('2027-03-26')).toBe(false); // Good Friday 2027
    expect(isWorkingDay('2027-05-06')).toBe(false); // Ascension Day 2027
  });

  it('count the working days after today up to and including the date', () => {
    expect(workingDaysBetween('2026-12-21', '2026-12-21')).toBe(0);
    expect(workingDaysBetween('2026-12-21', '2026-12-18')).toBe(0);
    // Tue 22, Wed 23, Thu 24 (Christmas Eve is not a public holiday); Fri 25 and Sat 26 are not working days.
    expect(workingDaysBetween('2026-12-21', '2026-12-27')).toBe(3);
    // 2027-03-01 is a Monday: the 20 weekdays of February 2027 plus the 1st.
    expect(workingDaysBetween('2027-01-31', '2027-03-01')).toBe(21);
  });

  it('give the local day of times in order, across midnights and daylight saving changes', () => {
    const previous = process.env.TZ;
    process.env.TZ = 'Europe/Helsinki';
    try {
      const day = localDays();
      const times = ['2027-03-27T21:59:00Z', '2027-03-27T22:00:00Z', '2027-03-28T00:30:00Z', '2027-03-28T20:59:59Z', '2027-03-28T21:00:00Z', '2027-10-30T20:59:00Z', '2027-10-30T21:00:00Z', '2027-10-30T21:59:00Z', '2027-10-30T22:00:00Z'];
      expect(times.map(day)).toEqual(times.map((t) => localDate(new Date(t), 'Europe/Helsinki')));
      expect(times.map(day)).toEqual(['2027-03-27', '2027-03-28', '2027-03-28', '2027-03-28', '2027-03-29', '2027-10-30', '2027-10-31', '2027-10-31', '2027-10-31']);
    } finally {
      process.env.TZ = previous;
    }
  });

  it('take the calendar date in the configured time zone', () => {
    const lateEvening = new Date('2026-12-04T22:30:00Z');
    expect(localDate(lateEvening, 'Europe/Helsinki')).toBe('2026-12-05');
    expect(localDate(lateEvening, 'UTC')).toBe('2026-12-04');
    expect(zoneOffset(lateEvening, 'Europe/Helsinki')).toBe(2 * 3600_000);
    expect(zoneOffset(new Date('2026-07-01T12:00:00Z'), 'Europe/Helsinki')).toBe(3 * 3600_000);
    expect(zoneOffset(new Date('2026-07-01T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3600_000);
  });
});
