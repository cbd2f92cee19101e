import { Temporal } from 'temporal-polyfill';
import { RuqsatError } from '../errors/ruqsat-error.js';

/**
 * Reads an instant given as ISO 8601 with an offset (2026-03-02T17:45:00+05:00 or …Z). A local
 * time without an offset is refused: which instant it means would depend on a zone nobody named.
 */
export function parseInstant(text: string): Temporal.Instant {
  if (!/(?:[zZ]|[+-]\d{2}(?::?\d{2})?)(?:\[[^\]]+\])?$/.test(text.trim())) {
    throw new RuqsatError('INVALID_INSTANT', { value: text });
  }
  try {
    return Temporal.Instant.from(text.trim());
  } catch (cause) {
    throw new RuqsatError('INVALID_INSTANT', { value: text }, { cause });
  }
}

export { Temporal };
