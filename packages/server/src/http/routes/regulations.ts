import {
  type Regulation,
  type RegulationCatalogue,
  Regulation as RegulationSchema,
  RequestKind,
  regulationToBpmn,
} from '@ruqsat/core';
import { z } from 'zod';
import { sendError } from '../errors.js';
import { ErrorEnvelopeSchema } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';

const Summary = z
  .object({
    id: z.string(),
    service: z.string(),
    name: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
    version: z.string(),
    effectiveFrom: z.string(),
    repealedOn: z.string().nullable(),
    requestKinds: z.array(RequestKind),
  })
  .meta({ id: 'RegulationSummary' });

const IdParams = z.object({ id: z.string().max(200) });

/** The regulation catalogue: what each service is, step by step, as the law defines it. */
export function registerRegulationRoutes(app: ZodApp, catalogue: RegulationCatalogue): void {
  app.get(
    '/api/v1/regulations',
    {
      config: { access: 'public' },
      schema: {
        tags: ['regulations'],
        summary: 'Regulation versions, or those in force on a date.',
        querystring: z.object({ at: z.iso.date().optional().describe('only versions in force on this date') }),
        response: { 200: z.array(Summary), 400: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const { at } = request.query;
      return (at === undefined ? catalogue.list() : catalogue.allInForce(at)).map(summary);
    },
  );

  app.get(
    '/api/v1/regulations/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['regulations'],
        summary: 'One regulation version in full: roles, steps, terms, sources, notes.',
        params: IdParams,
        response: { 200: RegulationSchema, 404: ErrorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const regulation = catalogue.get(request.params.id);
      if (!regulation) return sendError(request, reply, 'REGULATION_NOT_FOUND', { id: request.params.id });
      return regulation;
    },
  );

  app.get(
    '/api/v1/regulations/:id/bpmn',
    {
      config: { access: 'public' },
      schema: {
        tags: ['regulations'],
        summary: 'BPMN 2.0 XML of a request kind’s process, with lanes per actor and a diagram layout.',
        params: IdParams,
        querystring: z.object({ kind: RequestKind.default('issue') }),
        response: { 200: z.string().describe('BPMN 2.0 XML'), 404: ErrorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const regulation = catalogue.get(request.params.id);
      if (!regulation) return sendError(request, reply, 'REGULATION_NOT_FOUND', { id: request.params.id });
      const { kind } = request.query;
      if (!regulation.requestKinds.some((k) => k.kind === kind)) {
        return sendError(request, reply, 'REQUEST_KIND_NOT_OFFERED', {
          id: regulation.id,
          kind,
          offered: regulation.requestKinds.map((k) => k.kind),
        });
      }
      return reply.type('application/xml; charset=utf-8').send(regulationToBpmn(regulation, kind, request.locale));
    },
  );
}

function summary(r: Regulation): z.infer<typeof Summary> {
  return {
    id: r.id,
    service: r.service.id,
    name: r.service.name,
    version: r.version,
    effectiveFrom: r.effectiveFrom,
    repealedOn: r.repealedOn,
    requestKinds: r.requestKinds.map((k) => k.kind),
  };
}
