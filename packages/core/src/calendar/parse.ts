import { Temporal } from 'temporal-polyfill';
import { type FileProblem, parseYamlAs } from '../data/parse-yaml.js';
import { CalendarYear, OfficeHoursFile } from './calendar-data.js';

export type CalendarParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly FileProblem[] };

/**
 * Parses calendars/<country>/<year>.yaml: the schema, then what the schema cannot say — every date
 * in its year, no holiday listed twice, a transfer gives a weekday off, sources named. Whether a
 * transfer's `from` is a day off is known only with the moves; WorkingCalendar.build checks it.
 */
export function parseCalendarYear(text: string, file: string): CalendarParseResult<CalendarYear> {
  const result = parseYamlAs(CalendarYear, text, file);
  if (!result.ok) return result;
  const { value: year, parsed } = result;
  const problems: FileProblem[] = [];
  const report = (path: PropertyKey[], message: string) =>
    problems.push({ file, ...parsed.positionOf(path), message: `${path.map(String).join('.')}: ${message}` });
  const sourceIds = new Set(year.sources.map((s) => s.id));
  const seen = new Set<string>();
  const dateCheck = (path: PropertyKey[], date: string) => {
    if (!date.startsWith(`${year.year}-`)) report(path, `${date} is not in ${year.year}`);
    if (seen.has(date)) report(path, `${date} is listed twice`);
    seen.add(date);
  };
  year.holidays.forEach((holiday, i) => {
    dateCheck(['holidays', i, 'date'], holiday.date);
    if (!sourceIds.has(holiday.source)) report(['holidays', i, 'source'], `no source "${holiday.source}"`);
  });
  year.transfers.forEach((transfer, i) => {
    // A transfer may reach into the next or previous year (28 Dec 2013 → 3 Jan 2014), not further.
    const adjacent = (date: string) => Math.abs(Number(date.slice(0, 4)) - year.year) <= 1;
    if (!transfer.from.startsWith(`${year.year}-`) && !transfer.to.startsWith(`${year.year}-`)) {
      report(['transfers', i], `neither ${transfer.from} nor ${transfer.to} is in ${year.year}`);
    }
    for (const key of ['from', 'to'] as const) {
      if (!adjacent(transfer[key])) report(['transfers', i, key], `${transfer[key]} is too far from ${year.year}`);
    }
    if (Temporal.PlainDate.from(transfer.to).dayOfWeek >= 6) {
      report(['transfers', i, 'to'], `${transfer.to} is a weekend day; a transfer gives a weekday off`);
    }
    if (!sourceIds.has(transfer.source)) report(['transfers', i, 'source'], `no source "${transfer.source}"`);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: year };
}

/** Parses calendars/<country>/office-hours.yaml and checks that the zone is one the IANA database knows. */
export function parseOfficeHours(text: string, file: string): CalendarParseResult<OfficeHoursFile> {
  const result = parseYamlAs(OfficeHoursFile, text, file);
  if (!result.ok) return result;
  try {
    Temporal.Now.instant().toZonedDateTimeISO(result.value.zone);
  } catch {
    return {
      ok: false,
      problems: [
        { file, ...result.parsed.positionOf(['zone']), message: `zone: unknown time zone "${result.value.zone}"` },
      ],
    };
  }
  return { ok: true, value: result.value };
}
