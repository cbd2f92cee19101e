import { RuqsatError } from '@ruqsat/core';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actsForCompany, type Principal } from '../../auth/principal.js';
import type { DatabaseSchema } from '../../store/schema.js';
import { principalOf } from '../access.js';
import { ErrorEnvelopeSchema } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';

const Contact = z
  .object({ email: z.email().max(254), locale: z.enum(['kk', 'ru', 'en']) })
  .meta({ id: 'ApplicantContact' });
const ForCompany = z.object({
  forCompany: z.enum(['true', 'false']).default('false').describe('the company the signed-in person acts for'),
});

/**
 * Where the applicant wants to be told by e-mail, and in which language: for themselves, or for
 * the company they act for (then every employee acting for it sees and may change the address).
 */
export function registerContactRoutes(app: ZodApp, db: Kysely<DatabaseSchema>, now: () => Date): void {
  app.get(
    '/api/v1/my/contact',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant'],
        summary: 'The e-mail address and language notifications go to; null when none was given.',
        querystring: ForCompany,
        response: { 200: Contact.nullable(), 401: ErrorEnvelopeSchema, 403: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const subject = subjectOf(principalOf(request), request.query.forCompany === 'true');
      const row = await db
        .selectFrom('applicant_contacts')
        .select(['email', 'locale'])
        .where('subject_id', '=', subject)
        .executeTakeFirst();
      return row ?? null;
    },
  );

  app.put(
    '/api/v1/my/contact',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant'],
        summary: 'Sets the e-mail address and language for notifications.',
        querystring: ForCompany,
        body: Contact,
        response: { 200: Contact, 400: ErrorEnvelopeSchema, 401: ErrorEnvelopeSchema, 403: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const subject = subjectOf(principal, request.query.forCompany === 'true');
      const values = { ...request.body, updated_by: `iin:${principal.iin}`, updated_at: now() };
      await db
        .insertInto('applicant_contacts')
        .values({ subject_id: subject, ...values })
        .onConflict((oc) => oc.column('subject_id').doUpdateSet(values))
        .execute();
      return request.body;
    },
  );
}

function subjectOf(principal: Principal, forCompany: boolean): string {
  if (!forCompany) return principal.iin;
  if (!actsForCompany(principal)) throw new RuqsatError('NOT_ACTING_FOR_COMPANY');
  return principal.bin;
}
