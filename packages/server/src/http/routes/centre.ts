import { RuqsatError, Temporal } from '@ruqsat/core';
import { z } from 'zod';
import type { IntakeService } from '../../centre/intake-service.js';
import type { QueueService } from '../../centre/queue-service.js';
import { principalOf, staffMemberOf } from '../access.js';
import { CLIENT_ERRORS, ErrorEnvelopeSchema } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';
import { ApplicationSummary, summaryOf } from './application-views.js';
import { AttachmentInfo, sendDocument, UploadQuery } from './attachment-http.js';

const Errors = { ...CLIENT_ERRORS, 502: ErrorEnvelopeSchema, 503: ErrorEnvelopeSchema };
const Params = z.object({ id: z.string().min(1).max(100) });
const Iin = z.string().regex(/^\d{12}$/);

const Ticket = z
  .object({
    id: z.string(),
    centreId: z.string(),
    day: z.iso.date(),
    number: z.number().int(),
    booked: z.boolean(),
    status: z.enum(['waiting', 'called', 'served', 'no_show']),
    issuedAt: z.iso.datetime({ offset: true }),
    calledAt: z.iso.datetime({ offset: true }).nullable(),
    window: z.number().int().nullable(),
    serviceSeconds: z.number().int().nullable().describe('from the call to the end of service'),
  })
  .meta({ id: 'QueueTicket' });

const IntakeRequest = z
  .object({
    regulationId: z.string().min(1).max(100),
    requestKind: z.enum(['issue', 'reissue', 'duplicate']),
    applicant: z.object({ kind: z.enum(['individual', 'sole_entrepreneur', 'legal_entity']), id: Iin }),
    licenceNumber: z.string().min(1).max(100).nullish(),
    form: z.record(z.string(), z.unknown()),
    paperDocuments: z.array(z.string().min(1).max(100)).max(50).describe('ids of the documents seen on paper'),
    ticketId: z.string().min(1).max(100).nullish(),
  })
  .meta({ id: 'IntakeRequest' });

const Receipt = z
  .object({
    applicationId: z.string(),
    centreId: z.string(),
    operator: z.object({ id: z.string(), name: z.string() }),
    applicant: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
    regulationId: z.string(),
    requestKind: z.string(),
    acceptedAt: z.iso.datetime({ offset: true }),
    registrationDate: z.iso.date(),
    plannedResultDate: z.iso.date(),
    paperDocuments: z.array(z.string()),
    handedOver: z.object({ at: z.iso.datetime({ offset: true }), by: z.string(), toIin: z.string() }).nullable(),
  })
  .meta({ id: 'CentreReceipt' });

/**
 * The citizen service centre: the electronic queue, walk-in intake signed by the operator, the
 * receipt, and the hand-over of the result — all `operator` routes, each bound to the operator's
 * own centre; and the booking of a slot, public to look at and `signed_in` to book.
 */
export function registerCentreRoutes(
  app: ZodApp,
  deps: {
    readonly intake: IntakeService;
    readonly queue: QueueService;
    readonly catalogue: Parameters<typeof summaryOf>[1];
  },
): void {
  const { intake, queue } = deps;
  const operator = { access: 'operator' as const };

  app.get(
    '/api/v1/centre/queue',
    {
      config: operator,
      schema: {
        tags: ['centre'],
        summary: 'Today’s tickets of the operator’s centre.',
        response: { 200: z.object({ items: z.array(Ticket) }), ...Errors },
      },
    },
    async (request) => ({ items: await queue.today(staffMemberOf(request)) }),
  );

  app.post(
    '/api/v1/centre/tickets',
    {
      config: operator,
      schema: {
        tags: ['centre'],
        summary: 'Issues the next ticket of the day, for a booked visit if the visitor has one.',
        body: z.object({ bookingId: z.string().min(1).max(100).optional() }),
        response: { 201: Ticket, ...Errors },
      },
    },
    async (request, reply) => reply.code(201).send(await queue.issue(staffMemberOf(request), request.body.bookingId)),
  );

  app.post(
    '/api/v1/centre/queue/call-next',
    {
      config: operator,
      schema: {
        tags: ['centre'],
        summary: 'Calls the next visitor to the operator’s window: booked visits whose slot has begun first.',
        body: z.object({ window: z.number().int().min(1).max(200) }),
        response: { 200: Ticket, ...Errors },
      },
    },
    async (request) => queue.callNext(staffMemberOf(request), request.body.window),
  );

  app.post(
    '/api/v1/centre/tickets/:id/finish',
    {
      config: operator,
      schema: {
        tags: ['centre'],
        summary: 'Ends the service of a called ticket, recording its service time.',
        params: Params,
        body: z.object({ outcome: z.enum(['served', 'no_show']) }),
        response: { 200: Ticket, ...Errors },
      },
    },
    async (request) => queue.finish(staffMemberOf(request), request.params.id, request.body.outcome),
  );

  app.post(
    '/api/v1/centre/intakes/prepare',
    {
      config: operator,
      schema: {
        tags: ['centre'],
        summary:
          'Looks the applicant up in the state database, runs the centre’s conditions of the regulation and checks the form; answers the application number and the canonical request for the operator to sign.',
        body: IntakeRequest.extend({
          applicationId: z
            .string()
            .min(1)
            .max(40)
            .optional()
            .describe('the number a first prepare gave, to prepare it again'),
        }),
        response: {
          200: z.object({
            applicationId: z.string(),
            canonicalRequest: z.string().describe('RFC 8785 JSON: sign these UTF-8 bytes, detached'),
            applicant: z.record(z.string(), z.unknown()).describe('the record of the state database'),
          }),
          ...Errors,
        },
      },
    },
    async (request) => {
      const { applicationId, ...body } = request.body;
      return intake.prepare(staffMemberOf(request), body, request.locale, applicationId);
    },
  );

  app.post(
    '/api/v1/centre/intakes/:id',
    {
      config: operator,
      schema: {
        tags: ['centre'],
        summary: 'Registers the request signed with the operator’s key; answers the application and its receipt.',
        params: Params,
        body: IntakeRequest.extend({
          transactionId: z.string().min(8).max(100),
          signature: z.base64().max(64_000).describe('detached CMS SignedData over the canonical request, DER, base64'),
        }),
        response: { 201: z.object({ application: ApplicationSummary, receipt: Receipt }), ...Errors },
      },
    },
    async (request, reply) => {
      const { state, receipt } = await intake.submit(
        staffMemberOf(request),
        request.params.id,
        { ...request.body, signature: new Uint8Array(Buffer.from(request.body.signature, 'base64')) },
        request.locale,
      );
      return reply.code(201).send({ application: summaryOf(state, deps.catalogue, request.locale), receipt });
    },
  );

  app.post(
    '/api/v1/centre/intakes/:id/attachments',
    {
      config: operator,
      bodyLimit: intake.maxAttachmentBytes,
      schema: {
        tags: ['centre'],
        summary:
          'Attaches a scan (the raw body, application/octet-stream) to the intake being prepared, before it is signed: PDF, JPEG or PNG by content, size-limited, hashed, virus-scanned.',
        params: Params,
        querystring: UploadQuery.extend({
          regulationId: z.string().min(1).max(100),
          requestKind: z.enum(['issue', 'reissue', 'duplicate']),
        }),
        response: { 201: AttachmentInfo, ...Errors, 413: ErrorEnvelopeSchema, 415: ErrorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const bytes = request.body instanceof Buffer ? new Uint8Array(request.body) : new Uint8Array();
      const info = await intake.attach(staffMemberOf(request), request.params.id, { ...request.query, bytes });
      return reply.code(201).send(info);
    },
  );

  app.get(
    '/api/v1/centre/applications/:id/receipt',
    {
      config: operator,
      schema: {
        tags: ['centre'],
        summary: 'The receipt of an application the operator’s centre took in (with its hand-over, once done).',
        params: Params,
        response: { 200: Receipt, ...Errors },
      },
    },
    async (request) => intake.receipt({ operator: staffMemberOf(request) }, request.params.id),
  );

  app.get(
    '/api/v1/centre/applications/:id/receipt.pdf',
    {
      config: operator,
      schema: {
        tags: ['centre'],
        summary: 'The receipt as a PDF in Kazakh and Russian, to print for the applicant.',
        params: Params,
        response: Errors,
      },
    },
    async (request, reply) => {
      const bytes = await intake.receiptPdf({ operator: staffMemberOf(request) }, request.params.id);
      return sendDocument(reply, { fileName: `receipt-${request.params.id}.pdf`, bytes });
    },
  );

  app.post(
    '/api/v1/centre/applications/:id/hand-over',
    {
      config: operator,
      schema: {
        tags: ['centre'],
        summary: 'Records that the result was handed to the applicant or their representative (by IIN).',
        params: Params,
        body: z.object({ receivedByIin: Iin }),
        response: { 200: Receipt, ...Errors },
      },
    },
    async (request) => intake.handOver(staffMemberOf(request), request.params.id, request.body.receivedByIin),
  );

  app.get(
    '/api/v1/centres/:id/slots',
    {
      config: { access: 'public' },
      schema: {
        tags: ['centre'],
        summary: 'The 15-minute slots of a centre on a working day of the next two weeks, with free places.',
        params: Params,
        querystring: z.object({ date: z.iso.date() }),
        response: {
          200: z.object({ items: z.array(z.object({ start: z.iso.datetime({ offset: true }), free: z.number() })) }),
          ...Errors,
        },
      },
    },
    async (request) => ({ items: await queue.slots(request.params.id, Temporal.PlainDate.from(request.query.date)) }),
  );

  app.get(
    '/api/v1/centres',
    {
      config: { access: 'public' },
      schema: {
        tags: ['centre'],
        summary: 'The citizen service centres one can book a visit at.',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
                windows: z.number().int().describe('service windows: places per slot'),
              }),
            ),
          }),
          ...Errors,
        },
      },
    },
    async () => ({ items: await queue.centres() }),
  );

  app.get(
    '/api/v1/centre/bookings',
    {
      config: operator,
      schema: {
        tags: ['centre'],
        summary: 'The visits booked at the operator’s centre on a date (today by default), with the ticket each got.',
        querystring: z.object({ date: z.iso.date().optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                slotStart: z.iso.datetime({ offset: true }),
                iin: z.string(),
                regulationId: z.string(),
                ticket: z.object({ id: z.string(), number: z.number().int() }).nullable(),
              }),
            ),
          }),
          ...Errors,
        },
      },
    },
    async (request) => {
      const { date } = request.query;
      return {
        items: await queue.bookingsAt(staffMemberOf(request), date ? Temporal.PlainDate.from(date) : undefined),
      };
    },
  );

  app.get(
    '/api/v1/my/applications/:id/receipt.pdf',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant'],
        summary: 'The centre’s receipt of one’s walk-in application, again (a lost paper receipt).',
        params: Params,
        response: Errors,
      },
    },
    async (request, reply) => {
      const bytes = await intake.receiptPdf({ applicant: principalOf(request) }, request.params.id);
      return sendDocument(reply, { fileName: `receipt-${request.params.id}.pdf`, bytes });
    },
  );

  const Booking = z.object({
    id: z.string(),
    centreId: z.string(),
    slotStart: z.iso.datetime({ offset: true }),
    regulationId: z.string(),
  });

  app.get(
    '/api/v1/my/bookings',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant'],
        summary: 'The signed-in person’s coming visits booked at centres.',
        response: { 200: z.object({ items: z.array(Booking) }), ...Errors },
      },
    },
    async (request) => ({ items: await queue.bookingsOf(principalOf(request).iin) }),
  );

  app.post(
    '/api/v1/my/bookings',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant'],
        summary: 'Books a slot at a centre for a service.',
        body: z.object({
          centreId: z.string().min(1).max(100),
          slotStart: z.iso.datetime({ offset: true }),
          regulationId: z.string().min(1).max(100),
        }),
        response: { 201: z.object({ id: z.string() }), ...Errors },
      },
    },
    async (request, reply) => {
      if (!deps.catalogue.get(request.body.regulationId)) {
        throw new RuqsatError('REGULATION_NOT_FOUND', { regulationId: request.body.regulationId });
      }
      const id = await queue.book(principalOf(request).iin, request.body);
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/v1/my/bookings/:id/cancel',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant'],
        summary: 'Cancels one of the signed-in person’s bookings.',
        params: Params,
        response: { 204: z.null(), ...Errors },
      },
    },
    async (request, reply) => {
      await queue.cancelBooking(principalOf(request).iin, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
