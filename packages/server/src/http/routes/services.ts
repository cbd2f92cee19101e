import { feeFor, type MciTable, mciDue, type Regulation, type RegulationCatalogue, Temporal } from '@ruqsat/core';
import { z } from 'zod';
import type { ZodApp } from '../zod-app.js';

const Term = z.object({
  value: z.number(),
  max: z.number().nullable(),
  unit: z.enum(['seconds', 'minutes', 'working_hours', 'working_days', 'calendar_days']),
});

const ServiceCard = z
  .object({
    id: z.string(),
    name: z.string(),
    regulationId: z.string().describe('the regulation version in force on the date'),
    authority: z.string(),
    channels: z.array(z.string()),
    applicantKinds: z.array(z.string()),
    requestKinds: z.array(
      z.object({
        kind: z.string(),
        term: Term.describe('the overall term for a decision'),
        fee: z
          .object({ mci: z.number(), tenge: z.number().nullable() })
          .nullable()
          .describe('null: no fee; tenge null when the MCI value of the date is not known'),
      }),
    ),
    documents: z.array(
      z.object({ id: z.string(), name: z.string(), requiredFor: z.array(z.string()), optional: z.boolean() }),
    ),
    unverified: z
      .array(z.enum(['fee', 'documents']))
      .describe('parts the source acts do not give exactly; shown with a caution'),
  })
  .meta({ id: 'ServiceCard' });

/**
 * The portal's catalogue: each service with the regulation version in force on a date (today in
 * Almaty by default) — its terms, fee in MCI and in tenge, documents and channels, in the reader's
 * language.
 */
export function registerServiceRoutes(
  app: ZodApp,
  deps: { readonly catalogue: RegulationCatalogue; readonly mci?: MciTable },
): void {
  app.get(
    '/api/v1/services',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: 'The services one can apply for on a date, with terms, fees, documents and channels.',
        querystring: z.object({ on: z.iso.date().optional().describe('YYYY-MM-DD; today in Almaty when absent') }),
        response: { 200: z.object({ on: z.string(), services: z.array(ServiceCard) }) },
      },
    },
    async (request) => {
      const on = request.query.on ?? Temporal.Now.plainDateISO('Asia/Almaty').toString();
      const locale = request.locale;
      const services = deps.catalogue.allInForce(on).map((regulation) => ({
        id: regulation.service.id,
        name: regulation.service.name[locale],
        regulationId: regulation.id,
        authority: regulation.authority.name[locale],
        channels: regulation.channels,
        applicantKinds: regulation.applicantKinds,
        requestKinds: regulation.requestKinds.map((spec) => ({
          kind: spec.kind,
          term: { value: spec.term.value, max: spec.term.max ?? null, unit: spec.term.unit },
          fee: feeOf(regulation, spec.kind, deps.mci, on),
        })),
        documents: regulation.documents.items.map((d) => ({
          id: d.id,
          name: d.name[locale],
          requiredFor: d.requiredFor,
          optional: d.optional ?? false,
        })),
        unverified: [
          ...(regulation.fee.unverified ? (['fee'] as const) : []),
          ...(regulation.documents.unverified ? (['documents'] as const) : []),
        ],
      }));
      return { on, services };
    },
  );
}

function feeOf(regulation: Regulation, kind: string, mci: MciTable | undefined, on: string) {
  const inMci = mciDue(regulation, kind);
  if (inMci === null) return null;
  if (!mci) return { mci: inMci, tenge: null };
  try {
    return { mci: inMci, tenge: feeFor(regulation, kind, mci, on).tenge };
  } catch {
    return { mci: inMci, tenge: null }; // a date before the MCI table starts
  }
}
