/**
 * The control (12th) digit of a Kazakh IIN or BIN.
 *
 * Official algorithm (rules of forming IIN/BIN): weigh the first eleven digits with 1..11 and take
 * the sum modulo 11. When that gives 10, weigh them again with 3..11,1,2 and take the sum modulo 11.
 * When the second pass also gives 10 the number is never issued, so it is invalid.
 */
const FIRST_PASS_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND_PASS_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;
const UNISSUABLE = 10;

/** Returns the control digit 0..9 for eleven leading digits, or null when no control digit exists. */
export function controlDigit(leadingDigits: readonly number[]): number | null {
  if (leadingDigits.length !== 11) {
    throw new RangeError(`controlDigit expects 11 digits, got ${leadingDigits.length}`);
  }
  const first = weightedSumModulo11(leadingDigits, FIRST_PASS_WEIGHTS);
  if (first !== UNISSUABLE) return first;
  const second = weightedSumModulo11(leadingDigits, SECOND_PASS_WEIGHTS);
  return second === UNISSUABLE ? null : second;
}

function weightedSumModulo11(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  return sum % 11;
}

/** Splits a string of exactly twelve ASCII digits into numbers; anything else gives null. */
export function twelveDigits(value: string): number[] | null {
  if (!/^[0-9]{12}$/.test(value)) return null;
  return Array.from(value, (ch) => ch.charCodeAt(0) - 48);
}
