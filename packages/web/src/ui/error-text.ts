import { errorEnvelope, isErrorCode, RuqsatError } from '@ruqsat/core';
import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from '../api/api-error';
import type { Language } from '../i18n/languages';

/**
 * What to tell the user about a failure, in their language: the API's own message (already in
 * their language), a signing error of the page from the shared catalogue, or a plain "no connection".
 */
export function errorText(error: unknown, t: TFunction, language: Language): { code: string; message: string } {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  if (error instanceof RuqsatError) {
    return {
      code: error.code,
      message: errorEnvelope(error.code, language, error.details, error.localizedMessage).error.message,
    };
  }
  if (error instanceof NetworkError) return { code: 'NETWORK', message: t('common:error.network') };
  const code = error instanceof Error && isErrorCode(error.message) ? error.message : 'UNEXPECTED';
  return { code, message: t('common:error.unexpected') };
}
