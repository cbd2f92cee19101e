import { useTranslation } from 'react-i18next';
import { isLanguage, type Language, type Localized } from '../../i18n/languages';

/**
 * Kazakhstan keeps one time zone since 1 March 2024 (UTC+5), and the centres' slots and tickets
 * are in its local time whatever the operator's computer is set to.
 */
export const CENTRE_TIME_ZONE = 'Asia/Almaty';

const LOCALES: Readonly<Record<Language, string>> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

/**
 * Chromium's built-in locale data has no Kazakh month names (it prints «2026 M12 1»), so Kazakh
 * dates are written here, in the usual «2026 жылғы 1 желтоқсан, сейсенбі» form.
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
];
const KAZAKH_WEEKDAYS = ['жексенбі', 'дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі'];

/** A YYYY-MM-DD date in Kazakh words, with its weekday when asked. */
function kazakhDate(isoDate: string, weekday: boolean): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const words = `${year} жылғы ${day} ${KAZAKH_MONTHS[(month ?? 1) - 1]}`;
  if (!weekday) return words;
  return `${words}, ${KAZAKH_WEEKDAYS[new Date(`${isoDate}T00:00:00Z`).getUTCDay()]}`;
}

/** Formatting in the user's language: times of day in the centre's zone, dates, names in three languages. */
export function useCentreFormat() {
  const { i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'kk';
  const locale = LOCALES[language];
  const time = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: CENTRE_TIME_ZONE,
    }).format(new Date(iso));
  return {
    language,
    name: (localized: Localized | undefined): string => localized?.[language] ?? '',
    time,
    dateTime: (iso: string) =>
      language === 'kk'
        ? `${kazakhDate(centreToday(new Date(iso)), false)}, ${time(iso)}`
        : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: CENTRE_TIME_ZONE }).format(
            new Date(iso),
          ),
    /** A calendar date (YYYY-MM-DD) as words, without moving it across zones. */
    date: (isoDate: string) =>
      language === 'kk'
        ? kazakhDate(isoDate, true)
        : new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(
            new Date(`${isoDate}T00:00:00Z`),
          ),
  };
}

/** Today's date in the centre's zone, as YYYY-MM-DD. */
export function centreToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CENTRE_TIME_ZONE }).format(now);
}

/** A date `days` after a YYYY-MM-DD date. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
