import { type OfficeClock, Temporal } from '@ruqsat/core';

/**
 * When the simulated officials are at work: the office periods of every working day of a span, as
 * the authority's clock has them (its working calendar, office hours and zone), laid out once as
 * epoch milliseconds. Officials' work is timed on it — a question asked millions of times in a
 * year — rather than through `OfficeClock.addWorkingTime`, which answers it from dates each time;
 * the test holds the two to the same answers. Legal terms are never computed here.
 */
export class OfficeTimeline {
  readonly #opens: number[] = [];
  readonly #closes: number[] = [];

  constructor(clock: OfficeClock, from: Temporal.PlainDate, until: Temporal.PlainDate) {
    for (let date = from; Temporal.PlainDate.compare(date, until) < 0; date = date.add({ days: 1 })) {
      if (!clock.calendar.isWorkingDay(date)) continue;
      for (const period of clock.hours.periods) {
        this.#opens.push(at(clock, date, period.from));
        this.#closes.push(at(clock, date, period.to));
      }
    }
  }

  /** The first instant of office time at or after `t`. */
  opensAt(t: number): number {
    const i = this.#periodAtOrAfter(t);
    return Math.max(t, this.#opens[i] as number);
  }

  /** The instant `ms` of office time after `t`. */
  add(t: number, ms: number): number {
    let remaining = ms;
    for (let i = this.#periodAtOrAfter(t); ; i++) {
      const open = this.#opens[i];
      const close = this.#closes[i];
      if (open === undefined || close === undefined) throw new RangeError('past the end of the office timeline');
      const begin = Math.max(open, t);
      if (remaining <= close - begin) return begin + remaining;
      remaining -= close - begin;
    }
  }

  /** The first period that closes after `t`. */
  #periodAtOrAfter(t: number): number {
    let low = 0;
    let high = this.#closes.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#closes[mid] as number) > t) high = mid;
      else low = mid + 1;
    }
    if (low >= this.#closes.length) throw new RangeError('past the end of the office timeline');
    return low;
  }
}

function at(clock: OfficeClock, date: Temporal.PlainDate, time: string): number {
  return date.toZonedDateTime({ timeZone: clock.zone, plainTime: Temporal.PlainTime.from(time) }).epochMilliseconds;
}
