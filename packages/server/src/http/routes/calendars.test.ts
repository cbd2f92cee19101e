import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/store.js';
import { TestSignIns } from '../../test-support/signed-in.js';
import { openTestApp } from '../../test-support/test-app.js';
import { openTestStore } from '../../test-support/test-store.js';
import type { ZodApp } from '../zod-app.js';

describe('the public calendar', () => {
  let store: Store;
  let app: ZodApp;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    ({ app } = await openTestApp(store, { signIns: await TestSignIns.create(store.db) }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('gives a year with its working days and the days off with reasons in the reader’s language', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/calendars/2026',
      headers: { 'accept-language': 'ru' },
    });
    expect(response.statusCode).toBe(200);
    const year = response.json();
    // 247, not the 246 of the official calendar: see docs/decisions/0004.
    expect(year.workingDays).toBe(247);
    expect(year.daysOff).toEqual(
      expect.arrayContaining([expect.objectContaining({ date: '2026-03-24', weekday: 'Tue', kind: 'moved' })]),
    );
    const moved = year.daysOff.find((d: { date: string }) => d.date === '2026-03-24');
    expect(moved.reason).toContain('выходной перенесён');
  });

  it('says which years it covers when asked for another', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/calendars/2031',
      headers: { 'accept-language': 'en' },
    });
    expect([response.statusCode, response.json().error.code]).toEqual([422, 'CALENDAR_OUT_OF_RANGE']);
  });
});
