import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CalendarYear,
  DataFileError,
  type FileProblem,
  OfficeClock,
  type OfficeHoursFile,
  parseCalendarYear,
  parseOfficeHours,
  WorkingCalendar,
} from '@ruqsat/core';

/** Kazakhstan's calendar files shipped with Ruqsat: calendars/kz/ at the root of the repository. */
export const BUILT_IN_CALENDAR_DIR = fileURLToPath(new URL('../../../../calendars/kz/', import.meta.url));

/** The working calendar and the office clocks of the authorities, from one calendar directory. */
export class LegalTime {
  readonly #clocks = new Map<string, OfficeClock>();

  constructor(
    readonly calendar: WorkingCalendar,
    readonly officeHours: OfficeHoursFile,
  ) {}

  /** The clock of an authority: its own office hours when the file has them, the default otherwise. */
  clockFor(authorityId?: string): OfficeClock {
    const key = authorityId !== undefined && this.officeHours.authorities[authorityId] ? authorityId : '';
    let clock = this.#clocks.get(key);
    if (!clock) {
      const hours =
        key === '' ? this.officeHours.default : (this.officeHours.authorities[key] ?? this.officeHours.default);
      clock = new OfficeClock(this.calendar, this.officeHours.zone, hours);
      this.#clocks.set(key, clock);
    }
    return clock;
  }
}

/** Reads YYYY.yaml and office-hours.yaml of a directory; throws DataFileError listing every problem. */
export async function loadLegalTime(dir: string = BUILT_IN_CALENDAR_DIR): Promise<LegalTime> {
  const names = (await readdir(dir)).sort();
  const problems: FileProblem[] = [];
  const years: CalendarYear[] = [];
  for (const name of names.filter((n) => /^\d{4}\.ya?ml$/.test(n))) {
    const file = path.join(dir, name);
    const result = parseCalendarYear(await readFile(file, 'utf8'), display(file));
    if (!result.ok) problems.push(...result.problems);
    else if (String(result.value.year) !== name.slice(0, 4)) {
      problems.push({
        file: display(file),
        line: 1,
        col: 1,
        message: `year ${result.value.year} in a file named ${name}`,
      });
    } else years.push(result.value);
  }
  const hoursFile = path.join(dir, 'office-hours.yaml');
  const hours = parseOfficeHours(await readFile(hoursFile, 'utf8'), display(hoursFile));
  if (!hours.ok) problems.push(...hours.problems);
  if (problems.length > 0 || !hours.ok) throw new DataFileError(problems, 'calendar');
  if (years.length === 0)
    throw new DataFileError(
      [{ file: display(dir), line: 1, col: 1, message: 'no YYYY.yaml calendar files' }],
      'calendar',
    );
  try {
    return new LegalTime(WorkingCalendar.build(years), hours.value);
  } catch (error) {
    throw new DataFileError([{ file: display(dir), line: 1, col: 1, message: (error as Error).message }], 'calendar');
  }
}

function display(file: string): string {
  return path.relative(process.cwd(), file) || file;
}
