import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant.js';
import { testCalendar as calendar, testClock as clock } from './test-calendar.js';

const at = (iso: string) => parseInstant(iso);
const show = (instant: Temporal.Instant) => clock.format(instant);
/** Any instant of 2023-01-01 … 2025-06-30, to the minute. */
const anyInstant = fc
  .integer({ min: 0, max: (365 * 2 + 180) * 24 * 60 })
  .map((minutes) => Temporal.Instant.from('2023-01-01T00:00:00+06:00').add({ minutes }));

describe('registration of a received request', () => {
  it('is the same day up to 18:00 on a working day, the next working day after', () => {
    expect(clock.registrationDate(at('2024-03-19T17:59:59+05:00')).toString()).toBe('2024-03-19');
    expect(clock.registrationDate(at('2024-03-19T18:00:00+05:00')).toString()).toBe('2024-03-19');
    expect(clock.registrationDate(at('2024-03-19T18:00:01+05:00')).toString()).toBe('2024-03-26');
    expect(clock.registrationDate(at('2024-03-19T08:00:00+05:00')).toString()).toBe('2024-03-19');
  });

  it('moves a request received on a day off to the next working day', () => {
    expect(clock.registrationDate(at('2024-03-24T11:00:00+05:00')).toString()).toBe('2024-03-26');
    expect(clock.registrationDate(at('2024-03-16T11:00:00+05:00')).toString()).toBe('2024-03-16'); // worked Saturday
  });

  it('reads the local date in Almaty, not in UTC', () => {
    // 23:30 UTC on Monday is 05:30 on Tuesday in Almaty (UTC+6 then).
    expect(clock.registrationDate(at('2023-03-13T23:30:00Z')).toString()).toBe('2023-03-14');
  });

  it('property: registration never precedes receipt and always falls on a working day', () => {
    fc.assert(
      fc.property(anyInstant, (received) => {
        const date = clock.registrationDate(received);
        expect(Temporal.PlainDate.compare(date, clock.localDate(received))).toBeGreaterThanOrEqual(0);
        expect(calendar.isWorkingDay(date)).toBe(true);
      }),
    );
  });
});

describe('terms', () => {
  it('ends a term in working days at the close of business of the N-th working day', () => {
    expect(show(clock.addWorkingDays(at('2024-03-18T10:00:00+05:00'), 2))).toBe('2024-03-26T18:30:00+05:00');
    expect(show(clock.due(at('2023-06-01T10:00:00+06:00'), { value: 10, max: 15, unit: 'working_days' }))).toBe(
      '2023-06-22T18:30:00+06:00',
    );
  });

  it('counts working hours inside office hours only, skipping lunch, nights and days off', () => {
    expect(show(clock.addWorkingHours(at('2023-06-01T12:00:00+06:00'), 2))).toBe('2023-06-01T15:30:00+06:00');
    expect(show(clock.addWorkingHours(at('2023-06-01T17:30:00+06:00'), 2))).toBe('2023-06-02T10:00:00+06:00');
    expect(show(clock.addWorkingHours(at('2023-06-02T20:00:00+06:00'), 1))).toBe('2023-06-05T10:00:00+06:00');
    expect(show(clock.addWorkingHours(at('2023-06-01T09:00:00+06:00'), 8))).toBe('2023-06-01T18:30:00+06:00');
  });

  it('crosses the change of offset on 1 March 2024 through the zone database', () => {
    // Thursday 29 Feb 2024 17:30 (UTC+6) + 2 working hours = Friday 1 March 10:00 (UTC+5).
    expect(show(clock.addWorkingHours(at('2024-02-29T17:30:00+06:00'), 2))).toBe('2024-03-01T10:00:00+05:00');
    expect(show(clock.addWorkingDays(at('2024-02-28T12:00:00+06:00'), 2))).toBe('2024-03-01T18:30:00+05:00');
    expect(clock.workingTimeBetween(at('2024-02-29T17:30:00+06:00'), at('2024-03-01T10:00:00+05:00'))).toBe(
      2 * 3_600_000,
    );
  });

  it('ends calendar days on a working day (Civil Code art. 174) and counts minutes as elapsed time', () => {
    // 10 calendar days from Friday 15 March 2024 is Monday 25 March, a moved day off → Tuesday 26.
    expect(show(clock.addCalendarDays(at('2024-03-15T10:00:00+05:00'), 10))).toBe('2024-03-26T18:30:00+05:00');
    expect(show(clock.due(at('2024-03-24T23:59:00+05:00'), { value: 1.5, unit: 'minutes' }))).toBe(
      '2024-03-25T00:00:30+05:00',
    );
  });

  it('runs the overall term from the opening of the registration date', () => {
    const registered = clock.registrationDate(at('2023-06-01T18:20:00+06:00'));
    expect(registered.toString()).toBe('2023-06-02');
    expect(show(clock.overallDue(registered, { value: 3, unit: 'working_days' }))).toBe('2023-06-07T18:30:00+06:00');
    expect(show(clock.overallDue(registered, { value: 6, unit: 'working_hours' }))).toBe('2023-06-02T16:30:00+06:00');
  });

  it('property: working time between a start and the end of N working hours is N hours', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 0, max: 200 * 60 }), (from, minutes) => {
        const ms = minutes * 60_000;
        expect(clock.workingTimeBetween(from, clock.addWorkingTime(from, ms))).toBe(ms);
      }),
    );
  });

  it('property: working time is additive over a split point and never negative', () => {
    fc.assert(
      fc.property(anyInstant, anyInstant, anyInstant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort(Temporal.Instant.compare) as [
          Temporal.Instant,
          Temporal.Instant,
          Temporal.Instant,
        ];
        const whole = clock.workingTimeBetween(a, c);
        expect(whole).toBe(clock.workingTimeBetween(a, b) + clock.workingTimeBetween(b, c));
        expect(clock.workingTimeBetween(c, a)).toBe(0);
      }),
      { numRuns: 50 },
    );
  });

  it('property: a due instant is never before the start and adding more never ends earlier', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (from, a, b) => {
        const [few, many] = a <= b ? [a, b] : [b, a];
        for (const unit of ['working_hours', 'working_days', 'calendar_days', 'minutes'] as const) {
          const early = clock.due(from, { value: few, unit });
          // Only a term of zero days may end before its start: at the close of the start date,
          // which has passed for a start after hours.
          const dayTermOfZero = few === 0 && (unit === 'working_days' || unit === 'calendar_days');
          expect(Temporal.Instant.compare(early, from)).toBeGreaterThanOrEqual(dayTermOfZero ? -1 : 0);
          expect(Temporal.Instant.compare(early, clock.due(from, { value: many, unit }))).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('stopped periods', () => {
  it('leaves out the time the application waited on the applicant', () => {
    const from = at('2023-06-01T09:00:00+06:00');
    const to = at('2023-06-02T18:30:00+06:00');
    expect(clock.workingTimeBetween(from, to)).toBe(16 * 3_600_000);
    const stopped = [{ from: at('2023-06-01T15:30:00+06:00'), to: at('2023-06-02T10:30:00+06:00') }];
    expect(clock.workingTimeBetween(from, to, stopped)).toBe(16 * 3_600_000 - (3 + 1.5) * 3_600_000);
    expect(clock.workingTimeBetween(from, to, [{ from: at('2023-06-01T15:30:00+06:00') }])).toBe(5 * 3_600_000);
  });
});

describe('instants', () => {
  it('refuses a local time without an offset', () => {
    expect(() => parseInstant('2024-03-19T18:00:00')).toThrow(expect.objectContaining({ code: 'INVALID_INSTANT' }));
    expect(() => parseInstant('yesterday')).toThrow(expect.objectContaining({ code: 'INVALID_INSTANT' }));
    // An offset the clock never had is still one instant: 18:00+06:00 on 19 March 2024 is 17:00 in Almaty.
    expect(show(parseInstant('2024-03-19T18:00:00+06:00'))).toBe('2024-03-19T17:00:00+05:00');
  });
});
