import { describe, expect, it } from 'vitest';
import { numberOf } from './number-text';

describe('numberOf', () => {
  it('reads whole numbers as integers', () => {
    expect(numberOf('12')).toBe(12);
    expect(numberOf(' 7 ')).toBe(7);
    expect(numberOf('-3')).toBe(-3);
  });

  it('reads a decimal point or a decimal comma', () => {
    expect(numberOf('1.05')).toBe(1.05);
    expect(numberOf('2,5')).toBe(2.5);
    expect(numberOf(',5')).toBe(0.5);
  });

  it('reads the text half-typed on the way to a decimal as the number so far', () => {
    expect(numberOf('1.')).toBe(1);
    expect(numberOf('1.0')).toBe(1);
  });

  it('answers nothing for empty text and the text itself for what is no number', () => {
    expect(numberOf('')).toBeUndefined();
    expect(numberOf('   ')).toBeUndefined();
    expect(numberOf('12 tables')).toBe('12 tables');
    expect(numberOf('1.2.3')).toBe('1.2.3');
    expect(numberOf('-')).toBe('-');
  });
});
