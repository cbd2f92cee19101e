import { BinDivision, BinEntityType, checkIdentifier, ErrorCatalogue, IdentifierFault } from '@ruqsat/core';
import { z } from 'zod';
import { BODY_ERRORS } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';

const CheckRequest = z.object({
  value: z.string().max(64).describe('The IIN or BIN as typed; only 12 digits can be valid.'),
});

const ValidIinSchema = z.object({
  value: z.string(),
  valid: z.literal(true),
  kind: z.literal('IIN'),
  birthDate: z.iso.date(),
  sex: z.enum(['male', 'female']),
});

const ValidBinSchema = z.object({
  value: z.string(),
  valid: z.literal(true),
  kind: z.literal('BIN'),
  registered: z.string().regex(/^\d{4}-\d{2}$/),
  entityTypeDigit: z.number().int(),
  entityType: z.enum(Object.values(BinEntityType)),
  divisionDigit: z.number().int(),
  division: z.enum(Object.values(BinDivision)),
});

const InvalidSchema = z.object({
  value: z.string(),
  valid: z.literal(false),
  kind: z.enum(['IIN', 'BIN']).nullable(),
  reason: z.enum(Object.values(IdentifierFault)),
  message: z.string().describe('Why, in the language chosen by Accept-Language.'),
});

const CheckResponse = z.union([ValidIinSchema, ValidBinSchema, InvalidSchema]).meta({ id: 'IdentifierCheck' });

/**
 * IIN/BIN check for forms and operators. A POST, not a GET with the number in the path, so that
 * a person's IIN never lands in access logs, proxies or browser history.
 */
export function registerIdentifierRoutes(app: ZodApp): void {
  app.post(
    '/api/v1/identifiers/check',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identifiers'],
        summary: 'Validate an IIN or BIN and decode what it carries.',
        description:
          'Official control-digit algorithm (two weighting passes). For an IIN: date of birth and sex; ' +
          'for a BIN: month of registration, entity type and division. An invalid number is a normal ' +
          'answer (valid: false with a reason code), not an error.',
        body: CheckRequest,
        response: { 200: CheckResponse, ...BODY_ERRORS },
      },
    },
    async (request) => {
      const result = checkIdentifier(request.body.value);
      if (result.valid) return result;
      return { ...result, message: ErrorCatalogue[result.reason].message[request.locale] };
    },
  );
}
