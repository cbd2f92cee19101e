import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLicenceNumber, formatLicenceNumber } from './licence-number.js';

const parts = fc.record({
  year: fc.integer({ min: 2000, max: 2099 }),
  serial: fc.integer({ min: 1, max: 99_999_999 }),
});
/** The characters of a written number a person could mistype: not the fixed "KZ" or the dashes. */
const DIGIT_POSITIONS = [2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15] as const;

describe('licence numbers', () => {
  it('are written KZyy-nnnnnnnn-cc and read back to the same parts', () => {
    expect(formatLicenceNumber({ year: 2026, serial: 42 })).toMatch(/^KZ26-00000042-\d{2}$/);
    fc.assert(
      fc.property(parts, (p) => {
        const check = checkLicenceNumber(formatLicenceNumber(p));
        expect(check).toEqual({ valid: true, number: formatLicenceNumber(p), parts: p });
      }),
    );
  });

  it('are read as people type them: any case, spaces or no dashes', () => {
    const written = formatLicenceNumber({ year: 2026, serial: 1234 });
    for (const typed of [written.toLowerCase(), written.replaceAll('-', ''), ` ${written.replaceAll('-', ' ')} `]) {
      expect(checkLicenceNumber(typed)).toMatchObject({ valid: true, number: written });
    }
  });

  it('tell any single mistyped digit from a real number', () => {
    fc.assert(
      fc.property(parts, fc.constantFrom(...DIGIT_POSITIONS), fc.integer({ min: 1, max: 9 }), (p, position, shift) => {
        const written = formatLicenceNumber(p);
        const digit = (Number(written[position]) + shift) % 10;
        const typo = `${written.slice(0, position)}${digit}${written.slice(position + 1)}`;
        expect(checkLicenceNumber(typo)).toEqual({ valid: false, reason: 'check_digits' });
      }),
    );
  });

  it('tell any swap of two neighbouring different digits from a real number', () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: 0, max: 10 }), (p, i) => {
        const digits = formatLicenceNumber(p).replaceAll('-', '').slice(2).split('');
        const [a, b] = [digits[i], digits[i + 1]];
        fc.pre(a !== b);
        [digits[i], digits[i + 1]] = [b ?? '', a ?? ''];
        expect(checkLicenceNumber(`KZ${digits.join('')}`)).toEqual({ valid: false, reason: 'check_digits' });
      }),
    );
  });

  it('refuse what is not shaped like one', () => {
    for (const text of ['', 'KZ26-0000042-71', 'RU26-00000042-71', 'KZ26-0000004A-71', 'KZ26-00000000-00']) {
      expect(checkLicenceNumber(text).valid).toBe(false);
    }
    expect(() => formatLicenceNumber({ year: 1999, serial: 1 })).toThrow(RangeError);
    expect(() => formatLicenceNumber({ year: 2026, serial: 0 })).toThrow(RangeError);
  });
});
