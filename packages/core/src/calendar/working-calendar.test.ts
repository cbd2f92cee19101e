import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { RuqsatError } from '../errors/ruqsat-error.js';
import { testCalendar as calendar, TEST_YEARS } from './test-calendar.js';
import { WorkingCalendar } from './working-calendar.js';

const date = (iso: string) => Temporal.PlainDate.from(iso);
/** Any date of the covered years, leaving room for the additions below. */
const coveredDate = fc
  .integer({ min: 0, max: 365 * 2 })
  .map((days) => Temporal.PlainDate.from('2023-01-01').add({ days }));

describe('the working calendar', () => {
  it('classifies weekdays, weekends, holidays, moved days and transfers', () => {
    expect(calendar.day('2023-01-04')).toMatchObject({ working: true, kind: 'weekday' });
    expect(calendar.day('2023-01-08')).toMatchObject({ working: false, kind: 'weekend' });
    expect(calendar.day('2023-01-02')).toMatchObject({ working: false, kind: 'holiday' });
    // 1 Jan 2023 is a Sunday; 2 Jan is a holiday itself, so the day off moves to 3 Jan.
    expect(calendar.day('2023-01-03')).toMatchObject({
      working: false,
      kind: 'moved',
      holiday: { date: '2023-01-01' },
    });
    // Orthodox Christmas on Saturday 7 Jan 2023 is religious: no day is moved for it.
    expect(calendar.day('2023-01-09')).toMatchObject({ working: true, kind: 'weekday' });
    expect(calendar.day('2024-03-16')).toMatchObject({ working: true, kind: 'worked_weekend' });
    expect(calendar.day('2024-03-20')).toMatchObject({ working: false, kind: 'transfer' });
    expect(calendar.day('2024-03-25')).toMatchObject({
      working: false,
      kind: 'moved',
      holiday: { date: '2024-03-23' },
    });
    // Two holidays on one weekend take two days.
    expect(calendar.day('2025-03-10').kind).toBe('moved');
    expect(calendar.day('2025-03-11').kind).toBe('moved');
    expect(calendar.day('2025-03-12').kind).toBe('weekday');
  });

  it('counts a year and lists its days off with reasons', () => {
    const year = calendar.year(2023);
    // 260 weekdays in 2023, minus 2 Jan, 3 Jan (moved) and 8 Mar.
    expect(year.workingDays).toBe(257);
    expect(year.daysOff.map((d) => `${d.date} ${d.kind}`)).toEqual([
      '2023-01-01 holiday',
      '2023-01-02 holiday',
      '2023-01-03 moved',
      '2023-01-07 holiday',
      '2023-03-08 holiday',
    ]);
    expect(calendar.year(2024).workedWeekends.map((d) => d.date)).toEqual(['2024-03-16']);
  });

  it('refuses dates outside the covered years with a stable code', () => {
    const outside = () => calendar.day('2022-12-31');
    expect(outside).toThrow(RuqsatError);
    expect(outside).toThrow(expect.objectContaining({ code: 'CALENDAR_OUT_OF_RANGE' }));
    expect(() => calendar.addWorkingDays(date('2025-12-30'), 5)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_OUT_OF_RANGE' }),
    );
  });

  it('refuses years that are not consecutive', () => {
    expect(() => WorkingCalendar.build([TEST_YEARS[0], TEST_YEARS[2]] as never)).toThrow(/consecutive/);
  });

  it('adds working days without counting the start date', () => {
    expect(calendar.addWorkingDays(date('2024-03-15'), 1).toString()).toBe('2024-03-16'); // worked Saturday
    expect(calendar.addWorkingDays(date('2024-03-19'), 1).toString()).toBe('2024-03-26'); // 20–25 are off
    expect(calendar.addWorkingDays(date('2023-12-29'), 2).toString()).toBe('2024-01-04'); // across the year
    expect(calendar.addWorkingDays(date('2024-03-23'), 0).toString()).toBe('2024-03-23');
  });

  it('property: adding working days never lands on a day off', () => {
    fc.assert(
      fc.property(coveredDate, fc.integer({ min: 1, max: 120 }), (from, n) => {
        expect(calendar.isWorkingDay(calendar.addWorkingDays(from, n))).toBe(true);
      }),
    );
  });

  it('property: adding working days is additive', () => {
    fc.assert(
      fc.property(coveredDate, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (from, a, b) => {
        const stepwise = calendar.addWorkingDays(calendar.addWorkingDays(from, a), b);
        expect(stepwise.equals(calendar.addWorkingDays(from, a + b))).toBe(true);
      }),
    );
  });

  it('property: adding working days is monotonic in the start and in the count', () => {
    fc.assert(
      fc.property(
        coveredDate,
        coveredDate,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (d1, d2, a, b) => {
          const [early, late] = Temporal.PlainDate.compare(d1, d2) <= 0 ? [d1, d2] : [d2, d1];
          expect(
            Temporal.PlainDate.compare(calendar.addWorkingDays(early, a), calendar.addWorkingDays(late, a)),
          ).toBeLessThanOrEqual(0);
          const [few, many] = a <= b ? [a, b] : [b, a];
          expect(
            Temporal.PlainDate.compare(calendar.addWorkingDays(d1, few), calendar.addWorkingDays(d1, many)),
          ).toBeLessThanOrEqual(0);
        },
      ),
    );
  });

  it('property: counting working days between two dates inverts adding them', () => {
    fc.assert(
      fc.property(coveredDate, fc.integer({ min: 0, max: 120 }), (from, n) => {
        expect(calendar.workingDaysBetween(from, calendar.addWorkingDays(from, n))).toBe(n);
      }),
    );
  });

  it('agrees with a day-by-day walk', () => {
    fc.assert(
      fc.property(coveredDate, fc.integer({ min: 1, max: 40 }), (from, n) => {
        let d = from;
        for (let left = n; left > 0; ) {
          d = d.add({ days: 1 });
          if (calendar.isWorkingDay(d)) left--;
        }
        expect(calendar.addWorkingDays(from, n).equals(d)).toBe(true);
      }),
    );
  });
});
