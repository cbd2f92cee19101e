/**
 * Licence numbers, generated centrally by the registry: `KZ` + the two-digit year of first issue +
 * an eight-digit serial + two check digits, written `KZ26-00000042-71`.
 *
 * The check digits are ISO 7064 MOD 97-10 over `KZ26 00000042` (letters as 10..35, as IBANs do):
 * every single mistyped character and every swap of two neighbouring characters changes the
 * remainder, so a typo on the verification page is told apart from "no such licence".
 */
const PREFIX = 'KZ';
const SERIAL_DIGITS = 8;
const SHAPE = /^KZ(\d{2})(\d{8})(\d{2})$/;

export interface LicenceNumberParts {
  /** The year of first issue, 2000–2099. */
  readonly year: number;
  /** The registry's serial, 1 … 99 999 999. */
  readonly serial: number;
}

export function formatLicenceNumber(parts: LicenceNumberParts): string {
  if (!Number.isInteger(parts.year) || parts.year < 2000 || parts.year > 2099) {
    throw new RangeError(`a licence number's year is 2000–2099, not ${parts.year}`);
  }
  if (!Number.isInteger(parts.serial) || parts.serial < 1 || parts.serial >= 10 ** SERIAL_DIGITS) {
    throw new RangeError(`a licence number's serial is 1–99999999, not ${parts.serial}`);
  }
  const yy = String(parts.year % 100).padStart(2, '0');
  const serial = String(parts.serial).padStart(SERIAL_DIGITS, '0');
  return `${PREFIX}${yy}-${serial}-${checkDigits(`${PREFIX}${yy}${serial}`)}`;
}

export type LicenceNumberCheck =
  | { readonly valid: true; readonly number: string; readonly parts: LicenceNumberParts }
  | { readonly valid: false; readonly reason: 'shape' | 'check_digits' };

/**
 * Reads a licence number as a person types it — any case, with or without spaces and dashes — and
 * gives its written form, or why it cannot be one.
 */
export function checkLicenceNumber(input: string): LicenceNumberCheck {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const match = SHAPE.exec(compact);
  if (!match) return { valid: false, reason: 'shape' };
  const [, yy = '', serial = '', check = ''] = match;
  if (checkDigits(`${PREFIX}${yy}${serial}`) !== check) return { valid: false, reason: 'check_digits' };
  const parts = { year: 2000 + Number(yy), serial: Number(serial) };
  if (parts.serial === 0) return { valid: false, reason: 'shape' };
  return { valid: true, number: `${PREFIX}${yy}-${serial}-${check}`, parts };
}

/** ISO 7064 MOD 97-10: the two digits that make `body` followed by them ≡ 1 (mod 97). */
function checkDigits(body: string): string {
  const remainder = mod97(`${body}00`);
  return String(98 - remainder).padStart(2, '0');
}

function mod97(text: string): number {
  let remainder = 0;
  for (const ch of text) {
    const value = ch >= 'A' && ch <= 'Z' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    // A letter stands for two digits, so it shifts the remainder by 100 rather than 10.
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
  }
  return remainder;
}
