import { RuqsatError } from '@ruqsat/core';
import type { ZodApp } from './zod-app.js';

/** Deep enough for any body the API takes; deeper nesting is refused by the routes' schemas anyway. */
const MAX_DEPTH = 8;

function carriesNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return false;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000') || carriesNul(inner, depth + 1)) return true;
  }
  return false;
}

/**
 * PostgreSQL text cannot hold the NUL character: a query with one fails inside the database, which
 * would answer a stray `%00` in an address or a `\u0000` in JSON with a server error. No field of
 * the API has a use for it, so a request carrying one anywhere — path, query or body — is refused
 * at the door as malformed, before any route reads it.
 */
export function refuseNulCharacters(app: ZodApp): void {
  app.addHook('preValidation', async (request) => {
    if (carriesNul(request.params) || carriesNul(request.query) || carriesNul(request.body)) {
      throw new RuqsatError('BAD_REQUEST', { reason: 'nul_character' });
    }
  });
}
