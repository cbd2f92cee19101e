// The virtual year's own correctness, on small years: deterministic, every application accounted
// for, figures that add up, compliance that follows capacity, and a database slice that ends where
// the in-process run ended. How fast it runs is measured by the bench, never asserted here.
import { Temporal } from '@ruqsat/core';
import { describe, expect, it } from 'vitest';
import { loadLegalTime } from '../packages/server/src/calendar/legal-time.js';
import { openTestStore, TEST_DRIVERS } from '../packages/server/src/test-support/test-store.js';
import { benchVirtualYear, printVirtualYear, type VirtualYearFigures } from './virtual-year.js';
import { OfficeTimeline } from './virtual-year-office-hours.js';
import { Draws } from './virtual-year-random.js';

const small = { applications: 400, seed: 7 } as const;

function expectAccountedFor(f: VirtualYearFigures): void {
  const { totals, authorities, steps, months } = f.compliance;
  const decided = (o: { onTime: number; late: number }) => o.onTime + o.late;
  expect(totals.submitted).toBe(f.applications);
  expect(decided(totals.decided) + totals.withdrawn + totals.open.total).toBe(f.applications);
  expect(Object.values(totals.open.byReason).reduce((a, b) => a + b, 0)).toBe(totals.open.total);
  for (const a of authorities) {
    expect(decided(a.decided) + a.withdrawn + a.open.total).toBe(a.submitted);
    expect(a.granted + a.refused).toBe(decided(a.decided));
    expect(a.open.overdue).toBeLessThanOrEqual(a.open.total);
  }
  expect(months.reduce((n, m) => n + m.submitted, 0)).toBe(f.applications);
  expect(months.reduce((n, m) => n + decided(m.decided), 0)).toBe(decided(totals.decided));
  expect(steps.reduce((n, s) => n + decided(s.completed), 0)).toBe(decided(totals.stepsCompleted));
  expect(f.commands.submit).toBe(f.applications);
}

// Small years, but each loads the catalogue and lays out a calendar year: generous on a busy machine.
describe('virtual year', { timeout: 120_000 }, () => {
  it('gives the same year for the same seed, and another for another seed', async () => {
    const first = await benchVirtualYear(small);
    const again = await benchVirtualYear(small);
    const other = await benchVirtualYear({ ...small, seed: 8 });
    expect(again.yearDigest).toBe(first.yearDigest);
    expect(again.compliance).toEqual(first.compliance);
    expect(again.commands).toEqual(first.commands);
    expect(again.events).toBe(first.events);
    expect(other.yearDigest).not.toBe(first.yearDigest);
  });

  it('accounts for every application: decided, withdrawn, or open at year end with a reason', async () => {
    const f = await benchVirtualYear(small);
    expectAccountedFor(f);
    // Every completed step is one `complete` command (2026's services have no check whose silence refuses).
    expect(f.compliance.totals.stepsCompleted.onTime + f.compliance.totals.stepsCompleted.late).toBe(
      f.commands.complete,
    );
    // Applicants were asked for more, and answered or withdrew.
    expect(f.commands.return_to_applicant).toBeGreaterThan(0);
    expect((f.commands.resume ?? 0) + (f.commands.withdraw ?? 0)).toBeLessThanOrEqual(
      f.commands.return_to_applicant ?? 0,
    );
    expect(f.compliance.totals.withdrawn).toBe(f.commands.withdraw ?? 0);
    // Arrivals through December leave some open when the year ends.
    expect(f.compliance.totals.open.total).toBeGreaterThan(0);
    expect(f.baseline.events).toBeGreaterThanOrEqual(f.events);
    const lines: string[] = [];
    printVirtualYear(f, (line) => lines.push(line));
    expect(lines.join('\n')).toContain('not measured (a smaller year)');
  });

  it('makes deadline compliance an outcome of capacity: a third of the staff misses terms the full staff meets', async () => {
    const full = await benchVirtualYear({ ...small, applications: 2500 });
    const third = await benchVirtualYear({ ...small, applications: 2500, staffing: 0.35 });
    const lateShare = (f: VirtualYearFigures) => {
      const s = f.compliance.totals.stepsCompleted;
      return s.late / (s.onTime + s.late);
    };
    expect(lateShare(third)).toBeGreaterThan(lateShare(full));
    expect(third.compliance.totals.decided.late).toBeGreaterThan(full.compliance.totals.decided.late);
    expect(third.compliance.authorities.some((a) => a.stepsMarkedOverdue > 0)).toBe(true);
    expectAccountedFor(third);
  });

  it('asks outside systems and takes their answers in a year whose services have checks (2019)', async () => {
    const f = await benchVirtualYear({ ...small, year: 2019 });
    expectAccountedFor(f);
    expect(f.commands.request_external_check).toBeGreaterThan(0);
    expect(f.commands.answer_external_check).toBeGreaterThan(0);
    expect(f.compliance.authorities.some((a) => a.authorityId.includes(':'))).toBe(true);
  });

  it('times the officials on the same office hours as the legal clock', async () => {
    const clock = (await loadLegalTime()).clockFor();
    const from = Temporal.PlainDate.from('2026-01-01');
    const timeline = new OfficeTimeline(clock, from, from.add({ years: 2 }));
    const draws = new Draws(3);
    const start = from.toZonedDateTime(clock.zone).epochMilliseconds;
    for (let i = 0; i < 300; i++) {
      const t = start + Math.floor(draws.next() * 360 * 86_400_000);
      const ms = Math.floor(draws.next() * 40 * 3_600_000);
      const instant = Temporal.Instant.fromEpochMilliseconds(t);
      expect(timeline.add(t, ms)).toBe(clock.addWorkingTime(instant, ms).epochMilliseconds);
      expect(timeline.opensAt(t)).toBe(clock.addWorkingTime(instant, 1).epochMilliseconds - 1);
    }
  });

  for (const driver of TEST_DRIVERS) {
    it(`ends a slice given again through the store (${driver}) in the same states and chain heads`, async () => {
      const store = await openTestStore(driver);
      try {
        const f = await benchVirtualYear({ applications: 150, seed: 11, store, sliceEvery: 10 });
        expect(f.slice?.applications).toBe(15);
        expect(f.slice?.mismatches).toEqual([]);
        expect(f.slice?.chainsIntact).toBe(true);
        expect(f.slice?.commands).toBeGreaterThan(15);
      } finally {
        await store.close();
      }
    });
  }
});
