import type { Language, Localized } from '../../i18n/languages';
import { isLanguage } from '../../i18n/languages';

/** Dates and sums as the reader's language writes them; times in Almaty, where the legal clock runs. */

const LOCALES: Readonly<Record<Language, string>> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

function localeOf(language: string): string {
  return LOCALES[isLanguage(language) ? language : 'kk'];
}

/** Kazakh month names in the genitive-free form dates use («1 желтоқсан 2026 ж.»). */
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

function almatyParts(date: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Almaty',
  }).formatToParts(date);
  return Object.fromEntries(parts.map((part) => [part.type, part.value]));
}

function dateOf(value: string): Date {
  // A bare date (2026-11-30) is a legal date already: noon keeps it the same day in Almaty.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+05:00`) : new Date(value);
}

// Browsers often ship without Kazakh date data (they print "2026 M12 1"), so Kazakh dates are
// written here as Kazakh writes them; Russian and English come from Intl.
function kazakhDate(date: Date): string {
  const p = almatyParts(date);
  return `${Number(p.day)} ${KAZAKH_MONTHS[Number(p.month) - 1]} ${p.year} ж.`;
}

export function formatDate(value: string, language: string): string {
  const date = dateOf(value);
  if (language === 'kk') return kazakhDate(date);
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'long', timeZone: 'Asia/Almaty' }).format(date);
}

export function formatDateTime(value: string, language: string): string {
  const date = dateOf(value);
  if (language === 'kk') {
    const p = almatyParts(date);
    return `${kazakhDate(date)}, ${p.hour}:${p.minute}`;
  }
  return new Intl.DateTimeFormat(localeOf(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Almaty',
  }).format(date);
}

export function formatTenge(amount: number, language: string): string {
  return `${numberFormat(language).format(amount)} ₸`;
}

/** Kazakh groups digits as Russian does (432 500); browsers without Kazakh data would not. */
function numberFormat(language: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'ru-RU', options);
}

export function formatBytes(size: number, language: string): string {
  const format = numberFormat(language, { maximumFractionDigits: 1 });
  if (size < 1024) return `${format.format(size)} B`;
  if (size < 1024 * 1024) return `${format.format(size / 1024)} KB`;
  return `${format.format(size / 1024 / 1024)} MB`;
}

/** The reader's language of a value the API gives in three. */
export function localized(value: Localized | null | undefined, language: string): string {
  if (!value) return '';
  return value[isLanguage(language) ? language : 'kk'];
}
