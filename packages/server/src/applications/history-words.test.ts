import type { EngineEvent } from '@ruqsat/core';
import { describe, expect, it } from 'vitest';
import { almatyTime, historyLine, notificationText } from './history-words.js';

describe('history and notifications in plain words', () => {
  it('tells times in Almaty time, across the 2024 change of the zone', () => {
    expect(almatyTime('2026-03-17T13:00:00Z')).toBe('2026-03-17 18:00');
    expect(almatyTime('2013-03-05T12:00:00Z')).toBe('2013-03-05 18:00');
  });

  it('says when the result is due as the applicant reads the clock', () => {
    const submitted = {
      type: 'submitted',
      at: '2026-03-02T04:00:00Z',
      by: 'iin:850101300015',
      registrationDate: '2026-03-02',
      termDue: '2026-03-17T13:00:00Z',
    } as EngineEvent;
    expect(historyLine(submitted, undefined, 'ru')).toContain('срок рассмотрения до 2026-03-17 18:00');
    expect(notificationText('resumed', { termDue: '2026-03-17T13:00:00Z' }, 'kk')).toContain('2026-03-17 18:00 дейін');
  });
});
