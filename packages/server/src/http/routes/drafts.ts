import { RequestKind } from '@ruqsat/core';
import { z } from 'zod';
import type { DraftService } from '../../drafts/draft-service.js';
import { principalOf } from '../access.js';
import { BODY_ERRORS, ErrorEnvelopeSchema } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';
import { AttachmentInfo, DocumentChecklist, sendAttachment, UploadQuery } from './attachment-http.js';
import { Payment } from './payments.js';

const FieldProblem = z.object({ field: z.string(), rule: z.string(), message: z.string() });

const Draft = z
  .object({
    id: z.string().describe('the application number it will have'),
    applicant: z.object({ kind: z.string(), id: z.string() }),
    regulationId: z.string(),
    serviceId: z.string(),
    requestKind: z.string(),
    licenceNumber: z.string().nullable(),
    form: z.unknown(),
    problems: z.array(FieldProblem).describe('what is still wrong with the form, field by field'),
    updatedAt: z.iso.datetime(),
    submittedAt: z.iso.datetime().nullable(),
    documents: DocumentChecklist.optional().describe('the regulation’s documents with the files attached for each'),
  })
  .meta({ id: 'Draft' });

const Errors = {
  401: ErrorEnvelopeSchema,
  403: ErrorEnvelopeSchema,
  404: ErrorEnvelopeSchema,
  409: ErrorEnvelopeSchema,
  422: ErrorEnvelopeSchema,
};
const Id = z.object({ id: z.string().min(1).max(40) });

/** The portal's way to an application: draft, form, fee, the request to sign, submission. */
export function registerDraftRoutes(app: ZodApp, drafts: DraftService): void {
  app.post(
    '/api/v1/drafts',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant'],
        summary: 'Starts an application for a service and request kind, for oneself or for one’s company.',
        body: z.object({
          serviceId: z.string().min(1).max(100),
          requestKind: RequestKind,
          forCompany: z.boolean().default(false),
          licenceNumber: z
            .string()
            .min(1)
            .max(50)
            .optional()
            .describe('for a reissue or a duplicate: the licence concerned'),
        }),
        response: { 201: Draft, ...Errors, ...BODY_ERRORS },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await drafts.create(principalOf(request), request.body, request.locale)),
  );

  app.get(
    '/api/v1/drafts/:id',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant'],
        summary: 'A draft as it was saved.',
        params: Id,
        response: { 200: Draft, ...Errors },
      },
    },
    async (request) => drafts.get(principalOf(request), request.params.id, request.locale),
  );

  app.put(
    '/api/v1/drafts/:id/form',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant'],
        summary: 'Saves the form as typed; the answer says what is still wrong, field by field.',
        params: Id,
        body: z.object({ form: z.record(z.string(), z.unknown()) }),
        response: { 200: Draft, ...Errors, ...BODY_ERRORS },
      },
    },
    async (request) => drafts.saveForm(principalOf(request), request.params.id, request.body.form, request.locale),
  );

  app.post(
    '/api/v1/drafts/:id/invoice',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant', 'payments'],
        summary: 'The fee’s invoice at the payment gateway, made once; pay at its paymentUrl.',
        params: Id,
        response: { 200: Payment, ...Errors, 503: ErrorEnvelopeSchema },
      },
    },
    async (request) => drafts.invoice(principalOf(request), request.params.id),
  );

  app.get(
    '/api/v1/drafts/:id/invoice',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant', 'payments'],
        summary: 'The draft’s invoice and what the payment gateway last said of it.',
        params: Id,
        response: { 200: Payment, ...Errors },
      },
    },
    async (request) => drafts.invoiceOfDraft(principalOf(request), request.params.id),
  );

  app.get(
    '/api/v1/drafts/:id/request',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant'],
        summary: 'The request to sign: RFC 8785 canonical JSON; sign its UTF-8 bytes with the SIGN key (detached CMS).',
        params: Id,
        response: { 200: z.object({ canonical: z.string(), sha256: z.string() }), ...Errors },
      },
    },
    async (request) => drafts.canonicalRequest(principalOf(request), request.params.id, request.locale),
  );

  app.post(
    '/api/v1/drafts/:id/submit',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant'],
        summary:
          'Submits the signed request: the regulation’s portal conditions run in order (authorisation, payment, signature), each failure answered with the regulation’s refusal message.',
        params: Id,
        body: z.object({
          transactionId: z.string().min(8).max(100),
          signature: z.base64().max(64_000).describe('detached CMS SignedData over the canonical request, DER, base64'),
        }),
        response: {
          201: z.object({
            applicationId: z.string(),
            status: z.string(),
            registrationDate: z.string(),
            termDue: z.string(),
          }),
          ...Errors,
          503: ErrorEnvelopeSchema,
          ...BODY_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const result = await drafts.submit(
        principalOf(request),
        request.params.id,
        {
          transactionId: request.body.transactionId,
          signature: new Uint8Array(Buffer.from(request.body.signature, 'base64')),
        },
        request.locale,
      );
      const { state } = result;
      return reply.code(201).send({
        applicationId: state.id,
        status: state.status,
        registrationDate: state.registrationDate,
        termDue: state.termDue,
      });
    },
  );

  const Attachment = z.object({ id: z.string().min(1).max(40), attachmentId: z.uuid() });

  app.post(
    '/api/v1/drafts/:id/attachments',
    {
      config: { access: 'signed_in' },
      bodyLimit: drafts.maxAttachmentBytes,
      schema: {
        tags: ['applicant'],
        summary:
          'Attaches a file (the raw body, application/octet-stream) for one of the checklist’s documents: PDF, JPEG or PNG by content, size-limited, hashed and virus-scanned.',
        params: Id,
        querystring: UploadQuery,
        response: { 201: AttachmentInfo, ...Errors, ...BODY_ERRORS, 503: ErrorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const bytes = request.body instanceof Buffer ? new Uint8Array(request.body) : new Uint8Array();
      const info = await drafts.attach(principalOf(request), request.params.id, { ...request.query, bytes });
      return reply.code(201).send(info);
    },
  );

  app.get(
    '/api/v1/drafts/:id/attachments/:attachmentId',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant'],
        summary: 'A file of the draft (or of the application it became), as it was received.',
        params: Attachment,
        response: Errors,
      },
    },
    async (request, reply) =>
      sendAttachment(
        reply,
        await drafts.attachment(principalOf(request), request.params.id, request.params.attachmentId),
      ),
  );

  app.delete(
    '/api/v1/drafts/:id/attachments/:attachmentId',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['applicant'],
        summary: 'Removes a file from a draft not yet submitted.',
        params: Attachment,
        response: { 204: z.null(), ...Errors },
      },
    },
    async (request, reply) => {
      await drafts.detach(principalOf(request), request.params.id, request.params.attachmentId);
      return reply.code(204).send(null);
    },
  );
}
