import { addDays, todayInAlmaty } from '../../ui/format';
import type { Period } from './admin-api';

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const PRESETS = ['30', '90', '365', 'year'] as const;
export type Preset = (typeof PRESETS)[number];

export function presetPeriod(preset: Preset, today: string = todayInAlmaty()): Period {
  if (preset === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  return { from: addDays(today, -(Number(preset) - 1)), to: today };
}

export function isIsoDate(value: string | null): value is string {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** One slice of a period for the charts over time: a week or a month, clipped to the period. */
export interface Bucket extends Period {
  readonly unit: 'week' | 'month';
}

/**
 * The report routes answer totals for a period; a chart over time asks them once per slice. Up to
 * about three months go by week (at most 14 questions), longer periods by month.
 */
export function bucketsOf(period: Period): Bucket[] {
  const length = daysBetween(period.from, period.to) + 1;
  const unit = length <= 98 ? 'week' : 'month';
  const buckets: Bucket[] = [];
  let from = period.from;
  while (from <= period.to && buckets.length < 60) {
    const end = unit === 'week' ? endOfWeek(from) : endOfMonth(from);
    // biome-ignore lint/complexity/useMathMinMax: ISO dates compare as strings, not numbers
    const to = end < period.to ? end : period.to;
    buckets.push({ from, to, unit });
    from = addDays(to, 1);
  }
  return buckets;
}

function endOfWeek(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(date, 6 - weekday);
}

function endOfMonth(date: string): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}
