import { type ApplicationState, type EngineEvent, type RegulationCatalogue, RuqsatError } from '@ruqsat/core';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { ApplicationService } from '../../applications/application-service.js';
import { historyLine, notificationText, reasonsOf } from '../../applications/history-words.js';
import { visibleApplication, visibleTo } from '../../applications/visibility.js';
import { actsForCompany } from '../../auth/principal.js';
import type { DatabaseSchema } from '../../store/schema.js';
import type { SurveyService } from '../../survey/survey-service.js';
import { principalOf, readUnderSession } from '../access.js';
import { ErrorEnvelopeSchema } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';
import { ApplicationDetail, ApplicationSummary, summaryOf } from './application-views.js';

/**
 * "My applications": what «обновить статус» shows — each application the signed-in person may
 * see, with its number, service, request kind, status, term and the open step's due date; and one
 * application with its history in plain words. A person sees their own; a company's application
 * is seen by its employees whose certificate carries its BIN and a role that acts for it. Anyone
 * else is told there is no such application, not that it is someone else's.
 */
export function registerMyApplicationRoutes(
  app: ZodApp,
  deps: {
    readonly db: Kysely<DatabaseSchema>;
    readonly catalogue: RegulationCatalogue;
    readonly applications?: ApplicationService;
    readonly survey?: SurveyService;
  },
): void {
  app.get(
    '/api/v1/my/applications',
    {
      config: { access: 'signed_in', sessionConfirmedInRead: true },
      schema: {
        tags: ['applicant'],
        summary: 'The applications of the signed-in person and of the company they act for, newest first.',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: {
          200: z.object({ items: z.array(ApplicationSummary), total: z.number() }),
          401: ErrorEnvelopeSchema,
        },
      },
    },
    async (request) => {
      const visible = visibleTo(deps.db, principalOf(request));
      // The page and the total in one statement (a window count), which confirms the session too:
      // one round trip. Only a page past the end has no row to carry the total, and asks for it on
      // its own.
      const rows = await readUnderSession(
        request,
        visible
          .select((eb) => ['state', eb.fn.countAll<string>().over().as('total')])
          .orderBy('received_at', 'desc')
          .orderBy('id')
          .limit(request.query.limit)
          .offset(request.query.offset),
      );
      const total =
        rows[0]?.total ??
        (request.query.offset === 0
          ? 0
          : (await visible.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow()).total);
      return {
        items: rows.map((r) => summaryOf(r.state as unknown as ApplicationState, deps.catalogue, request.locale)),
        total: Number(total),
      };
    },
  );

  app.get(
    '/api/v1/my/applications/:id',
    {
      config: { access: 'signed_in', sessionConfirmedInRead: true },
      schema: {
        tags: ['applicant'],
        summary: 'One application with its history in plain words.',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: ApplicationDetail, 401: ErrorEnvelopeSchema, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      // The application, its events and the session's confirmation in one statement.
      const [row] = await readUnderSession(
        request,
        visibleTo(deps.db, principalOf(request))
          .select(['state', eventsInOrder.as('events')])
          .where('id', '=', request.params.id),
      );
      if (!row) throw new RuqsatError('APPLICATION_NOT_FOUND', { applicationId: request.params.id });
      const state = row.state as unknown as ApplicationState;
      const regulation = deps.catalogue.get(state.regulationId);
      return {
        ...summaryOf(state, deps.catalogue, request.locale),
        history: row.events.map(({ sequence, event }) => ({
          sequence,
          at: event.at,
          type: event.type,
          text: historyLine(event, regulation, request.locale),
          reasons: reasonsOf(event),
        })),
      };
    },
  );

  const applications = deps.applications;
  if (applications) {
    app.post(
      '/api/v1/my/applications/:id/withdraw',
      {
        config: { access: 'signed_in' },
        schema: {
          tags: ['applicant'],
          summary: 'Withdraws an application that has not ended yet; repeating the transaction id repeats the answer.',
          params: z.object({ id: z.string().min(1).max(100) }),
          body: z.object({ transactionId: z.string().min(8).max(100).describe('the client’s id for this withdrawal') }),
          response: {
            200: ApplicationSummary,
            401: ErrorEnvelopeSchema,
            404: ErrorEnvelopeSchema,
            409: ErrorEnvelopeSchema,
          },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const state = await visibleApplication(deps.db, principal, request.params.id);
        const result = await applications.execute({
          applicationId: state.id,
          transactionId: `withdraw:${principal.iin}:${request.body.transactionId}`,
          command: { type: 'withdraw' },
          // A company withdraws through an employee who acts for it: the actor is the company.
          actor: { kind: 'applicant', userId: `iin:${principal.iin}`, subjectId: state.applicant.id },
        });
        return summaryOf(result.state, deps.catalogue, request.locale);
      },
    );
  }

  const survey = deps.survey;
  if (survey) {
    const SurveyView = z
      .object({
        questions: z.array(
          z.object({
            id: z.string(),
            indicator: z.enum(['quality', 'accessibility']),
            text: z.string(),
            answers: z.array(z.object({ id: z.string(), text: z.string() })),
          }),
        ),
        answered: z.record(z.string(), z.string()).nullable(),
      })
      .meta({ id: 'Survey' });
    app.get(
      '/api/v1/my/applications/:id/survey',
      {
        config: { access: 'signed_in' },
        schema: {
          tags: ['applicant'],
          summary: 'The regulation’s survey of an application, in the reader’s language, with the answers given.',
          params: z.object({ id: z.string().min(1).max(100) }),
          response: { 200: SurveyView, 401: ErrorEnvelopeSchema, 404: ErrorEnvelopeSchema },
        },
      },
      async (request) => survey.view(principalOf(request), request.params.id, request.locale),
    );
    app.post(
      '/api/v1/my/applications/:id/survey',
      {
        config: { access: 'signed_in' },
        schema: {
          tags: ['applicant'],
          summary: 'Answers the survey once the result is out: one of the offered answers to each question, once.',
          params: z.object({ id: z.string().min(1).max(100) }),
          body: z.object({ answers: z.record(z.string().max(100), z.string().max(100)) }),
          response: {
            204: z.null(),
            401: ErrorEnvelopeSchema,
            404: ErrorEnvelopeSchema,
            409: ErrorEnvelopeSchema,
            422: ErrorEnvelopeSchema,
          },
        },
      },
      async (request, reply) => {
        await survey.answer(principalOf(request), request.params.id, request.body.answers);
        return reply.code(204).send(null);
      },
    );
  }

  app.get(
    '/api/v1/my/notifications',
    {
      config: { access: 'signed_in', sessionConfirmedInRead: true },
      schema: {
        tags: ['applicant'],
        summary: 'What happened to the applications of the signed-in person and their company, newest first.',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                applicationId: z.string(),
                kind: z.string(),
                text: z.string(),
                createdAt: z.iso.datetime({ offset: true }),
              }),
            ),
          }),
          401: ErrorEnvelopeSchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const recipients = [principal.iin, ...(actsForCompany(principal) ? [principal.bin] : [])];
      const rows = await readUnderSession(
        request,
        deps.db
          .selectFrom('notifications')
          .select(['id', 'application_id', 'kind', 'payload', 'created_at'])
          .where('recipient_kind', '=', 'applicant')
          .where('recipient', 'in', recipients)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(request.query.limit),
      );
      return {
        items: rows.map((r) => ({
          id: Number(r.id),
          applicationId: r.application_id,
          kind: r.kind,
          text: notificationText(r.kind, r.payload as Record<string, unknown>, request.locale),
          createdAt: r.created_at.toISOString(),
        })),
      };
    },
  );
}

/**
 * An application's events, oldest first, as one JSON array beside its row (the aggregate's own
 * ORDER BY: a subquery's order is not promised to survive aggregation).
 */
const eventsInOrder = sql<{ sequence: number; event: EngineEvent }[]>`(
  SELECT coalesce(json_agg(json_build_object('sequence', e.sequence, 'event', e.event) ORDER BY e.sequence), '[]'::json)
  FROM application_events e
  WHERE e.application_id = applications.id
)`;
