import { Readable } from 'node:stream';
import { LicenceStatus, RuqsatError } from '@ruqsat/core';
import { z } from 'zod';
import type { LicenceRegistry, PublicLicence } from '../../registry/licence-registry.js';
import type { VerificationService } from '../../registry/verification.js';
import { CLIENT_ERRORS } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';
import { VERIFICATION_PAGE_POLICY, verificationPage, verificationRefusal } from './verification-page.js';

const Errors = CLIENT_ERRORS;
const Localized = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
const Particular = z.object({ field: z.string(), label: Localized, values: z.array(Localized) });
const Status = z.enum([LicenceStatus.active, LicenceStatus.suspended, LicenceStatus.terminated]);

export const PublicLicenceView = z
  .object({
    number: z.string(),
    serviceId: z.string(),
    serviceName: Localized.nullable(),
    authorityId: z.string(),
    authorityName: Localized.nullable(),
    holder: z.object({
      kind: z.enum(['individual', 'sole_entrepreneur', 'legal_entity']),
      id: z.string().describe('a BIN; a person’s IIN with its middle hidden'),
      name: z.string().describe('a company’s name; a person’s initials'),
    }),
    subtypes: z.array(Particular),
    places: z.array(Particular),
    status: Status,
    firstIssuedOn: z.iso.date(),
    updatedAt: z.iso.datetime({ offset: true }),
    currentDocumentId: z.string().describe('the document that stands for the licence now'),
  })
  .meta({ id: 'PublicLicence' });

export const LicenceHistory = z.array(
  z.object({
    sequence: z.number(),
    change: z.string(),
    statusAfter: z.string(),
    legalGround: z.string(),
    documentId: z.string().nullable(),
    at: z.iso.datetime({ offset: true }),
  }),
);

/** A signed result document: what it is, its numbers, who signed it when, and its hash. */
export const ResultDocument = z
  .object({
    id: z.string().describe('the id the QR code carries to the verification page'),
    kind: z.enum(['licence', 'licence_annex', 'reissued_licence', 'duplicate', 'motivated_refusal']),
    licenceNumber: z.string().nullable(),
    outgoingNumber: z.string().nullable(),
    issuedOn: z.iso.date(),
    signedAt: z.iso.datetime({ offset: true }),
    signerName: z.string(),
    sha256: z.string(),
  })
  .meta({ id: 'ResultDocument' });

const VerificationView = z
  .object({
    document: ResultDocument.extend({
      current: z.boolean().describe('false when a reissue or a duplicate has replaced this document'),
    }).nullable(),
    licence: PublicLicenceView.nullable(),
    history: LicenceHistory,
    signature: z
      .object({
        indication: z.enum(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']),
        subIndication: z.string().nullable(),
        policy: z.string(),
        validatedAt: z.string(),
        signer: z
          .object({ name: z.string(), organisation: z.string().nullable(), bin: z.string().nullable() })
          .nullable(),
        checks: z.array(z.object({ id: z.string(), outcome: z.string() })),
      })
      .nullable()
      .describe('the validation of the document’s signature (ETSI EN 319 102-1 words), without the signer’s IIN'),
  })
  .meta({ id: 'Verification' });

/** The CSV columns of the open-data export, in order. */
const CSV_COLUMNS = [
  'number',
  'status',
  'service_id',
  'service_name_kk',
  'service_name_ru',
  'authority_id',
  'authority_name_kk',
  'authority_name_ru',
  'holder_kind',
  'holder_id',
  'holder_name',
  'first_issued_on',
  'subtypes',
  'places',
  'updated_at',
] as const;

/**
 * The public registry: search, one licence with its history, the verification of a licence or a
 * document (the page a QR code opens, and its API), and the open-data export. No sign-in; a
 * person's data are masked by the registry before they get here.
 */
export function registerRegistryRoutes(
  app: ZodApp,
  deps: { readonly registry: LicenceRegistry; readonly verification: VerificationService },
): void {
  const { registry, verification } = deps;
  const open = { access: 'public' as const };

  app.get(
    '/api/v1/registry/licences',
    {
      config: open,
      schema: {
        tags: ['registry'],
        summary: 'Searches the licence registry by number, holder, name fragment, service, authority and status.',
        querystring: z.object({
          number: z.string().min(1).max(40).optional(),
          holderId: z
            .string()
            .regex(/^\d{12}$/)
            .optional()
            .describe('the holder’s BIN or IIN, all twelve digits'),
          name: z
            .string()
            .trim()
            .min(3)
            .max(100)
            .optional()
            .describe('a fragment of the name as the registry shows it'),
          service: z.string().min(1).max(100).optional(),
          authority: z.string().min(1).max(100).optional(),
          status: Status.optional(),
          after: z.string().max(40).optional().describe('the last number of the previous page'),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(PublicLicenceView),
            next: z.string().nullable().describe('pass as `after` for the next page; null on the last'),
          }),
          ...Errors,
        },
      },
    },
    async (request) => {
      const q = request.query;
      return registry.search({
        number: q.number,
        holderId: q.holderId,
        name: q.name,
        serviceId: q.service,
        authorityId: q.authority,
        status: q.status,
        after: q.after,
        limit: q.limit,
      });
    },
  );

  app.get(
    '/api/v1/registry/licences/:number',
    {
      config: open,
      schema: {
        tags: ['registry'],
        summary: 'One licence as the registry shows it, with the history of its changes and their legal grounds.',
        params: z.object({ number: z.string().min(1).max(40) }),
        response: { 200: z.object({ licence: PublicLicenceView, history: LicenceHistory }), ...Errors },
      },
    },
    async (request) => registry.licence(request.params.number),
  );

  app.get(
    '/api/v1/verify/licences/:number',
    {
      config: open,
      schema: {
        tags: ['registry'],
        summary: 'Verifies a licence by its number: its status now and the signature of its current document.',
        params: z.object({ number: z.string().min(1).max(40) }),
        response: { 200: VerificationView, ...Errors },
      },
    },
    async (request) => verification.byNumber(request.params.number),
  );

  app.get(
    '/api/v1/verify/documents/:id',
    {
      config: open,
      schema: {
        tags: ['registry'],
        summary: 'Verifies a document by the id its QR code carries.',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: VerificationView, ...Errors },
      },
    },
    async (request) => verification.byDocument(request.params.id),
  );

  app.get(
    '/verify/:id',
    {
      config: open,
      schema: {
        tags: ['registry'],
        summary: 'The verification page a document’s QR code opens (HTML, in the language asked for).',
        params: z.object({ id: z.string().min(1).max(64) }),
        querystring: z.object({ lang: z.enum(['kk', 'ru', 'en']).optional() }),
      },
    },
    async (request, reply) => {
      const locale = request.query.lang ?? request.locale;
      const page = await verification.byDocument(request.params.id).then(
        (found) => ({ status: 200, html: verificationPage(found, locale) }),
        (error: unknown) => {
          if (!(error instanceof RuqsatError)) throw error;
          return { status: error.httpStatus, html: verificationRefusal(error, locale) };
        },
      );
      return reply
        .code(page.status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', VERIFICATION_PAGE_POLICY)
        .send(page.html);
    },
  );

  app.get(
    '/api/v1/registry/export.json',
    {
      config: open,
      schema: { tags: ['registry'], summary: 'The whole public registry as JSON (open data), streamed.' },
    },
    async (_request, reply) => {
      reply.header('content-type', 'application/json; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="licences.json"');
      return reply.send(streamed(jsonLines(registry.exportRows())));
    },
  );

  app.get(
    '/api/v1/registry/export.csv',
    {
      config: open,
      schema: {
        tags: ['registry'],
        summary: 'The whole public registry as CSV (open data, UTF-8 with BOM), streamed.',
      },
    },
    async (_request, reply) => {
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="licences.csv"');
      return reply.send(streamed(csvLines(registry.exportRows())));
    },
  );
}

async function* jsonLines(rows: AsyncIterable<PublicLicence>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const row of rows) {
    yield `${first ? '' : ','}\n${JSON.stringify(row)}`;
    first = false;
  }
  yield '\n]\n';
}

async function* csvLines(rows: AsyncIterable<PublicLicence>): AsyncGenerator<string> {
  // The byte-order mark tells spreadsheet programs the file is UTF-8, so Kazakh letters survive.
  yield `\ufeff${CSV_COLUMNS.join(',')}\r\n`;
  for await (const row of rows) {
    const particulars = (list: PublicLicence['subtypes']) =>
      list.map((p) => `${p.label.ru}: ${p.values.map((v) => v.ru).join('; ')}`).join(' | ');
    const cells = [
      row.number,
      row.status,
      row.serviceId,
      row.serviceName?.kk ?? '',
      row.serviceName?.ru ?? '',
      row.authorityId,
      row.authorityName?.kk ?? '',
      row.authorityName?.ru ?? '',
      row.holder.kind,
      row.holder.id,
      row.holder.name,
      row.firstIssuedOn,
      particulars(row.subtypes),
      particulars(row.places),
      row.updatedAt,
    ];
    yield `${cells.map(csvCell).join(',')}\r\n`;
  }
}

/** RFC 4180 quoting; a leading = + - @ is prefixed so a spreadsheet never runs a cell as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function streamed(lines: AsyncGenerator<string>): Readable {
  return Readable.from(lines);
}
