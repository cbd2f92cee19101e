import { Temporal } from '@ruqsat/core';
import { z } from 'zod';
import type { Period, ReportsService } from '../../reports/reports-service.js';
import { ErrorEnvelopeSchema } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';

const Errors = { 400: ErrorEnvelopeSchema, 401: ErrorEnvelopeSchema, 403: ErrorEnvelopeSchema };
const PeriodQuery = z
  .object({
    from: z.iso.date().describe('first Almaty date of the period'),
    to: z.iso.date().describe('last Almaty date of the period (inclusive)'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });

/** The administrator's reports over a period of Almaty dates. */
export function registerReportRoutes(app: ZodApp, reports: ReportsService): void {
  const administrator = { access: 'administrator' as const };

  app.get(
    '/api/v1/admin/reports/applications',
    {
      config: administrator,
      schema: {
        tags: ['admin'],
        summary: 'Applications received in the period, by service, authority, channel, status and result.',
        querystring: PeriodQuery,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                serviceId: z.string(),
                authorityId: z.string(),
                channel: z.string(),
                status: z.string(),
                result: z.string().nullable(),
                count: z.number().int(),
              }),
            ),
          }),
          ...Errors,
        },
      },
    },
    async (request) => ({ items: await reports.applications(periodOf(request.query)) }),
  );

  app.get(
    '/api/v1/admin/reports/deadlines',
    {
      config: administrator,
      schema: {
        tags: ['admin'],
        summary:
          'Deadline compliance and average working time per step and authority, for the steps opened in the period.',
        querystring: PeriodQuery,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                authorityId: z.string(),
                regulationId: z.string(),
                stepId: z.string(),
                stepName: z.string(),
                opened: z.number().int(),
                completed: z.number().int(),
                completedOnTime: z.number().int(),
                late: z.number().int(),
                compliance: z.number().nullable(),
                averageWorkingHours: z.number().nullable(),
              }),
            ),
          }),
          ...Errors,
        },
      },
    },
    async (request) => ({ items: await reports.deadlines(periodOf(request.query), request.locale) }),
  );

  app.get(
    '/api/v1/admin/reports/survey',
    {
      config: administrator,
      schema: {
        tags: ['admin'],
        summary: 'The survey’s indicators (quality, accessibility) per service, for the answers given in the period.',
        querystring: PeriodQuery,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                serviceId: z.string(),
                questionId: z.string(),
                indicator: z.string(),
                question: z.string(),
                answers: z.record(z.string(), z.number()),
                responses: z.number().int(),
                satisfiedShare: z.number().nullable(),
              }),
            ),
          }),
          ...Errors,
        },
      },
    },
    async (request) => ({ items: await reports.survey(periodOf(request.query), request.locale) }),
  );
}

/** Almaty dates [from, to] as instants [start of from, start of the day after to). */
function periodOf(query: { from: string; to: string }): Period {
  const start = (date: Temporal.PlainDate) => date.toZonedDateTime({ timeZone: 'Asia/Almaty' }).toInstant();
  return {
    from: start(Temporal.PlainDate.from(query.from)),
    to: start(Temporal.PlainDate.from(query.to).add({ days: 1 })),
  };
}
