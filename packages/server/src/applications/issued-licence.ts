import { type RequestKind, RuqsatError } from '@ruqsat/core';
import type { Kysely } from 'kysely';
import { requireNumber } from '../registry/licence-registry.js';
import type { DatabaseSchema } from '../store/schema.js';

/**
 * A reissue, duplicate or annex concerns a licence in the registry, held by the same applicant for
 * the same service and not terminated (a suspended one is not reissued until it is resumed). The
 * number may be typed any way people type it; its written form comes back, to be recorded. A
 * mistyped number is LICENCE_NUMBER_INVALID; anyone else's, or none, is LICENCE_NOT_FOUND.
 */
export async function requireIssuedLicence(
  db: Kysely<DatabaseSchema>,
  request: {
    readonly licenceNumber: string;
    readonly applicantId: string;
    readonly serviceId: string;
    readonly requestKind: RequestKind;
  },
): Promise<string> {
  const number = requireNumber(request.licenceNumber);
  const licence = await db
    .selectFrom('licences')
    .select(['status'])
    .where('number', '=', number)
    .where('holder_id', '=', request.applicantId)
    .where('service_id', '=', request.serviceId)
    .executeTakeFirst();
  if (!licence) throw new RuqsatError('LICENCE_NOT_FOUND', { licenceNumber: number });
  const reissue = request.requestKind === 'reissue' || request.requestKind === 'reissue_reorganisation';
  if (licence.status === 'terminated' || (reissue && licence.status !== 'active')) {
    throw new RuqsatError('LICENCE_CHANGE_NOT_ALLOWED', { status: licence.status, requestKind: request.requestKind });
  }
  return number;
}
