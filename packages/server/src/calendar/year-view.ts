import { type DayInfo, type Locale, Temporal, type WorkingCalendar } from '@ruqsat/core';

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A year of the working-day calendar as the CLI's `--json` and the API show it, reasons in the reader's language. */
export function yearView(calendar: WorkingCalendar, year: number, locale: Locale) {
  const summary = calendar.year(year);
  const day = (d: DayInfo) => ({
    date: d.date,
    weekday: WEEKDAYS[Temporal.PlainDate.from(d.date).dayOfWeek] ?? '',
    kind: d.kind,
    reason: reasonOf(d, locale),
    sources: [...d.sources],
  });
  return {
    year: summary.year,
    workingDays: summary.workingDays,
    daysOff: summary.daysOff.map(day),
    workedWeekends: summary.workedWeekends.map(day),
    sources: summary.source.sources.map((s) => ({ ...s })),
  };
}

/** Why a day is what it is, in words. */
export function reasonOf(day: DayInfo, locale: Locale): string {
  const holiday = day.holiday?.name[locale] ?? '';
  switch (day.kind) {
    case 'holiday':
      return holiday;
    case 'moved':
      return {
        kk: `${holiday} (${day.holiday?.date}, демалыс күніне түсті): демалыс күні ауыстырылды`,
        ru: `${holiday} (${day.holiday?.date}, пришёлся на выходной): выходной перенесён`,
        en: `day off of ${holiday} (${day.holiday?.date}, a weekend day), moved`,
      }[locale];
    case 'transfer':
      return {
        kk: `демалыс күні ${day.transfer?.from} күнінен ауыстырылды`,
        ru: `выходной перенесён с ${day.transfer?.from}`,
        en: `day off transferred from ${day.transfer?.from}`,
      }[locale];
    case 'worked_weekend':
      return {
        kk: `жұмыс күні: демалыс ${day.transfer?.to} күніне ауыстырылды`,
        ru: `рабочий день: выходной перенесён на ${day.transfer?.to}`,
        en: `worked: its day off transferred to ${day.transfer?.to}`,
      }[locale];
    default:
      return '';
  }
}
