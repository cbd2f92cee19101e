import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../i18n/languages';

/**
 * Dates, times, sums and three-language texts as every part of the app shows them.
 *
 * Kazakhstan keeps one time zone (UTC+5 since 1 March 2024) and its terms, slots, tickets and
 * signatures are dated in it: moments are shown in Almaty time whatever the reader's computer says.
 */
export const ALMATY_TIME_ZONE = 'Asia/Almaty';

/**
 * Browsers' built-in locale data often lacks Kazakh (Debian's Chromium prints «2026 M12 1»), so
 * Kazakh dates are spelt out here as Kazakh documents write them («2026 жылғы 1 желтоқсан»);
 * Russian and English come from Intl, which knows them everywhere.
 */
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
] as const;
const KAZAKH_MONTHS_SHORT = [
  'қаң.',
  'ақп.',
  'нау.',
  'сәу.',
  'мам.',
  'мау.',
  'шіл.',
  'там.',
  'қыр.',
  'қаз.',
  'қар.',
  'жел.',
] as const;
/** Monday first, as the working week and the calendars run. */
const KAZAKH_WEEKDAYS = ['дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі', 'жексенбі'] as const;
const KAZAKH_WEEKDAYS_SHORT = ['дс', 'сс', 'ср', 'бс', 'жм', 'сб', 'жс'] as const;

const LOCALES: Readonly<Record<Language, string>> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

function languageOf(language: string): Language {
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * The day a value names: a bare YYYY-MM-DD is a calendar (legal) day already and is taken as it
 * is — no zone may move it; a moment is the day it is in Almaty at that moment.
 */
function dayOf(value: string): Day {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [year, month, day] = value.split('-').map(Number) as [number, number, number];
    return { year, month, day };
  }
  const [year, month, day] = almatyDate(new Date(value)).split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** The day as an instant Intl can format in UTC without moving it. */
function utcNoonOf({ year, month, day }: Day): Date {
  return new Date(Date.UTC(year, month - 1, day, 12));
}

function formatDay(day: Day, language: Language, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone: 'UTC' }).format(utcNoonOf(day));
}

/** Monday = 0 … Sunday = 6. */
function weekdayIndex(day: Day): number {
  return (utcNoonOf(day).getUTCDay() + 6) % 7;
}

/** The date of a moment in Almaty, as YYYY-MM-DD. */
export function almatyDate(moment: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ALMATY_TIME_ZONE }).format(moment);
}

/** Today in Almaty, as YYYY-MM-DD (the day bookings, delegations and deadlines count from). */
export function todayInAlmaty(): string {
  return almatyDate(new Date());
}

/** The YYYY-MM-DD date `days` after another. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** 2026 жылғы 1 желтоқсан · 1 декабря 2026 г. · 1 December 2026 (a date or a moment's Almaty day). */
export function formatDate(value: string, language: string): string {
  const day = dayOf(value);
  const lang = languageOf(language);
  if (lang === 'kk') return `${day.year} жылғы ${day.day} ${KAZAKH_MONTHS[day.month - 1]}`;
  return formatDay(day, lang, { dateStyle: 'long' });
}

/** 2026 жылғы 1 желтоқсан, сейсенбі · вторник, 1 декабря 2026 г. · Tuesday, 1 December 2026 */
export function formatDateWithWeekday(value: string, language: string): string {
  const day = dayOf(value);
  const lang = languageOf(language);
  if (lang === 'kk') return `${formatDate(value, lang)}, ${KAZAKH_WEEKDAYS[weekdayIndex(day)]}`;
  return formatDay(day, lang, { dateStyle: 'full' });
}

/** 14:05 in Almaty, the same in every language. */
export function formatTime(moment: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: ALMATY_TIME_ZONE,
  }).format(new Date(moment));
}

/** A moment as its Almaty date and time: 2026 жылғы 1 желтоқсан, 14:05 · 1 декабря 2026 г., 14:05 */
export function formatDateTime(moment: string, language: string): string {
  return `${formatDate(moment, language)}, ${formatTime(moment)}`;
}

/** 8 нау. · 8 мар. · 8 Mar — for the buckets of a report. */
export function formatShortDate(value: string, language: string): string {
  const day = dayOf(value);
  const lang = languageOf(language);
  if (lang === 'kk') return `${day.day} ${KAZAKH_MONTHS_SHORT[day.month - 1]}`;
  return formatDay(day, lang, { day: 'numeric', month: 'short' });
}

/** 2026 ж. наурыз · Март 2026 г. · March 2026 — a month standing alone, as a caption or an axis label. */
export function formatMonth(value: string, language: string, width: 'long' | 'short' = 'long'): string {
  const day = dayOf(value);
  const lang = languageOf(language);
  if (lang === 'kk') {
    return `${day.year} ж. ${(width === 'long' ? KAZAKH_MONTHS : KAZAKH_MONTHS_SHORT)[day.month - 1]}`;
  }
  const text = formatDay(day, lang, { month: width, year: 'numeric' });
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The names of the weekdays, Monday first: дүйсенбі… · понедельник… · Monday… */
export function weekdayNames(language: string, width: 'long' | 'short'): string[] {
  const lang = languageOf(language);
  if (lang === 'kk') return [...(width === 'long' ? KAZAKH_WEEKDAYS : KAZAKH_WEEKDAYS_SHORT)];
  // 5 January 2026 was a Monday.
  return [5, 6, 7, 8, 9, 10, 11].map((day) => formatDay({ year: 2026, month: 1, day }, lang, { weekday: width }));
}

/** 30.11.2026 — a date as Kazakhstan writes it on documents, the same in every language. */
export function formatNumericDate(value: string): string {
  const { year, month, day } = dayOf(value);
  return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`;
}

/** 30.11.2026, 14:05 — a moment in Almaty as documents write it. */
export function formatNumericDateTime(moment: string): string {
  return `${formatNumericDate(moment)}, ${formatTime(moment)}`;
}

/** Kazakh groups digits as Russian does (432 500,5); browsers without Kazakh data would not. */
function numberFormat(language: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return new Intl.NumberFormat(languageOf(language) === 'en' ? 'en-GB' : 'ru-RU', options);
}

/** 432 500 ₸ · 432,500 ₸ */
export function formatTenge(amount: number, language: string): string {
  return `${numberFormat(language).format(amount)} ₸`;
}

/** A file's size: 512 B, 12,5 KB, 3,2 MB (binary kilobytes, one decimal at most). */
export function formatBytes(size: number, language: string): string {
  const format = numberFormat(language, { maximumFractionDigits: 1 });
  if (size < 1024) return `${format.format(size)} B`;
  if (size < 1024 * 1024) return `${format.format(size / 1024)} KB`;
  return `${format.format(size / 1024 / 1024)} MB`;
}

/** A number with one decimal at most, or a dash where there is none. */
export function formatDecimal(value: number | null, language: string): string {
  return value === null ? '—' : numberFormat(language, { maximumFractionDigits: 1 }).format(value);
}

/** A share (0…1) as a whole percentage: 85 % · 85%, or a dash where there is none. */
export function formatPercent(share: number | null, language: string): string {
  return share === null ? '—' : numberFormat(language, { style: 'percent' }).format(share);
}

/** Texts the API gives in three languages (or, from the state databases, in Kazakh and Russian only). */
export type LocalizedText = Readonly<Partial<Record<Language, string>>>;

/**
 * The reader's language of a text, else its Russian, else its Kazakh (the state databases keep no
 * English), else the fallback — usually the id, so that something names the thing.
 */
export function localized(text: LocalizedText | null | undefined, language: string, fallback = ''): string {
  return text?.[languageOf(language)] || text?.ru || text?.kk || fallback;
}

/** `localized` for the language the interface is in now. */
export function useLocalized(): (text: LocalizedText | null | undefined, fallback?: string) => string {
  const { i18n } = useTranslation();
  return (text, fallback = '') => localized(text, i18n.language, fallback);
}
