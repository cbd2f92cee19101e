import { type ApplicationState, RuqsatError } from '@ruqsat/core';
import type { Kysely } from 'kysely';
import { actsForCompany, type Principal } from '../auth/principal.js';
import type { DatabaseSchema } from '../store/schema.js';

/** The applications a principal may see, as a query to narrow further. */
export function visibleTo(db: Kysely<DatabaseSchema>, principal: Principal) {
  return db
    .selectFrom('applications')
    .where((eb) =>
      eb.or([
        eb.and([eb('applicant_id', '=', principal.iin), eb('applicant_kind', '!=', 'legal_entity')]),
        ...(actsForCompany(principal)
          ? [eb.and([eb('applicant_id', '=', principal.bin), eb('applicant_kind', '=', 'legal_entity')])]
          : []),
      ]),
    );
}

/** One application the principal may see; any other is answered as no application at all. */
export async function visibleApplication(db: Kysely<DatabaseSchema>, principal: Principal, id: string) {
  const row = await visibleTo(db, principal).select('state').where('id', '=', id).executeTakeFirst();
  if (!row) throw new RuqsatError('APPLICATION_NOT_FOUND', { applicationId: id });
  return row.state as unknown as ApplicationState;
}
