import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES, negotiateLocale } from './locale.js';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'kk'],
    ['', 'kk'],
    ['ru', 'ru'],
    ['ru-KZ,ru;q=0.9,en-US;q=0.8', 'ru'],
    ['en-GB', 'en'],
    ['kk-KZ', 'kk'],
    ['kz', 'kk'],
    ['de, en;q=0.5', 'en'],
    ['de, fr', 'kk'],
    ['en;q=0.3, ru;q=0.7', 'ru'],
    ['ru;q=0, en', 'en'],
    ['*', 'kk'],
    ['RU', 'ru'],
    ['en;q=abc, ru;q=0.1', 'ru'],
    ['ru;q=0.5, en;q=0.5', 'ru'],
    // Names on Object.prototype are not languages (found by the property below).
    ['__proto__', 'kk'],
    ['constructor, ru;q=0.1', 'ru'],
  ])('%j → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it('always answers a supported language, whatever the header', () => {
    fc.assert(fc.property(fc.string(), (header) => LOCALES.includes(negotiateLocale(header))));
  });
});
