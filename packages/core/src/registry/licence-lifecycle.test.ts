import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RuqsatError } from '../errors/ruqsat-error.js';
import { LicenceChange, LicenceStatus, licenceStatusAfter } from './licence-lifecycle.js';

const changes = fc.array(fc.constantFrom(...Object.values(LicenceChange)), { maxLength: 30 });

/** Applies the changes that are allowed and skips the refused ones, recording both. */
function live(sequence: readonly LicenceChange[]) {
  let status: LicenceStatus | null = null;
  const trail: { change: LicenceChange; before: LicenceStatus | null; after: LicenceStatus | null }[] = [];
  for (const change of sequence) {
    const before = status;
    try {
      status = licenceStatusAfter(status, change);
    } catch (error) {
      expect(error).toBeInstanceOf(RuqsatError);
      expect((error as RuqsatError).code).toBe('LICENCE_CHANGE_NOT_ALLOWED');
    }
    trail.push({ change, before, after: status });
  }
  return trail;
}

describe('licence lifecycle', () => {
  it('starts only with an issue, and is issued once', () => {
    fc.assert(
      fc.property(changes, (sequence) => {
        for (const step of live(sequence)) {
          if (step.before === null) expect(step.after).toBe(step.change === 'issued' ? 'active' : null);
          else if (step.change === 'issued') expect(step.after).toBe(step.before);
        }
      }),
    );
  });

  it('never comes back from termination', () => {
    fc.assert(
      fc.property(changes, (sequence) => {
        for (const step of live(sequence)) {
          if (step.before === LicenceStatus.terminated) expect(step.after).toBe(LicenceStatus.terminated);
        }
      }),
    );
  });

  it('changes status only by suspension, resumption and termination', () => {
    fc.assert(
      fc.property(changes, (sequence) => {
        for (const step of live(sequence)) {
          if (step.before === null || step.after === step.before) continue;
          expect(['suspended', 'resumed', 'terminated']).toContain(step.change);
        }
      }),
    );
  });

  it('reissues only an active licence and gives no document on a terminated one', () => {
    expect(() => licenceStatusAfter('suspended', 'reissued')).toThrow(RuqsatError);
    expect(licenceStatusAfter('suspended', 'duplicate_issued')).toBe('suspended');
    for (const change of ['reissued', 'duplicate_issued', 'annex_issued', 'resumed', 'suspended'] as const) {
      expect(() => licenceStatusAfter('terminated', change)).toThrow(RuqsatError);
    }
    expect(licenceStatusAfter('suspended', 'resumed')).toBe('active');
    expect(() => licenceStatusAfter('active', 'resumed')).toThrow(RuqsatError);
  });
});
