import { isWorkingDay, localDate, workingDaysBetween } from '../../src/domain/working-days';

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

  it('take the calendar date in the configured time zone', () => {
    const lateEvening = new Date('2026-12-04T22:30:00Z');
    expect(localDate(lateEvening, 'Europe/Helsinki')).toBe('2026-12-05');
    expect(localDate(lateEvening, 'UTC')).toBe('2026-12-04');
  });
});
