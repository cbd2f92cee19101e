import { type ApplicationState, errorEnvelope, type LocalizedText } from '@ruqsat/core';
import { z } from 'zod';
import { historyLine, reasonsOf } from '../../applications/history-words.js';
import type { OfficeService } from '../../office/office-service.js';
import type { Delegations } from '../../staff/delegations.js';
import type { StaffDirectory, StaffMember } from '../../staff/staff-directory.js';
import { authorityOf } from '../../staff/staff-directory.js';
import { staffMemberOf } from '../access.js';
import { CLIENT_ERRORS } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';
import { ApplicationSummary, summaryOf } from './application-views.js';
import { AttachmentInfo, sendAttachment } from './attachment-http.js';

const TransactionId = z
  .string()
  .min(8)
  .max(100)
  .describe('the client’s id for this action; repeating it repeats the answer');
const Params = z.object({ id: z.string().min(1).max(100) });
const StepCommand = z.object({ transactionId: TransactionId, stepId: z.string().min(1).max(100) });
const Errors = CLIENT_ERRORS;

const StaffMemberView = z
  .object({ id: z.string(), name: z.string(), organisationId: z.string(), roles: z.array(z.string()) })
  .meta({ id: 'StaffMember' });

const QueueItem = ApplicationSummary.extend({
  stepRole: z.string().nullable(),
  assignee: z.string().nullable().describe('the staff user id the open step is assigned to'),
  dueToday: z.boolean(),
}).meta({ id: 'WorkQueueItem' });

const ApplicationFile = ApplicationSummary.extend({
  assignee: z.string().nullable(),
  form: z.record(z.string(), z.unknown()),
  licenceNumber: z.string().nullable(),
  intake: z
    .object({ centreId: z.string(), paperDocuments: z.array(z.string()), applicant: z.record(z.string(), z.unknown()) })
    .nullable(),
  signature: z
    .object({ signedByIin: z.string(), recordedAt: z.iso.datetime({ offset: true }), report: z.unknown() })
    .nullable(),
  attachments: z.array(AttachmentInfo),
  history: z.array(
    z.object({
      sequence: z.number(),
      at: z.iso.datetime({ offset: true }),
      type: z.string(),
      stepId: z.string().nullable(),
      text: z.string(),
      by: z.string().describe('who acted: a staff member’s name, or a user id'),
      onBehalfOf: z.string().nullable().describe('the absent colleague a substitute acted for'),
      comment: z.string().nullable(),
    }),
  ),
}).meta({ id: 'ApplicationFile' });

const DelegationView = z
  .object({
    id: z.string(),
    fromStaff: z.string(),
    toStaff: z.string(),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    reason: z.string(),
    createdBy: z.string(),
    revoked: z.boolean(),
  })
  .meta({ id: 'Delegation' });

/**
 * The licensing authority's back office: work queues per role with due dates and overdue flags,
 * the application file, assignment (one or many), the step actions of the regulation, and
 * delegation during absence. Every route is `staff`: a post at a licensing authority.
 */
export function registerOfficeRoutes(
  app: ZodApp,
  deps: { readonly office: OfficeService; readonly directory: StaffDirectory; readonly delegations: Delegations },
): void {
  const { office } = deps;
  const staff = { access: 'staff' as const };

  app.get(
    '/api/v1/office/me',
    {
      config: staff,
      schema: {
        tags: ['office'],
        summary: 'The signed-in official: their post, roles, and the colleagues they stand in for today.',
        response: {
          200: z.object({
            member: StaffMemberView,
            organisation: z.object({ id: z.string(), name: z.string() }),
            standingInFor: z.array(StaffMemberView),
          }),
          ...Errors,
        },
      },
    },
    async (request) => {
      const member = staffMemberOf(request);
      const organisation = await deps.directory.organisation(member.organisationId);
      const absent = await deps.delegations.standingInFor(member);
      return {
        member: memberView(member),
        organisation: { id: member.organisationId, name: nameIn(organisation?.name, request.locale) },
        standingInFor: absent.map(memberView),
      };
    },
  );

  app.get(
    '/api/v1/office/queue',
    {
      config: staff,
      schema: {
        tags: ['office'],
        summary: 'Open work of the authority, soonest due first: for my roles (default) or all of it.',
        querystring: z.object({
          scope: z.enum(['mine', 'authority']).default('mine'),
          overdue: z.enum(['true', 'false']).default('false').describe('only overdue steps'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(QueueItem), total: z.number() }), ...Errors },
      },
    },
    async (request) => {
      const { items, total } = await office.queue(staffMemberOf(request), {
        scope: request.query.scope,
        overdueOnly: request.query.overdue === 'true',
        limit: request.query.limit,
        offset: request.query.offset,
      });
      return {
        items: items.map(({ state, dueToday }) => ({
          ...summaryOf(state, office.catalogue, request.locale),
          stepRole: state.workItem?.role ?? null,
          assignee: state.workItem?.assignee ?? null,
          dueToday,
        })),
        total,
      };
    },
  );

  app.get(
    '/api/v1/office/applications/:id',
    {
      config: staff,
      schema: {
        tags: ['office'],
        summary: 'The application file: form, paper documents, signature report and history with names.',
        params: Params,
        response: { 200: ApplicationFile, ...Errors },
      },
    },
    async (request) => {
      const file = await office.file(staffMemberOf(request), request.params.id);
      const regulation = office.regulationOf(file.state);
      const nameOf = (userId: string | undefined) => (userId === undefined ? null : (file.names[userId] ?? userId));
      return {
        ...summaryOf(file.state, office.catalogue, request.locale),
        assignee: file.state.workItem?.assignee ?? null,
        form: file.form,
        licenceNumber: file.licenceNumber,
        intake: file.intake,
        attachments: file.attachments,
        signature: file.signature ? { ...file.signature, recordedAt: file.signature.recordedAt.toISOString() } : null,
        history: file.events.map(({ sequence, event }) => ({
          sequence,
          at: event.at,
          type: event.type,
          stepId: 'stepId' in event ? event.stepId : null,
          text: historyLine(event, regulation, request.locale),
          by: nameOf(event.by) ?? event.by,
          onBehalfOf: nameOf(event.onBehalfOf),
          comment: reasonsOf(event),
        })),
      };
    },
  );

  app.get(
    '/api/v1/office/applications/:id/attachments/:attachmentId',
    {
      config: staff,
      schema: {
        tags: ['office'],
        summary: 'A file attached to the application, as it was received.',
        params: z.object({ id: z.string().min(1).max(100), attachmentId: z.uuid() }),
        response: Errors,
      },
    },
    async (request, reply) =>
      sendAttachment(
        reply,
        await office.attachment(staffMemberOf(request), request.params.id, request.params.attachmentId),
      ),
  );

  // Each action on the open step: the client's transaction id and the step, what the action adds,
  // the service's method; the answer is the application as it now stands.
  const stepAction = <Extra extends z.ZodRawShape>(
    action: string,
    summary: string,
    extra: Extra,
    act: (
      member: StaffMember,
      id: string,
      body: z.infer<z.ZodObject<typeof StepCommand.shape & Extra>>,
    ) => Promise<{ state: ApplicationState }>,
  ) =>
    app.post(
      `/api/v1/office/applications/:id/${action}`,
      {
        config: staff,
        schema: {
          tags: ['office'],
          summary,
          params: Params,
          body: StepCommand.extend(extra),
          response: { 200: ApplicationSummary, ...Errors },
        },
      },
      async (request) => {
        // The schema above validated it; the type provider cannot follow a generic shape through.
        const body = request.body as z.infer<z.ZodObject<typeof StepCommand.shape & Extra>>;
        const result = await act(staffMemberOf(request), request.params.id, body);
        return summaryOf(result.state, office.catalogue, request.locale);
      },
    );

  stepAction(
    'assign',
    'Assigns (or reassigns) the open step to a colleague with its role, or takes it oneself.',
    { assigneeId: z.string().min(1).max(100) },
    (member, id, body) => office.assign(member, id, body),
  );
  stepAction(
    'complete',
    'Completes the open step with one of the regulation’s outcomes; refusals need reasons.',
    {
      outcome: z.string().min(1).max(100),
      comment: z
        .string()
        .max(4000)
        .optional()
        .describe('the reasons of a refusal or return, as the applicant will read them'),
    },
    (member, id, body) => office.complete(member, id, body),
  );
  stepAction(
    'return',
    'Returns the application to the applicant for corrections; the term stops until they answer.',
    { reason: z.string().max(4000) },
    (member, id, body) => office.returnToApplicant(member, id, body),
  );
  stepAction(
    'external-check',
    'Asks the outside state system the open step’s question; the answer arrives on its own.',
    {},
    (member, id, body) => office.requestExternalCheck(member, id, body),
  );
  stepAction(
    'external-check/answer',
    'Records the answer of an outside body the system cannot ask itself, with what it said.',
    {
      answer: z.enum(['positive', 'negative']),
      summary: z.string().max(4000).describe('what the outside body answered, in a sentence or two'),
    },
    (member, id, body) => office.answerExternalCheck(member, id, body),
  );

  app.post(
    '/api/v1/office/assignments',
    {
      config: staff,
      schema: {
        tags: ['office'],
        summary: 'Assigns the open steps of many applications to one colleague; each answers on its own.',
        body: z.object({
          transactionId: TransactionId,
          applicationIds: z.array(z.string().min(1).max(100)).min(1).max(100),
          assigneeId: z.string().min(1).max(100),
        }),
        response: {
          200: z.object({
            results: z.array(
              z.object({
                applicationId: z.string(),
                assigned: z.boolean(),
                error: z.object({ code: z.string(), message: z.string() }).nullable(),
              }),
            ),
          }),
          ...Errors,
        },
      },
    },
    async (request) => {
      const results = await office.bulkAssign(staffMemberOf(request), request.body);
      return {
        results: results.map(({ applicationId, error }) => ({
          applicationId,
          assigned: error === null,
          error: error ? errorEnvelope(error.code, request.locale, undefined, error.localizedMessage).error : null,
        })),
      };
    },
  );

  app.get(
    '/api/v1/office/staff',
    {
      config: staff,
      schema: {
        tags: ['office'],
        summary: 'The colleagues of the authority, for assignment and delegation.',
        response: { 200: z.object({ items: z.array(StaffMemberView) }), ...Errors },
      },
    },
    async (request) => {
      const members = await deps.directory.staffOf(authorityOf(staffMemberOf(request)));
      return { items: members.map(memberView) };
    },
  );

  app.get(
    '/api/v1/office/delegations',
    {
      config: staff,
      schema: {
        tags: ['office'],
        summary: 'Delegations from or to the signed-in official that have not ended.',
        response: { 200: z.object({ items: z.array(DelegationView) }), ...Errors },
      },
    },
    async (request) => ({ items: await deps.delegations.of(staffMemberOf(request)) }),
  );

  app.post(
    '/api/v1/office/delegations',
    {
      config: staff,
      schema: {
        tags: ['office'],
        summary: 'Names a substitute for an absence (one’s own, or a colleague’s for leadership).',
        body: z.object({
          fromStaffId: z.string().min(1).max(100).optional(),
          toStaffId: z.string().min(1).max(100),
          startsOn: z.iso.date(),
          endsOn: z.iso.date(),
          reason: z.string().trim().min(3).max(500),
        }),
        response: { 201: DelegationView, ...Errors },
      },
    },
    async (request, reply) => {
      const delegation = await deps.delegations.create(staffMemberOf(request), request.body);
      return reply.code(201).send(delegation);
    },
  );

  app.post(
    '/api/v1/office/delegations/:id/revoke',
    {
      config: staff,
      schema: {
        tags: ['office'],
        summary: 'Ends a delegation early.',
        params: Params,
        response: { 204: z.null(), ...Errors },
      },
    },
    async (request, reply) => {
      await deps.delegations.revoke(staffMemberOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}

function memberView(member: StaffMember) {
  return { id: member.id, name: member.name, organisationId: member.organisationId, roles: [...member.roles] };
}

function nameIn(name: LocalizedText | undefined, locale: 'kk' | 'ru' | 'en'): string {
  return name?.[locale] ?? '';
}
