import { RuqsatError } from '@ruqsat/core';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../store/schema.js';

/** The results that are a licence in the applicant's hands (a refusal is not). */
const LICENCE_RESULTS = ['licence', 'reissued_licence', 'duplicate', 'licence_annex'];

/**
 * A reissue or a duplicate concerns a licence already issued to the same applicant for the same
 * service. Until the licence registry numbers licences (issue 8), a licence is named by the number
 * of the application that issued it; anything else is LICENCE_NOT_FOUND, so no one reissues a
 * licence that does not exist or is someone else's.
 */
export async function requireIssuedLicence(
  db: Kysely<DatabaseSchema>,
  request: { readonly licenceNumber: string; readonly applicantId: string; readonly serviceId: string },
): Promise<void> {
  const issued = await db
    .selectFrom('applications')
    .select('id')
    .where('id', '=', request.licenceNumber)
    .where('applicant_id', '=', request.applicantId)
    .where('service_id', '=', request.serviceId)
    .where('status', '=', 'completed')
    .where('result', 'in', LICENCE_RESULTS)
    .executeTakeFirst();
  if (!issued) throw new RuqsatError('LICENCE_NOT_FOUND', { licenceNumber: request.licenceNumber });
}
