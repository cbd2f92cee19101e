import { Temporal } from 'temporal-polyfill';
import type { OfficeHours } from './calendar-data.js';
import type { PlainDate, WorkingCalendar } from './working-calendar.js';

export type Instant = Temporal.Instant;

/** How a term is measured; the regulations' duration units. */
export type TermUnit = 'seconds' | 'minutes' | 'working_hours' | 'working_days' | 'calendar_days';

export interface Term {
  readonly value: number;
  /** The source gives a range ("10–15 working days"): the legal limit is the upper bound. */
  readonly max?: number;
  readonly unit: TermUnit;
}

/** A period during which a term does not run (the application waits on the applicant). */
export interface StoppedPeriod {
  readonly from: Instant;
  /** Still stopped when absent. */
  readonly to?: Instant;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

/**
 * Legal time of one authority: the working calendar, read in the authority's zone (the IANA
 * database, so Almaty's move from UTC+6 to UTC+5 on 1 March 2024 is the zone's business, not
 * ours) with its office hours. Every function takes the instant it starts from; none reads a clock.
 * The exact semantics are in docs/deadlines.md.
 */
export class OfficeClock {
  /** Office periods of a working date as epoch milliseconds, cached: they are asked for often. */
  readonly #periods = new Map<string, readonly (readonly [number, number])[]>();

  constructor(
    readonly calendar: WorkingCalendar,
    readonly zone: string,
    readonly hours: OfficeHours,
  ) {
    // Fail at construction, not at the first deadline, when the zone is unknown.
    Temporal.Now.instant().toZonedDateTimeISO(zone);
  }

  /** The authority's local date at an instant. */
  localDate(instant: Instant): PlainDate {
    return instant.toZonedDateTimeISO(this.zone).toPlainDate();
  }

  /** An instant written as ISO 8601 with the authority's offset at that instant, e.g. 2026-03-02T18:30:00+05:00. */
  format(instant: Instant): string {
    return instant.toZonedDateTimeISO(this.zone).toString({ timeZoneName: 'never', smallestUnit: 'second' });
  }

  /**
   * The date a request received at `receivedAt` is registered: the same day when it is a working
   * day and the request came before the cutoff (18:00), otherwise the next working day.
   */
  registrationDate(receivedAt: Instant): PlainDate {
    const local = receivedAt.toZonedDateTimeISO(this.zone);
    const date = local.toPlainDate();
    // «after 18:00 … registered the next working day»: 18:00:00 itself is still the same day.
    const sameDay = Temporal.PlainTime.compare(local.toPlainTime(), this.hours.registrationCutoff) <= 0;
    return this.calendar.isWorkingDay(date) && sameDay ? date : this.calendar.nextWorkingDay(date);
  }

  /** Opening of the first office period of a date (the instant a registered request's clock starts). */
  opening(date: PlainDate): Instant {
    return this.#at(date, this.hours.periods[0]?.from ?? '00:00');
  }

  /** Close of the last office period of a date: when a term that ends on that date expires. */
  closing(date: PlainDate): Instant {
    return this.#at(date, this.hours.periods.at(-1)?.to ?? '23:59');
  }

  /** Close of business on the `n`-th working day after the local date of `from` (that date not counted). */
  addWorkingDays(from: Instant, n: number): Instant {
    return this.closing(this.calendar.addWorkingDays(this.localDate(from), n));
  }

  /**
   * Close of business on the date `n` calendar days after the local date of `from`; when that date
   * is not a working day, on the next working day (Civil Code art. 174).
   */
  addCalendarDays(from: Instant, n: number): Instant {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`calendar days must be a whole number ≥ 0, not ${n}`);
    const last = this.localDate(from).add({ days: n });
    return this.closing(this.calendar.isWorkingDay(last) ? last : this.calendar.nextWorkingDay(last));
  }

  /** `hours` of office time after `from`: time outside office periods and on days off does not count. */
  addWorkingHours(from: Instant, hours: number): Instant {
    return this.addWorkingTime(from, hours * MS_PER_HOUR);
  }

  /** `ms` milliseconds of office time after `from`. */
  addWorkingTime(from: Instant, ms: number): Instant {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`working time must be ≥ 0, not ${ms}`);
    const start = from.epochMilliseconds;
    if (ms === 0) return from;
    let remaining = ms;
    for (let date = this.localDate(from); ; date = this.calendar.nextWorkingDay(date)) {
      for (const [open, close] of this.#officePeriods(date)) {
        const begin = Math.max(open, start);
        if (begin >= close) continue;
        if (remaining <= close - begin) return Temporal.Instant.fromEpochMilliseconds(begin + remaining);
        remaining -= close - begin;
      }
    }
  }

  /** Elapsed real time: seconds and minutes time actions of the portal, systems and counters. */
  addElapsed(from: Instant, ms: number): Instant {
    return from.add({ milliseconds: Math.round(ms) });
  }

  /** When a term measured from `from` runs out. */
  due(from: Instant, term: Term): Instant {
    const value = term.max ?? term.value;
    switch (term.unit) {
      case 'seconds':
        return this.addElapsed(from, value * 1000);
      case 'minutes':
        return this.addElapsed(from, value * MS_PER_MINUTE);
      case 'working_hours':
        return this.addWorkingHours(from, value);
      case 'working_days':
        return this.addWorkingDays(from, value);
      case 'calendar_days':
        return this.addCalendarDays(from, value);
    }
  }

  /**
   * The overall term of a request registered on `registrationDate`: close of business on the N-th
   * working day after it (hours count from the opening of that day).
   */
  overallDue(registrationDate: PlainDate, term: Term): Instant {
    return this.due(this.opening(registrationDate), term);
  }

  /** Office time in [from, to), in milliseconds, without the stopped periods. */
  workingTimeBetween(from: Instant, to: Instant, stopped: readonly StoppedPeriod[] = []): number {
    let total = 0;
    for (const [a, b] of subtract(from.epochMilliseconds, to.epochMilliseconds, stopped))
      total += this.#officeTime(a, b);
    return total;
  }

  /** Office time in [a, b) of epoch milliseconds. */
  #officeTime(a: number, b: number): number {
    if (b <= a) return 0;
    let total = 0;
    const last = this.localDate(Temporal.Instant.fromEpochMilliseconds(b));
    let date = this.localDate(Temporal.Instant.fromEpochMilliseconds(a));
    if (!this.calendar.isWorkingDay(date)) date = this.calendar.nextWorkingDay(date);
    for (; Temporal.PlainDate.compare(date, last) <= 0; date = this.calendar.nextWorkingDay(date)) {
      for (const [open, close] of this.#officePeriods(date)) {
        total += Math.max(0, Math.min(close, b) - Math.max(open, a));
      }
    }
    return total;
  }

  /** Office periods of a date, empty on a day off. */
  #officePeriods(date: PlainDate): readonly (readonly [number, number])[] {
    const key = date.toString();
    let periods = this.#periods.get(key);
    if (!periods) {
      periods = this.calendar.isWorkingDay(date)
        ? this.hours.periods.map(
            (p) => [this.#at(date, p.from).epochMilliseconds, this.#at(date, p.to).epochMilliseconds] as const,
          )
        : [];
      this.#periods.set(key, periods);
    }
    return periods;
  }

  #at(date: PlainDate, time: string): Instant {
    return date.toZonedDateTime({ timeZone: this.zone, plainTime: Temporal.PlainTime.from(time) }).toInstant();
  }
}

/** [a, b) minus the stopped periods, as ordered disjoint intervals of epoch milliseconds. */
function subtract(a: number, b: number, stopped: readonly StoppedPeriod[]): [number, number][] {
  const cuts = stopped
    .map((s) => [s.from.epochMilliseconds, s.to?.epochMilliseconds ?? Number.POSITIVE_INFINITY] as const)
    .sort((x, y) => x[0] - y[0]);
  const result: [number, number][] = [];
  let cursor = a;
  for (const [from, to] of cuts) {
    if (to <= cursor) continue;
    if (from >= b) break;
    if (from > cursor) result.push([cursor, Math.min(from, b)]);
    cursor = Math.max(cursor, to);
    if (cursor >= b) break;
  }
  if (cursor < b) result.push([cursor, b]);
  return result;
}
