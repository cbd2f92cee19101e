import { isLocale, type Locale, parseInstant, type TermUnit } from '@ruqsat/core';
import type { Command } from 'commander';
import { loadLegalTime } from '../../calendar/legal-time.js';
import { yearView } from '../../calendar/year-view.js';
import { type CliIo, ExitCode } from '../output.js';
import { UsageError } from '../usage-error.js';

const AMOUNT_OPTIONS = {
  workingDays: 'working_days',
  workingHours: 'working_hours',
  minutes: 'minutes',
  calendarDays: 'calendar_days',
} as const satisfies Record<string, TermUnit>;

/** `ruqsat calendar info|registration|add`: Kazakhstan's working days and legal deadlines. */
export function registerCalendarCommands(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  const calendar = program
    .command('calendar')
    .description("Kazakhstan's working-day calendar and legal deadlines (Asia/Almaty, office hours, 18:00 cutoff)");

  calendar
    .command('info')
    .description('working days of a year, the days off with their reasons, and worked weekend days')
    .argument('<year>', 'e.g. 2026')
    .option('--lang <kk|ru|en>', 'language of holiday names', 'en')
    .option('--json', 'print JSON')
    .action(async (yearText: string, options: { lang: string; json?: boolean }) => {
      if (!/^\d{4}$/.test(yearText)) throw new UsageError(`YEAR must be four digits, not "${yearText}"`);
      const lang = localeOption(options.lang);
      const view = yearView((await loadLegalTime()).calendar, Number(yearText), lang);
      if (options.json) {
        io.out(`${JSON.stringify(view, null, 2)}\n`);
      } else {
        const line = (d: (typeof view.daysOff)[number]) =>
          `  ${d.date} ${d.weekday}  ${d.kind.padEnd(14)} ${d.reason}\n`;
        io.out(`${view.year}: ${view.workingDays} working days (five-day week)\n`);
        io.out('Days off besides ordinary Saturdays and Sundays:\n');
        for (const d of view.daysOff) io.out(line(d));
        io.out(`Weekend days worked: ${view.workedWeekends.length === 0 ? 'none' : ''}\n`);
        for (const d of view.workedWeekends) io.out(line(d));
        io.out('Sources:\n');
        for (const s of view.sources) io.out(`  [${s.id}] ${s.title}${s.ref ? `, ${s.ref}` : ''}\n`);
      }
      setExitCode(ExitCode.ok);
    });

  calendar
    .command('registration')
    .description(
      'the registration date of a request received at an instant (after 18:00 or on a day off: the next working day)',
    )
    .requiredOption('--at <instant>', 'ISO 8601 with offset, e.g. 2026-03-02T18:05:00+05:00')
    .option('--authority <id>', "use the authority's own office hours")
    .option('--json', 'print JSON')
    .action(async (options: { at: string; authority?: string; json?: boolean }) => {
      const clock = (await loadLegalTime()).clockFor(options.authority);
      const received = parseInstant(options.at);
      const date = clock.registrationDate(received);
      const sameDay = date.equals(clock.localDate(received));
      const printed = {
        receivedAt: clock.format(received),
        registrationDate: date.toString(),
        termStartsAt: clock.format(clock.opening(date)),
        rule: sameDay
          ? 'received on a working day up to the cutoff: registered the same day'
          : `received after the ${clock.hours.registrationCutoff} cutoff or on a day off: registered on the next working day`,
      };
      io.out(
        options.json
          ? `${JSON.stringify(printed, null, 2)}\n`
          : `${printed.registrationDate}\n  received ${printed.receivedAt}; ${printed.rule}; terms run from ${printed.termStartsAt}\n`,
      );
      setExitCode(ExitCode.ok);
    });

  calendar
    .command('add')
    .description('when a term started at an instant runs out; prints an ISO 8601 instant with offset')
    .requiredOption('--from <instant>', 'ISO 8601 with offset, e.g. 2026-03-02T10:00:00+05:00')
    .option('--working-days <n>', 'close of business on the n-th working day after the start date')
    .option('--working-hours <n>', 'n hours of office time')
    .option('--minutes <n>', 'n minutes of elapsed time')
    .option('--calendar-days <n>', 'close of business n calendar days later (a day off: the next working day)')
    .option('--authority <id>', "use the authority's own office hours")
    .option('--json', 'print JSON')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const given = Object.entries(AMOUNT_OPTIONS).filter(([option]) => options[option] !== undefined);
      if (given.length !== 1) {
        throw new UsageError('give exactly one of --working-days, --working-hours, --minutes, --calendar-days');
      }
      const [option, unit] = given[0] as [string, TermUnit];
      const value = Number(options[option]);
      const whole = unit === 'working_days' || unit === 'calendar_days';
      if (!Number.isFinite(value) || value < 0 || (whole && !Number.isInteger(value))) {
        throw new UsageError(
          `--${kebab(option)} must be a ${whole ? 'whole ' : ''}number ≥ 0, not "${options[option]}"`,
        );
      }
      const clock = (await loadLegalTime()).clockFor(
        typeof options.authority === 'string' ? options.authority : undefined,
      );
      const from = parseInstant(String(options.from));
      const due = clock.format(clock.due(from, { value, unit }));
      io.out(
        options.json ? `${JSON.stringify({ from: clock.format(from), value, unit, due }, null, 2)}\n` : `${due}\n`,
      );
      setExitCode(ExitCode.ok);
    });
}

function localeOption(value: string): Locale {
  if (!isLocale(value)) throw new UsageError(`--lang must be kk, ru or en, not "${value}"`);
  return value;
}

function kebab(option: string): string {
  return option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
