import { describe, expect, it } from 'vitest';
import { bucketsOf, presetPeriod } from './period';

describe('report periods', () => {
  it('go back whole days, across months and leap days', () => {
    expect(presetPeriod('30', '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetPeriod('year', '2026-11-30')).toEqual({ from: '2026-01-01', to: '2026-11-30' });
  });

  it('slice up to three months by Monday-to-Sunday weeks, clipped to the period', () => {
    const weeks = bucketsOf({ from: '2026-03-04', to: '2026-03-20' });
    expect(weeks).toEqual([
      { from: '2026-03-04', to: '2026-03-08', unit: 'week' },
      { from: '2026-03-09', to: '2026-03-15', unit: 'week' },
      { from: '2026-03-16', to: '2026-03-20', unit: 'week' },
    ]);
  });

  it('slice longer periods by calendar month, every day in exactly one slice', () => {
    const months = bucketsOf({ from: '2025-12-15', to: '2026-05-10' });
    expect(months.map((m) => [m.from, m.to])).toEqual([
      ['2025-12-15', '2025-12-31'],
      ['2026-01-01', '2026-01-31'],
      ['2026-02-01', '2026-02-28'],
      ['2026-03-01', '2026-03-31'],
      ['2026-04-01', '2026-04-30'],
      ['2026-05-01', '2026-05-10'],
    ]);
    expect(months.every((m) => m.unit === 'month')).toBe(true);
  });
});
