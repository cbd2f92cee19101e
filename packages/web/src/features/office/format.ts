import type { DeadlineState } from '../../ui/components';

/** Kazakhstan's authorities count their terms in Almaty time, whatever the reader's clock says. */
const TIME_ZONE = 'Asia/Almaty';

const LOCALES: Readonly<Record<string, string>> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

/** Browsers' Kazakh data often lack month names ("2026 M10 2"): Kazakh dates are spelt out here. */
const KAZAKH_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];

function almatyParts(date: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  return Object.fromEntries(parts.map((part) => [part.type, part.value]));
}

function kazakhDate(date: Date, withTime: boolean): string {
  const p = almatyParts(date);
  const day = `${Number(p.day)} ${KAZAKH_MONTHS[Number(p.month) - 1]} ${p.year} ж.`;
  return withTime ? `${day}, ${p.hour}:${p.minute}` : day;
}

export function formatDateTime(iso: string, language: string): string {
  if (language === 'kk') return kazakhDate(new Date(iso), true);
  return new Intl.DateTimeFormat(LOCALES[language] ?? 'en-GB', {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatDate(isoDate: string, language: string): string {
  // A calendar date (YYYY-MM-DD) names a day, not an instant: read it at noon so no zone moves it.
  const instant = new Date(isoDate.length === 10 ? `${isoDate}T12:00:00Z` : isoDate);
  if (language === 'kk') return kazakhDate(instant, false);
  return new Intl.DateTimeFormat(LOCALES[language] ?? 'en-GB', { timeZone: TIME_ZONE, dateStyle: 'medium' }).format(
    instant,
  );
}

function almatyDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(date);
}

/** Today in Almaty as YYYY-MM-DD (delegations start and end on such days). */
export function todayInAlmaty(): string {
  return almatyDay(new Date());
}

/**
 * How close a step's due is: the server says whether it is overdue; "due today" is the same Almaty
 * day and not yet passed (the queue says so itself, the file does not).
 */
export function deadlineOf(
  step: { readonly due: string; readonly overdue: boolean },
  dueToday?: boolean,
): DeadlineState {
  if (step.overdue) return 'overdue';
  const today = dueToday ?? almatyDay(new Date(step.due)) === almatyDay(new Date());
  return today ? 'due_today' : 'on_time';
}
