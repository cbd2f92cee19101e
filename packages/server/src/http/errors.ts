import {
  ErrorCatalogue,
  type ErrorCode,
  type ErrorDetails,
  errorEnvelope,
  type Locale,
  negotiateLocale,
  RuqsatError,
} from '@ruqsat/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../store/database-unavailable.js';
import { refusalOfUnconfirmedSession } from './access.js';
import type { ZodApp } from './zod-app.js';

/** Fastify's own error codes for bad requests, and what we answer for each. */
const FRAMEWORK_ERRORS: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'EMPTY_BODY',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

/**
 * The one place an error becomes an answer: always the `{ error: { code, message, details? } }`
 * envelope in the request's language, never a stack trace. Unexpected errors are logged in full
 * on our side and answered with INTERNAL_ERROR.
 */
export function registerErrorHandling(app: ZodApp, bodyLimitBytes: number): void {
  app.setErrorHandler(async (thrown: FastifyError, request, reply) => {
    // Asked only of a database that answers: a statement that timed out would wait out another.
    const refusal = isDatabaseUnavailable(thrown) ? undefined : await refusalOfUnconfirmedSession(request);
    const error = (refusal as FastifyError | undefined) ?? thrown;
    // A route with its own body limit (attachments) reports that limit, not the API's.
    const { code, details, message } = classify(error, request.routeOptions.bodyLimit ?? bodyLimitBytes);
    if (code === 'INTERNAL_ERROR') request.log.error({ err: error }, 'request failed unexpectedly');
    if (code === 'DATABASE_UNAVAILABLE') request.log.warn({ err: error }, 'request failed: database unavailable');
    return sendError(request, reply, code, details, message);
  });

  app.setNotFoundHandler(async (request, reply) =>
    sendError(request, reply, 'ROUTE_NOT_FOUND', { method: request.method, path: request.url.split('?')[0] }),
  );
}

/**
 * Errors the router raises before any hook runs — an address that is not valid percent-encoding
 * (`/api/v1/registry/licences/%ff`) — answered in the same envelope as every other error, in the
 * language the request asks for (the locale hook has not run yet, so it is read here).
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const locale = negotiateLocale(request.headers['accept-language']);
  void reply
    .status(ErrorCatalogue.BAD_REQUEST.httpStatus)
    .type('application/json; charset=utf-8')
    .send(errorEnvelope('BAD_REQUEST', locale, { in: error.code === 'FST_ERR_BAD_URL' ? 'url' : 'request' }));
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  details?: ErrorDetails,
  message?: Readonly<Record<Locale, string>>,
): FastifyReply {
  const envelope = errorEnvelope(code, request.locale, details, message);
  return reply.status(ErrorCatalogue[code].httpStatus).type('application/json; charset=utf-8').send(envelope);
}

function classify(
  error: FastifyError,
  bodyLimitBytes: number,
): { code: ErrorCode; details?: ErrorDetails; message?: Readonly<Record<Locale, string>> } {
  if (error instanceof RuqsatError) {
    return {
      code: error.code,
      ...(error.details ? { details: error.details } : {}),
      ...(error.localizedMessage ? { message: error.localizedMessage } : {}),
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    return {
      code: 'VALIDATION_FAILED',
      details: {
        in: error.validationContext ?? 'body',
        issues: error.validation.map((issue) => ({
          path: issue.instancePath,
          message: issue.message ?? '',
          rule: issue.keyword,
        })),
      },
    };
  }
  const mapped = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
  if (mapped === 'PAYLOAD_TOO_LARGE') return { code: mapped, details: { limitBytes: bodyLimitBytes } };
  if (mapped) return { code: mapped };
  // A lost database is not a bug of ours: the client may repeat the request once it is back.
  if (isDatabaseUnavailable(error)) return { code: 'DATABASE_UNAVAILABLE' };
  // Any other client error the framework raises (a bad URL, a bad header): a 4xx, never a 500.
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return { code: 'BAD_REQUEST' };
  }
  return { code: 'INTERNAL_ERROR' };
}
