import { controlDigit } from '@ruqsat/core';

/**
 * Valid IINs and BINs, built the way the state forms them, so that every sandbox record passes
 * the same check the server applies. A serial whose control digit is undefined is never issued;
 * the next serial is taken instead.
 */
export function makeIin(birthDate: string, sex: 'male' | 'female', serial: number): string {
  const [year = 0, month = 0, day = 0] = birthDate.split('-').map(Number);
  const centuryBase = year < 1900 ? 1 : year < 2000 ? 3 : 5;
  const centuryDigit = centuryBase + (sex === 'male' ? 0 : 1);
  const prefix = `${pad(year % 100)}${pad(month)}${pad(day)}${centuryDigit}`;
  return withControl(prefix, serial, 4);
}

/** A resident legal entity's head office (type 4, division 0) registered in `year`-`month`. */
export function makeBin(year: number, month: number, serial: number): string {
  return withControl(`${pad(year % 100)}${pad(month)}40`, serial, 5);
}

function withControl(prefix: string, serial: number, width: number): string {
  for (let s = serial; ; s++) {
    const body = `${prefix}${String(s % 10 ** width).padStart(width, '0')}`;
    const control = controlDigit(Array.from(body, Number));
    if (control !== null) return `${body}${control}`;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
