import { describe, expect, it } from 'vitest';
import { IdentifierFault } from '../identifiers/identifier.js';
import { ErrorCatalogue, isErrorCode } from './catalogue.js';
import { errorEnvelope, RuqsatError } from './ruqsat-error.js';

const KAZAKH_LETTERS = /[әғқңөұүһі]/i;

describe('error catalogue', () => {
  it.each(Object.entries(ErrorCatalogue))('%s has a status and a message in kk, ru and en', (code, definition) => {
    expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    expect(definition.httpStatus).toBeGreaterThanOrEqual(400);
    expect(definition.httpStatus).toBeLessThan(600);
    const { kk, ru, en } = definition.message;
    for (const text of [kk, ru, en]) expect(text.trim().length).toBeGreaterThan(10);
    expect(new Set([kk, ru, en]).size).toBe(3);
    expect(ru).toMatch(/[а-яё]/i);
    expect(en).toMatch(/^[\x20-\x7e–]+$/);
    // Kazakh text written with Russian letters only is a sign of a machine-made or missing translation.
    expect(kk).toMatch(KAZAKH_LETTERS);
  });

  it('has a message for every identifier fault', () => {
    for (const code of Object.values(IdentifierFault)) expect(isErrorCode(code)).toBe(true);
  });

  it('builds the envelope in the asked language, with details only when given', () => {
    expect(errorEnvelope('ROUTE_NOT_FOUND', 'ru')).toEqual({
      error: { code: 'ROUTE_NOT_FOUND', message: 'Такого адреса в API нет.' },
    });
    expect(errorEnvelope('PAYLOAD_TOO_LARGE', 'en', { limitBytes: 10 }).error.details).toEqual({ limitBytes: 10 });
  });

  it('RuqsatError carries code, status and details', () => {
    const error = new RuqsatError('VALIDATION_FAILED', { field: 'value' });
    expect(error).toBeInstanceOf(Error);
    expect([error.code, error.httpStatus, error.details]).toEqual(['VALIDATION_FAILED', 400, { field: 'value' }]);
  });
});
