import { Temporal } from 'temporal-polyfill';
import { RuqsatError } from '../errors/ruqsat-error.js';
import type { CalendarYear, Holiday, Transfer } from './calendar-data.js';

export type PlainDate = Temporal.PlainDate;

/** Why a day is what it is. */
export type DayKind =
  /** Monday–Friday with nothing special. */
  | 'weekday'
  /** A day off worked because the government moved it (`transfer.from`): a weekend day, or once a moved day off. */
  | 'worked_weekend'
  | 'weekend'
  | 'holiday'
  /** A weekday off because a holiday fell on a weekend (Law on holidays, art. 5). */
  | 'moved'
  /** A weekday off by a government transfer (`transfer.to`). */
  | 'transfer';

export interface DayInfo {
  readonly date: string;
  readonly working: boolean;
  readonly kind: DayKind;
  /** For `holiday` the holiday itself; for `moved` the holiday whose day off moved here. */
  readonly holiday?: Holiday;
  /** For `transfer` and `worked_weekend`: the transfer. */
  readonly transfer?: Transfer;
  /** Ids of the calendar sources that make the day what it is. */
  readonly sources: readonly string[];
}

export interface YearSummary {
  readonly year: number;
  readonly workingDays: number;
  /** Days off that are not an ordinary Saturday or Sunday, in date order. */
  readonly daysOff: readonly DayInfo[];
  /** Saturdays and Sundays worked by transfer. */
  readonly workedWeekends: readonly DayInfo[];
  readonly source: CalendarYear;
}

const SATURDAY = 6;
const SUNDAY = 7;
const HOLIDAYS_LAW = 'holidays-law';

/**
 * Kazakhstan's working days for a range of consecutive years, from the yearly calendar files.
 * Weekends, holidays and transfers come from the data; the day off moved when a non-religious
 * holiday falls on a weekend is derived, so the files say only what an act says. A date outside
 * the covered years is an error, never a guess.
 */
export class WorkingCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  /** Every day that is not an ordinary weekday or weekend, by ISO date. */
  readonly #special: Map<string, DayInfo>;
  readonly #years: Map<number, CalendarYear>;
  /** Per year, the ordinal of each working day (1-based), for O(1) working-day arithmetic. */
  readonly #workingIndex = new Map<number, { dates: string[]; ordinal: Map<string, number> }>();

  private constructor(years: readonly CalendarYear[]) {
    const sorted = [...years].sort((a, b) => a.year - b.year);
    this.firstYear = sorted[0]?.year ?? Number.NaN;
    this.lastYear = sorted.at(-1)?.year ?? Number.NaN;
    this.#years = new Map(sorted.map((y) => [y.year, y]));
    this.#special = new Map();
    // Holidays first, then the days off they move, then the government's transfers: a decree is
    // made knowing the moves, and may even make a moved day off a working day (11 May 2020).
    for (const year of sorted) this.#addHolidays(year);
    for (const year of sorted) this.#addMoves(year);
    const transfers = new Map(sorted.flatMap((y) => y.transfers).map((t) => [`${t.from}>${t.to}`, t]));
    for (const transfer of transfers.values()) this.#addTransfer(transfer);
  }

  /**
   * Builds the calendar; the years must be consecutive and each given once. A transfer may cross
   * into the next year (28 Dec 2013 → 3 Jan 2014) and then appears in both files.
   */
  static build(years: readonly CalendarYear[]): WorkingCalendar {
    if (years.length === 0) throw new Error('a working calendar needs at least one year');
    const numbers = years.map((y) => y.year).sort((a, b) => a - b);
    numbers.forEach((year, i) => {
      if (i > 0 && year !== (numbers[i - 1] as number) + 1) {
        throw new Error(`calendar years must be consecutive: ${numbers[i - 1]} is followed by ${year}`);
      }
    });
    for (const year of years) {
      const foreign = year.holidays.find((h) => !h.date.startsWith(`${year.year}-`));
      if (foreign) throw new Error(`calendar ${year.year} lists the holiday ${foreign.date}, a date of another year`);
      const stray = year.transfers.find(
        (t) => !t.from.startsWith(`${year.year}-`) && !t.to.startsWith(`${year.year}-`),
      );
      if (stray)
        throw new Error(`calendar ${year.year} lists the transfer ${stray.from} → ${stray.to} of another year`);
    }
    return new WorkingCalendar(years);
  }

  /** What a date is; throws CALENDAR_OUT_OF_RANGE outside the covered years. */
  day(date: PlainDate | string): DayInfo {
    const plain = typeof date === 'string' ? Temporal.PlainDate.from(date) : date;
    this.#assertCovered(plain);
    const iso = plain.toString();
    const special = this.#special.get(iso);
    if (special) return special;
    const weekend = plain.dayOfWeek === SATURDAY || plain.dayOfWeek === SUNDAY;
    return { date: iso, working: !weekend, kind: weekend ? 'weekend' : 'weekday', sources: [] };
  }

  isWorkingDay(date: PlainDate | string): boolean {
    return this.day(date).working;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: PlainDate): PlainDate {
    return this.addWorkingDays(date, 1);
  }

  /**
   * The `n`-th working day strictly after `date` (n ≥ 1), or `date` itself for n = 0. The day
   * `date` is never counted: a term that starts on a day runs from the next one (Civil Code art. 173).
   */
  addWorkingDays(date: PlainDate, n: number): PlainDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, not ${n}`);
    if (n === 0) return date;
    let year = date.year;
    this.#assertCovered(date);
    // Position of `date` among the year's working days: the count of working days up to and including it.
    let index = this.#workingIndexOf(year);
    let position = this.#workingDaysUpTo(date);
    let remaining = n;
    while (position + remaining > index.dates.length) {
      remaining -= index.dates.length - position;
      year += 1;
      if (year > this.lastYear) {
        throw new RuqsatError('CALENDAR_OUT_OF_RANGE', {
          date: `${year}-01-01`,
          firstYear: this.firstYear,
          lastYear: this.lastYear,
        });
      }
      index = this.#workingIndexOf(year);
      position = 0;
    }
    return Temporal.PlainDate.from(index.dates[position + remaining - 1] as string);
  }

  /** Working days in (from, to]: how many working days end after `from` up to and including `to`. */
  workingDaysBetween(from: PlainDate, to: PlainDate): number {
    if (Temporal.PlainDate.compare(to, from) <= 0) return 0;
    let count = 0;
    for (let year = from.year; year <= to.year; year++) {
      const upTo = year === to.year ? this.#workingDaysUpTo(to) : this.#workingIndexOf(year).dates.length;
      const before = year === from.year ? this.#workingDaysUpTo(from) : 0;
      count += upTo - before;
    }
    return count;
  }

  /** The year's working days, days off with their reasons, and worked weekends. */
  year(year: number): YearSummary {
    const source = this.#years.get(year);
    if (!source) {
      throw new RuqsatError('CALENDAR_OUT_OF_RANGE', {
        date: `${year}-01-01`,
        firstYear: this.firstYear,
        lastYear: this.lastYear,
      });
    }
    const special = [...this.#special.values()]
      .filter((d) => d.date.startsWith(`${year}-`))
      .sort((a, b) => a.date.localeCompare(b.date));
    return {
      year,
      workingDays: this.#workingIndexOf(year).dates.length,
      daysOff: special.filter((d) => !d.working),
      workedWeekends: special.filter((d) => d.working),
      source,
    };
  }

  #addHolidays(year: CalendarYear): void {
    for (const holiday of year.holidays) {
      this.#special.set(holiday.date, {
        date: holiday.date,
        working: false,
        kind: 'holiday',
        holiday,
        sources: [holiday.source],
      });
    }
  }

  /**
   * In date order, each non-religious holiday on a weekend moves its day off to the next day that
   * is still a working day (Law on holidays, art. 5), so two such holidays in a row take two days.
   */
  #addMoves(year: CalendarYear): void {
    const onWeekend = year.holidays
      .filter((h) => !h.religious && Temporal.PlainDate.from(h.date).dayOfWeek >= SATURDAY)
      .sort((a, b) => a.date.localeCompare(b.date));
    for (const holiday of onWeekend) {
      let candidate = Temporal.PlainDate.from(holiday.date).add({ days: 1 });
      while (!this.#isPlainWeekday(candidate)) candidate = candidate.add({ days: 1 });
      const iso = candidate.toString();
      this.#special.set(iso, { date: iso, working: false, kind: 'moved', holiday, sources: [HOLIDAYS_LAW] });
    }
  }

  /** «перенести выходной день с `from` на `to»: `from` must be a day off, `to` a working weekday. */
  #addTransfer(transfer: Transfer): void {
    const from = this.#special.get(transfer.from);
    const fromIsWeekend = Temporal.PlainDate.from(transfer.from).dayOfWeek >= SATURDAY;
    if (!(fromIsWeekend && (from === undefined || from.kind === 'weekend')) && from?.kind !== 'moved') {
      throw new Error(`transfer ${transfer.from} → ${transfer.to}: ${transfer.from} is not a day off to transfer`);
    }
    if (this.#special.has(transfer.to) || Temporal.PlainDate.from(transfer.to).dayOfWeek >= SATURDAY) {
      throw new Error(`transfer ${transfer.from} → ${transfer.to}: ${transfer.to} is not a working weekday`);
    }
    this.#special.set(transfer.from, {
      date: transfer.from,
      working: true,
      kind: 'worked_weekend',
      transfer,
      sources: [transfer.source],
    });
    this.#special.set(transfer.to, {
      date: transfer.to,
      working: false,
      kind: 'transfer',
      transfer,
      sources: [transfer.source],
    });
  }

  /** A Monday–Friday that nothing has made special yet. */
  #isPlainWeekday(date: PlainDate): boolean {
    return date.dayOfWeek < SATURDAY && !this.#special.has(date.toString());
  }

  #workingIndexOf(year: number) {
    let index = this.#workingIndex.get(year);
    if (!index) {
      const dates: string[] = [];
      for (let d = Temporal.PlainDate.from({ year, month: 1, day: 1 }); d.year === year; d = d.add({ days: 1 })) {
        if (this.day(d).working) dates.push(d.toString());
      }
      index = { dates, ordinal: new Map(dates.map((d, i) => [d, i + 1])) };
      this.#workingIndex.set(year, index);
    }
    return index;
  }

  /** How many working days of its year fall on or before `date`. */
  #workingDaysUpTo(date: PlainDate): number {
    this.#assertCovered(date);
    const { dates, ordinal } = this.#workingIndexOf(date.year);
    const exact = ordinal.get(date.toString());
    if (exact !== undefined) return exact;
    // Binary search for the count of working dates ≤ date (ISO strings sort as dates).
    const iso = date.toString();
    let low = 0;
    let high = dates.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((dates[mid] as string) <= iso) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #assertCovered(date: PlainDate): void {
    if (date.year < this.firstYear || date.year > this.lastYear) {
      throw new RuqsatError('CALENDAR_OUT_OF_RANGE', {
        date: date.toString(),
        firstYear: this.firstYear,
        lastYear: this.lastYear,
      });
    }
  }
}
