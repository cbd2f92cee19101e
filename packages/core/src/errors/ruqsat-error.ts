import { ErrorCatalogue, type ErrorCode } from './catalogue.js';
import type { Locale } from './locale.js';

/** Machine-readable specifics of an error: which field, which limit. Never personal data or internals. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** An error a user can cause, named by a stable code from the catalogue. */
export class RuqsatError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  /**
   * A message of the law's own words instead of the catalogue's (a regulation's refusal text,
   * say); the code still says what kind of error it is.
   */
  readonly localizedMessage: Readonly<Record<Locale, string>> | undefined;

  constructor(
    code: ErrorCode,
    details?: ErrorDetails,
    options?: { cause?: unknown; message?: Readonly<Record<Locale, string>> },
  ) {
    super(options?.message?.en ?? ErrorCatalogue[code].message.en, options);
    this.name = 'RuqsatError';
    this.code = code;
    this.details = details;
    this.localizedMessage = options?.message;
  }

  get httpStatus(): number {
    return ErrorCatalogue[this.code].httpStatus;
  }
}

/** The `{ error: { code, message, details? } }` envelope every failed API request answers with. */
export interface ErrorEnvelope {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly details?: ErrorDetails;
  };
}

export function errorEnvelope(
  code: ErrorCode,
  locale: Locale,
  details?: ErrorDetails,
  message_?: Readonly<Record<Locale, string>>,
): ErrorEnvelope {
  const message = message_?.[locale] ?? ErrorCatalogue[code].message[locale];
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
