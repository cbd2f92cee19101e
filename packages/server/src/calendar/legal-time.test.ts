import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataFileError, parseInstant } from '@ruqsat/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/main.js';
import { captureCli } from '../test-support/cli-capture.js';
import { loadLegalTime } from './legal-time.js';

const legalTime = await loadLegalTime();
const { calendar } = legalTime;
const clock = legalTime.clockFor();

describe("Kazakhstan's calendar data, 2012–2027", () => {
  it('covers every year from 2012 to 2027', () => {
    expect([calendar.firstYear, calendar.lastYear]).toEqual([2012, 2027]);
  });

  it.each(Array.from({ length: 16 }, (_, i) => 2012 + i))('%i agrees with the official production calendar', (year) => {
    const summary = calendar.year(year);
    const expected = summary.source.expect;
    if (expected?.workingDays != null) expect(summary.workingDays).toBe(expected.workingDays);
    if (expected) {
      const moved = summary.daysOff.filter((d) => d.kind === 'moved').map((d) => d.date);
      expect(moved).toEqual(expected.movedDaysOff);
    }
    // Every year of the period has between 242 and 252 working days on a five-day week.
    expect(summary.workingDays).toBeGreaterThanOrEqual(242);
    expect(summary.workingDays).toBeLessThanOrEqual(252);
  });

  it('2026: 247 working days — 30 August is no longer a holiday after the Constitution of 15 March 2026', () => {
    // The ministry's calendar of December 2025 said 246 with 31 August off; see docs/decisions/0004.
    expect(calendar.year(2026).workingDays).toBe(247);
    expect(calendar.isWorkingDay('2026-08-31')).toBe(true);
    expect(calendar.day('2026-03-09')).toMatchObject({ kind: 'moved', holiday: { date: '2026-03-08' } });
    // Kurban Ait on Wednesday 27 May 2026, Orthodox Christmas on Wednesday 7 January.
    expect(calendar.day('2026-05-27')).toMatchObject({ kind: 'holiday', holiday: { religious: true } });
  });

  it('never moves a religious holiday that falls on a weekend', () => {
    // 7 January 2018 was a Sunday; Monday 8 January 2018 was a working day.
    expect(calendar.day('2018-01-07').kind).toBe('holiday');
    expect(calendar.isWorkingDay('2018-01-08')).toBe(true);
  });

  it('applies a transfer across the turn of the year and a transfer of a moved day off (2020)', () => {
    expect(calendar.day('2013-12-28')).toMatchObject({ working: true, kind: 'worked_weekend' });
    expect(calendar.day('2014-01-03')).toMatchObject({ working: false, kind: 'transfer' });
    expect(calendar.day('2020-05-11')).toMatchObject({ working: true, kind: 'worked_weekend' });
    expect(calendar.day('2020-05-08')).toMatchObject({ working: false, kind: 'transfer' });
  });

  it('registers a request received after 18:00 on the eve of Nauryz after the holidays', () => {
    // Friday 20 March 2026 18:05 in Almaty (UTC+5): 21–23 March are Nauryz, 24–25 the moved days.
    expect(clock.registrationDate(parseInstant('2026-03-20T18:05:00+05:00')).toString()).toBe('2026-03-26');
  });

  it('refuses a calendar directory with a broken file, naming file, line and column', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-calendar-'));
    try {
      await writeFile(path.join(dir, '2026.yaml'), 'year: 2026\nsources: []\nholidays: []\ntransfers: []\n');
      await writeFile(
        path.join(dir, 'office-hours.yaml'),
        'zone: Mars/Olympus\ndefault: { periods: [], registrationCutoff: "18:00", source: x }\n',
      );
      const error = await loadLegalTime(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataFileError);
      expect((error as Error).message).toMatch(/2026\.yaml:2:\d+: sources: /);
      expect((error as Error).message).toMatch(/office-hours\.yaml:2:\d+: default\.periods/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('ruqsat calendar', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-cal-cli-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('info YEAR --json counts the working days and gives each day off its reason', async () => {
    const run = captureCli();
    expect(await runCli(['calendar', 'info', '2026', '--json'], run.io)).toBe(0);
    const info = JSON.parse(run.out()) as {
      workingDays: number;
      daysOff: { date: string; kind: string; reason: string }[];
    };
    expect(info.workingDays).toBe(247);
    expect(info.daysOff.find((d) => d.date === '2026-03-24')).toMatchObject({ kind: 'moved' });
    expect(info.daysOff.find((d) => d.date === '2026-01-01')).toMatchObject({ kind: 'holiday', reason: 'New Year' });
    const text = captureCli();
    expect(await runCli(['calendar', 'info', '2026', '--lang', 'kk'], text.io)).toBe(0);
    expect(text.out()).toContain('2026: 247 working days');
    expect(text.out()).toContain('Наурыз мейрамы');
    const outside = captureCli();
    expect(await runCli(['calendar', 'info', '2011'], outside.io)).toBe(1);
    expect(outside.err()).toContain('CALENDAR_OUT_OF_RANGE');
  });

  it('registration --at answers the registration date and when terms start', async () => {
    const run = captureCli();
    expect(await runCli(['calendar', 'registration', '--at', '2026-03-20T18:05:00+05:00', '--json'], run.io)).toBe(0);
    expect(JSON.parse(run.out())).toMatchObject({
      registrationDate: '2026-03-26',
      termStartsAt: '2026-03-26T09:00:00+05:00',
    });
    const local = captureCli();
    expect(await runCli(['calendar', 'registration', '--at', '2026-03-20T18:05:00'], local.io)).toBe(2);
    expect(local.err()).toContain('INVALID_INSTANT');
  });

  it('add prints the due instant with its offset, across the 2024 change of offset', async () => {
    const cases: [string[], string][] = [
      [['--from', '2026-03-02T10:00:00+05:00', '--working-days', '2'], '2026-03-04T18:30:00+05:00'],
      [['--from', '2024-02-29T17:30:00+06:00', '--working-hours', '2'], '2024-03-01T10:00:00+05:00'],
      [['--from', '2026-03-02T10:00:00+05:00', '--minutes', '90'], '2026-03-02T11:30:00+05:00'],
      [['--from', '2026-03-13T10:00:00+05:00', '--calendar-days', '10'], '2026-03-26T18:30:00+05:00'],
    ];
    for (const [args, due] of cases) {
      const run = captureCli();
      expect(await runCli(['calendar', 'add', ...args], run.io)).toBe(0);
      expect(run.out()).toBe(`${due}\n`);
    }
    const none = captureCli();
    expect(await runCli(['calendar', 'add', '--from', '2026-03-02T10:00:00+05:00'], none.io)).toBe(2);
    const half = captureCli();
    expect(
      await runCli(['calendar', 'add', '--from', '2026-03-02T10:00:00+05:00', '--working-days', '1.5'], half.io),
    ).toBe(2);
  });
});
