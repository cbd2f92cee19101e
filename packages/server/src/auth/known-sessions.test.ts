import { describe, expect, it } from 'vitest';
import { KnownSessions } from './known-sessions.js';

const NOW = new Date('2026-12-01T06:00:00Z');
const until = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
const session = (iin: string, expiresAt = until(8)) => ({ iin, bin: null, roles: [], name: iin, expiresAt });

describe('the sessions an instance remembers', () => {
  it('keeps at most its capacity, forgetting the least recently used first', () => {
    const known = new KnownSessions(2);
    known.remember('a', session('1'));
    known.remember('b', session('2'));
    expect(known.get('a', NOW)?.iin).toBe('1'); // now b is the least recently used
    known.remember('c', session('3'));
    expect([known.size, known.get('a', NOW)?.iin, known.get('b', NOW), known.get('c', NOW)?.iin]).toEqual([
      2,
      '1',
      undefined,
      '3',
    ]);
  });

  it('forgets a session once it has expired, and on request', () => {
    const known = new KnownSessions();
    known.remember('a', session('1', until(1)));
    known.remember('b', session('2'));
    expect(known.get('a', until(1))).toBeUndefined();
    expect(known.size).toBe(1);
    known.forget('b');
    expect(known.get('b', NOW)).toBeUndefined();
  });
});
