import { OFFICIAL_CHANGES } from '@ruqsat/core';
import { z } from 'zod';
import { visibleApplication } from '../../applications/visibility.js';
import type { OfficeService } from '../../office/office-service.js';
import type { LicenceRegistry } from '../../registry/licence-registry.js';
import type { ResultDocumentsReader } from '../../registry/result-documents-reader.js';
import type { SigningKeys } from '../../signing/signing-keys.js';
import { principalOf, staffMemberOf } from '../access.js';
import { CLIENT_ERRORS } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';
import { sendDocument } from './attachment-http.js';
import { LicenceHistory, PublicLicenceView, ResultDocument } from './registry.js';

const Errors = CLIENT_ERRORS;
const Params = z.object({ id: z.string().min(1).max(100) });

const SigningKeyStatus = z
  .object({
    registered: z.boolean(),
    subject: z.string().optional(),
    serialNumber: z.string().optional(),
    notAfter: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ id: 'SigningKeyStatus' });

/**
 * The signed results: the applicant's and the official's copy of an application's result (the
 * signed PDF, byte for byte), the applicant's licences, the authority's decisions on a licence, and
 * the official's signing key.
 */
export function registerResultRoutes(
  app: ZodApp,
  deps: {
    readonly db: Parameters<typeof visibleApplication>[0];
    readonly reader: ResultDocumentsReader;
    readonly registry: LicenceRegistry;
    readonly signingKeys: SigningKeys;
    readonly office?: OfficeService;
  },
): void {
  const { db, reader, registry, signingKeys, office } = deps;
  const signedIn = { access: 'signed_in' as const };
  const staff = { access: 'staff' as const };

  app.get(
    '/api/v1/my/licences',
    {
      config: signedIn,
      schema: {
        tags: ['applicant'],
        summary: 'The licences the signed-in person holds, and those of the company they act for.',
        response: {
          200: z.object({
            items: z.array(PublicLicenceView),
          }),
          ...Errors,
        },
      },
    },
    async (request) => ({ items: await reader.licencesOf(principalOf(request)) }),
  );

  app.get(
    '/api/v1/my/applications/:id/result',
    {
      config: signedIn,
      schema: {
        tags: ['applicant'],
        summary: 'The signed result of one’s decided application: licence or refusal letter.',
        params: Params,
        response: { 200: ResultDocument, ...Errors },
      },
    },
    async (request) => {
      await visibleApplication(db, principalOf(request), request.params.id);
      return reader.resultOf(request.params.id);
    },
  );

  app.get(
    '/api/v1/my/applications/:id/result.pdf',
    {
      config: signedIn,
      schema: {
        tags: ['applicant'],
        summary: 'The signed result as a PDF, exactly as signed (PAdES).',
        params: Params,
        response: Errors,
      },
    },
    async (request, reply) => {
      await visibleApplication(db, principalOf(request), request.params.id);
      return sendDocument(reply, await reader.pdfOf(request.params.id));
    },
  );

  if (office) {
    app.get(
      '/api/v1/office/applications/:id/result',
      {
        config: staff,
        schema: {
          tags: ['office'],
          summary: 'The signed result of an application of the authority: its kind, licence number and signer.',
          params: Params,
          response: { 200: ResultDocument, ...Errors },
        },
      },
      async (request) => {
        await office.application(staffMemberOf(request), request.params.id);
        return reader.resultOf(request.params.id);
      },
    );

    app.get(
      '/api/v1/office/applications/:id/result.pdf',
      {
        config: staff,
        schema: {
          tags: ['office'],
          summary: 'The signed result of an application of the authority, exactly as signed.',
          params: Params,
          response: Errors,
        },
      },
      async (request, reply) => {
        await office.application(staffMemberOf(request), request.params.id);
        return sendDocument(reply, await reader.pdfOf(request.params.id));
      },
    );
  }

  app.post(
    '/api/v1/office/licences/:number/changes',
    {
      config: staff,
      schema: {
        tags: ['office'],
        summary: 'Suspends, resumes or terminates a licence of the authority, on a stated legal ground.',
        params: z.object({ number: z.string().min(1).max(40) }),
        body: z.object({
          transactionId: z.string().min(8).max(100),
          change: z.enum(OFFICIAL_CHANGES),
          legalGround: z.string().max(2000).describe('the decision or provision of law the change rests on'),
        }),
        response: { 200: z.object({ licence: PublicLicenceView, history: LicenceHistory }), ...Errors },
      },
    },
    async (request) => registry.change(staffMemberOf(request), request.params.number, request.body),
  );

  app.get(
    '/api/v1/office/signing-key',
    {
      config: staff,
      schema: {
        tags: ['office'],
        summary: 'Whether the official has a signing key registered, and which.',
        response: { 200: SigningKeyStatus, ...Errors },
      },
    },
    async (request) => signingKeys.status(staffMemberOf(request)),
  );

  app.put(
    '/api/v1/office/signing-key',
    {
      config: staff,
      schema: {
        tags: ['office'],
        summary:
          'Registers the official’s own SIGN key (PKCS#12 and its password): it must be theirs, valid, unrevoked and for signing.',
        body: z.object({
          keyFile: z
            .base64()
            .max(64 * 1024)
            .describe('the PKCS#12 file, base64'),
          password: z.string().min(1).max(200),
        }),
        response: { 200: SigningKeyStatus, ...Errors },
      },
    },
    async (request) =>
      signingKeys.register(
        staffMemberOf(request),
        new Uint8Array(Buffer.from(request.body.keyFile, 'base64')),
        request.body.password,
      ),
  );
}
