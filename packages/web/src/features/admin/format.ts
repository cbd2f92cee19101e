import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/languages';

/** A share as a whole percentage in the reader's language, or a dash where there is none. */
export function percent(share: number | null, language: Language): string {
  if (share === null) return '—';
  return language === 'en' ? `${Math.round(share * 100)}%` : `${Math.round(share * 100)} %`;
}

export function decimal(value: number | null, language: Language): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(language === 'en' ? 'en' : 'ru', { maximumFractionDigits: 1 }).format(value);
}

/**
 * Dates in words from the app's own month and weekday names: browsers' date formats lack Kazakh
 * (Chromium's ICU writes "2026 M03 8"), and Russian dates need the month in the genitive.
 */
export function useDates() {
  const { t } = useTranslation('admin');
  const parts = (date: string) => ({
    year: date.slice(0, 4),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  });
  return {
    /** 8 March 2026 · 8 марта 2026 г. · 2026 жылғы 8 наурыз */
    long: (date: string) => {
      const { year, month, day } = parts(date);
      return t('date.long', { day, month: t(`monthOf.${month}`), year });
    },
    /** 8 Mar · 8 мар. · 8 нау. */
    short: (date: string) => {
      const { month, day } = parts(date);
      return t('date.short', { day, month: t(`monthShort.${month}`) });
    },
    /** March 2026 · Март 2026 · 2026 наурыз */
    month: (date: string) => {
      const { year, month } = parts(date);
      return t('date.month', { month: t(`month.${month}`), year });
    },
    /** Mar 2026, for the axis of a chart by month. */
    monthShort: (date: string) => {
      const { year, month } = parts(date);
      return t('date.month', { month: t(`monthShort.${month}`), year });
    },
    /** Monday first. */
    weekdays: (width: 'short' | 'long') =>
      [1, 2, 3, 4, 5, 6, 7].map((d) => t(width === 'short' ? `weekdayShort.${d}` : `weekday.${d}`)),
  };
}
