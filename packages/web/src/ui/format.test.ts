import { describe, expect, it } from 'vitest';
import {
  addDays,
  almatyDate,
  formatBytes,
  formatDate,
  formatDateTime,
  formatDateWithWeekday,
  formatDecimal,
  formatMonth,
  formatNumericDate,
  formatNumericDateTime,
  formatPercent,
  formatShortDate,
  formatTenge,
  formatTime,
  localized,
  weekdayNames,
} from './format';

/** Intl separates groups and units with no-break spaces; the tests read them as plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('dates', () => {
  it('spell Kazakh dates out, as documents write them', () => {
    expect(formatDate('2026-12-01', 'kk')).toBe('2026 жылғы 1 желтоқсан');
    expect(formatDateWithWeekday('2026-12-01', 'kk')).toBe('2026 жылғы 1 желтоқсан, сейсенбі');
    expect(formatShortDate('2026-03-08', 'kk')).toBe('8 нау.');
    expect(formatMonth('2026-03-01', 'kk')).toBe('2026 ж. наурыз');
    expect(formatMonth('2026-03-01', 'kk', 'short')).toBe('2026 ж. нау.');
    expect(weekdayNames('kk', 'long')[0]).toBe('дүйсенбі');
    expect(weekdayNames('kk', 'short')).toHaveLength(7);
  });

  it('write Russian and English dates with Intl, the month in the genitive where Russian wants it', () => {
    expect(plain(formatDate('2026-03-08', 'ru'))).toBe('8 марта 2026 г.');
    expect(formatDate('2026-03-08', 'en')).toBe('8 March 2026');
    expect(formatDateWithWeekday('2026-12-01', 'ru')).toMatch(/^вторник, 1 декабря 2026/);
    expect(formatDateWithWeekday('2026-12-01', 'en')).toMatch(/^Tuesday,? 1 December 2026$/);
    expect(formatShortDate('2026-03-08', 'en')).toBe('8 Mar');
    expect(plain(formatMonth('2026-03-01', 'ru'))).toMatch(/^Март 2026/);
    expect(formatMonth('2026-03-01', 'en')).toBe('March 2026');
    expect(weekdayNames('ru', 'long')[0]).toBe('понедельник');
    expect(weekdayNames('en', 'short')[6]).toBe('Sun');
  });

  it('take a calendar date as the day it names and a moment as its day in Almaty', () => {
    // 19:30 UTC on 30 November is half past midnight on 1 December in Almaty (UTC+5).
    const lateEvening = '2026-11-30T19:30:00Z';
    expect(almatyDate(new Date(lateEvening))).toBe('2026-12-01');
    expect(formatTime(lateEvening)).toBe('00:30');
    expect(formatDateTime(lateEvening, 'kk')).toBe('2026 жылғы 1 желтоқсан, 00:30');
    expect(plain(formatDateTime(lateEvening, 'ru'))).toBe('1 декабря 2026 г., 00:30');
    expect(formatDateTime(lateEvening, 'en')).toBe('1 December 2026, 00:30');
    expect(formatNumericDateTime(lateEvening)).toBe('01.12.2026, 00:30');
    expect(almatyDate(new Date('2026-03-20T18:59:00Z'))).toBe('2026-03-20');
    expect(almatyDate(new Date('2026-03-20T19:00:00Z'))).toBe('2026-03-21');
    // A bare date is not moved by any zone, whatever the computer's clock.
    expect(formatNumericDate('2026-11-30')).toBe('30.11.2026');
    expect(formatDate('2026-01-01', 'en')).toBe('1 January 2026');
  });

  it('count whole days across months and leap days', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('fall back to Kazakh for a language the app does not have', () => {
    expect(formatDate('2026-12-01', 'de')).toBe('2026 жылғы 1 желтоқсан');
  });
});

describe('numbers', () => {
  it('group tenge as Russian does in Kazakh and Russian, with commas in English', () => {
    expect(plain(formatTenge(432500, 'kk'))).toBe('432 500 ₸');
    expect(plain(formatTenge(432500, 'ru'))).toBe('432 500 ₸');
    expect(formatTenge(432500, 'en')).toBe('432,500 ₸');
  });

  it('write file sizes in binary units with one decimal at most', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(12_800, 'en')).toBe('12.5 KB');
    expect(formatBytes(12_800, 'kk')).toBe('12,5 KB');
    expect(formatBytes(3 * 1024 * 1024, 'ru')).toBe('3 MB');
  });

  it('write shares and decimals, and a dash where there is none', () => {
    expect(formatPercent(0.854, 'en')).toBe('85%');
    expect(plain(formatPercent(0.854, 'ru'))).toBe('85 %');
    expect(formatPercent(null, 'kk')).toBe('—');
    expect(formatDecimal(12.345, 'kk')).toBe('12,3');
    expect(formatDecimal(null, 'en')).toBe('—');
  });
});

describe('texts in three languages', () => {
  const name = { kk: 'Казино', ru: 'Казино (рус.)', en: 'Casino' };

  it("pick the reader's language", () => {
    expect(localized(name, 'en')).toBe('Casino');
    expect(localized(name, 'ru')).toBe('Казино (рус.)');
    expect(localized(name, 'xx')).toBe('Казино');
  });

  it('fall back to Russian, then Kazakh, then the fallback given', () => {
    expect(localized({ kk: 'Сауда', ru: 'Торговля' }, 'en')).toBe('Торговля');
    expect(localized({ kk: 'Сауда' }, 'en')).toBe('Сауда');
    expect(localized(null, 'kk', 'casino@1')).toBe('casino@1');
    expect(localized(undefined, 'kk')).toBe('');
  });
});
