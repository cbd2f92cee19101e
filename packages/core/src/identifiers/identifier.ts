import type { ErrorCode } from '../errors/catalogue.js';
import { controlDigit, twelveDigits } from './check-digit.js';

/**
 * Kazakhstan's 12-digit identifiers: the IIN of a person and the BIN of a legal entity or joint
 * entrepreneurship. Both end in the same control digit; what the first eleven digits carry differs.
 *
 * IIN: YYMMDD · century-and-sex digit · 4-digit serial · control.
 * BIN: YYMM (registration) · entity type · division · 5-digit serial · control.
 * The fifth digit tells them apart: in an IIN it is the tens of the birth day (0–3), in a BIN the
 * entity type (4–6).
 */
export const IdentifierKind = { IIN: 'IIN', BIN: 'BIN' } as const;
export type IdentifierKind = (typeof IdentifierKind)[keyof typeof IdentifierKind];

export const Sex = { male: 'male', female: 'female' } as const;
export type Sex = (typeof Sex)[keyof typeof Sex];

/** BIN fifth digit. */
export const BinEntityType = {
  4: 'resident_legal_entity',
  5: 'non_resident_legal_entity',
  6: 'joint_individual_entrepreneurship',
} as const;
export type BinEntityType = (typeof BinEntityType)[keyof typeof BinEntityType];

/** BIN sixth digit. */
export const BinDivision = {
  0: 'head_office',
  1: 'branch',
  2: 'representative_office',
  3: 'joint_peasant_farm',
} as const;
export type BinDivision = (typeof BinDivision)[keyof typeof BinDivision];

/** Why a number is not a valid IIN/BIN; each is an error code with kk/ru/en messages. */
export const IdentifierFault = {
  notTwelveDigits: 'IDENTIFIER_NOT_TWELVE_DIGITS',
  unknownKind: 'IDENTIFIER_UNKNOWN_KIND',
  wrongKind: 'IDENTIFIER_WRONG_KIND',
  controlDigitUndefined: 'IDENTIFIER_CONTROL_DIGIT_UNDEFINED',
  controlDigitMismatch: 'IDENTIFIER_CONTROL_DIGIT_MISMATCH',
  invalidCenturyDigit: 'IIN_INVALID_CENTURY_DIGIT',
  invalidBirthDate: 'IIN_INVALID_BIRTH_DATE',
  invalidRegistrationMonth: 'BIN_INVALID_REGISTRATION_MONTH',
  invalidDivision: 'BIN_INVALID_DIVISION',
} as const satisfies Record<string, ErrorCode>;
export type IdentifierFault = (typeof IdentifierFault)[keyof typeof IdentifierFault];

export interface ValidIin {
  readonly value: string;
  readonly valid: true;
  readonly kind: 'IIN';
  /** ISO date, YYYY-MM-DD. */
  readonly birthDate: string;
  readonly sex: Sex;
}

export interface ValidBin {
  readonly value: string;
  readonly valid: true;
  readonly kind: 'BIN';
  /** ISO year-month of state registration, YYYY-MM. */
  readonly registered: string;
  readonly entityTypeDigit: number;
  readonly entityType: BinEntityType;
  readonly divisionDigit: number;
  readonly division: BinDivision;
}

export interface InvalidIdentifier {
  readonly value: string;
  readonly valid: false;
  /** null when the number is too malformed to tell. */
  readonly kind: IdentifierKind | null;
  readonly reason: IdentifierFault;
}

export type IdentifierCheck = ValidIin | ValidBin | InvalidIdentifier;

/** Validates and decodes an IIN or a BIN; never throws. */
export function checkIdentifier(value: string): IdentifierCheck {
  const digits = twelveDigits(value);
  if (digits === null) return invalid(value, null, IdentifierFault.notTwelveDigits);
  const kind = kindOf(digits);
  if (kind === null) return invalid(value, null, IdentifierFault.unknownKind);
  const control = controlDigit(digits.slice(0, 11));
  if (control === null) return invalid(value, kind, IdentifierFault.controlDigitUndefined);
  if (control !== digits[11]) return invalid(value, kind, IdentifierFault.controlDigitMismatch);
  return kind === IdentifierKind.IIN ? decodeIin(value, digits) : decodeBin(value, digits);
}

/** Checks a value that must be an IIN (a person), not merely a valid identifier. */
export function checkIin(value: string): ValidIin | InvalidIdentifier {
  const result = checkIdentifier(value);
  if (!result.valid || result.kind === IdentifierKind.IIN) return result;
  return invalid(value, result.kind, IdentifierFault.wrongKind);
}

/** Checks a value that must be a BIN (a legal entity). */
export function checkBin(value: string): ValidBin | InvalidIdentifier {
  const result = checkIdentifier(value);
  if (!result.valid || result.kind === IdentifierKind.BIN) return result;
  return invalid(value, result.kind, IdentifierFault.wrongKind);
}

function kindOf(digits: readonly number[]): IdentifierKind | null {
  const fifth = digits[4] ?? -1;
  if (fifth >= 0 && fifth <= 3) return IdentifierKind.IIN;
  if (fifth >= 4 && fifth <= 6) return IdentifierKind.BIN;
  return null;
}

/** Seventh IIN digit: 1/2 born in the 1800s, 3/4 the 1900s, 5/6 the 2000s; odd male, even female. */
function decodeIin(value: string, digits: readonly number[]): ValidIin | InvalidIdentifier {
  const centuryDigit = digits[6] ?? 0;
  if (centuryDigit < 1 || centuryDigit > 6) {
    return invalid(value, IdentifierKind.IIN, IdentifierFault.invalidCenturyDigit);
  }
  const century = 1800 + Math.floor((centuryDigit - 1) / 2) * 100;
  const year = century + pair(digits, 0);
  const month = pair(digits, 2);
  const day = pair(digits, 4);
  if (!isCalendarDate(year, month, day)) {
    return invalid(value, IdentifierKind.IIN, IdentifierFault.invalidBirthDate);
  }
  return {
    value,
    valid: true,
    kind: IdentifierKind.IIN,
    birthDate: `${year}-${twoDigits(month)}-${twoDigits(day)}`,
    sex: centuryDigit % 2 === 1 ? Sex.male : Sex.female,
  };
}

/**
 * BIN registration years are two digits. BINs were introduced in 2007 for entities registered since
 * the 1990s, so 90–99 read as 199x and 00–89 as 20xx (a pivot to revisit before 2090).
 */
const BIN_CENTURY_PIVOT = 90;

function decodeBin(value: string, digits: readonly number[]): ValidBin | InvalidIdentifier {
  const yy = pair(digits, 0);
  const month = pair(digits, 2);
  if (month < 1 || month > 12) {
    return invalid(value, IdentifierKind.BIN, IdentifierFault.invalidRegistrationMonth);
  }
  const entityTypeDigit = digits[4] as keyof typeof BinEntityType;
  const divisionDigit = digits[5] ?? -1;
  if (!isBinDivisionDigit(divisionDigit)) {
    return invalid(value, IdentifierKind.BIN, IdentifierFault.invalidDivision);
  }
  const year = (yy >= BIN_CENTURY_PIVOT ? 1900 : 2000) + yy;
  return {
    value,
    valid: true,
    kind: IdentifierKind.BIN,
    registered: `${year}-${twoDigits(month)}`,
    entityTypeDigit,
    entityType: BinEntityType[entityTypeDigit],
    divisionDigit,
    division: BinDivision[divisionDigit],
  };
}

function isBinDivisionDigit(digit: number): digit is keyof typeof BinDivision {
  return Object.hasOwn(BinDivision, digit);
}

function pair(digits: readonly number[], at: number): number {
  return (digits[at] ?? 0) * 10 + (digits[at + 1] ?? 0);
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function invalid(value: string, kind: IdentifierKind | null, reason: IdentifierFault): InvalidIdentifier {
  return { value, valid: false, kind, reason };
}
