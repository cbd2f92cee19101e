import { ErrorCatalogue, type ErrorCode } from '@ruqsat/core';
import { z } from 'zod';

const errorCodes = Object.keys(ErrorCatalogue) as [ErrorCode, ...ErrorCode[]];

/** The envelope of every failed request, as documented in the OpenAPI reference. */
export const ErrorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes).describe('Stable, machine-readable; never renamed.'),
      message: z.string().describe('For people, in the language chosen by Accept-Language (kk, ru, en).'),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'ErrorEnvelope' });

/** The error answers every JSON-body route can give, besides its own. */
export const BODY_ERRORS = { 400: ErrorEnvelopeSchema, 413: ErrorEnvelopeSchema, 415: ErrorEnvelopeSchema } as const;

/** The answers a client can cause on a route that reads and changes records (each an error envelope). */
export const CLIENT_ERRORS = {
  400: ErrorEnvelopeSchema,
  401: ErrorEnvelopeSchema,
  403: ErrorEnvelopeSchema,
  404: ErrorEnvelopeSchema,
  409: ErrorEnvelopeSchema,
  422: ErrorEnvelopeSchema,
} as const;
