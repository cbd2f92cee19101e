import { createHash } from 'node:crypto';
import { type Regulation, Temporal } from '@ruqsat/core';
import { type IssuedKey, signDetached } from '@ruqsat/pki';
import { buildSandbox, Fixtures } from '@ruqsat/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationService } from '../../applications/application-service.js';
import { loadLegalTime } from '../../calendar/legal-time.js';
import { DraftService } from '../../drafts/draft-service.js';
import { connectStateSystems } from '../../gateway/state-systems-factory.js';
import { loadMciTable } from '../../payments/mci-table.js';
import { PaymentService } from '../../payments/payment-service.js';
import { loadCatalogue } from '../../regulations/catalogue.js';
import type { Store } from '../../store/store.js';
import { identifierFrom } from '../../test-support/engine-driver.js';
import { TestSignIns } from '../../test-support/signed-in.js';
import { EICAR_TEST_FILE, MINIMAL_PDF, testAttachments } from '../../test-support/test-attachments.js';
import { openTestStore, TEST_DRIVERS } from '../../test-support/test-store.js';
import { buildApp } from '../app.js';
import type { ZodApp } from '../zod-app.js';

const catalogue = await loadCatalogue();
const legalTime = await loadLegalTime();
const casino = catalogue.get('casino@2015-mcs-181') as Regulation;
const ASKAR = { iin: Fixtures.demoPerson, surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' };
const AIGERIM = { iin: identifierFrom('90051740001'), surname: 'ӘБІЛҚАЙЫРОВА', name: 'АЙГЕРІМ' };
const COMPANY = { bin: Fixtures.demoCompany, name: 'ТОО «ALMATY GAMING»' };
const VALID_FORM = {
  casinoName: 'Алтын Орда',
  casinoAddress: 'Алматы қ., Жібек жолы көшесі, 50',
  gamingTables: 12,
  contactPhone: '+77012345678',
};

describe.each(TEST_DRIVERS)('applying on the portal (%s)', (driver) => {
  let store: Store;
  let app: ZodApp;
  let sandbox: ReturnType<typeof buildSandbox>;
  let signIns: TestSignIns;
  const token: Record<string, string> = {};
  let headSigns: IssuedKey;
  let headAuth: IssuedKey;
  let strangerSigns: IssuedKey;
  let headFinanceSigns: IssuedKey;

  beforeAll(async () => {
    store = await openTestStore(driver);
    signIns = await TestSignIns.create(store.db);
    const secret = 'portal-test-secret';
    // The gateway's callbacks are lost on the way: the portal must ask the gateway itself.
    sandbox = buildSandbox({ paymentSecret: secret, faults: { payment_gateway: { callbackLossRate: 1 } } });
    const sandboxUrl = await sandbox.listen({ port: 0, host: '127.0.0.1' });
    const systems = connectStateSystems(
      { baseUrl: sandboxUrl, timeoutMs: 1000, retries: 1, backoffMs: 10, breakerFailures: 5, breakerCooldownMs: 1000 },
      store.db,
    );
    const now = () => Temporal.Now.instant();
    const mci = await loadMciTable();
    const payments = new PaymentService(store.db, systems.payments, {
      mci,
      callbackUrl: 'http://127.0.0.1:9/never-called',
      callbackSecret: secret,
      now: () => new Date(),
    });
    const applications = new ApplicationService(store.db, catalogue, legalTime, now);
    const drafts = new DraftService(store.db, {
      attachments: testAttachments(store.db),
      catalogue,
      applications,
      payments,
      trust: signIns.trust,
      now,
    });
    app = await buildApp({
      store,
      catalogue,
      logLevel: 'silent',
      bodyLimitBytes: 1_048_576,
      readinessTimeoutMs: 2000,
      signIn: signIns.signIn,
      applications,
      payments,
      drafts,
      mci,
    });
    const asHead = { ...COMPANY, role: 'firstHead' as const };
    token.head = await signIns.tokenFor(ASKAR, asHead);
    token.accountant = await signIns.tokenFor(AIGERIM, { ...COMPANY, role: 'finance' });
    token.aigerim = await signIns.tokenFor(AIGERIM);
    headSigns = await signIns.keyFor(ASKAR, 'sign', asHead);
    headAuth = await signIns.keyFor(ASKAR, 'auth', asHead);
    strangerSigns = await signIns.keyFor(AIGERIM, 'sign', { ...COMPANY, role: 'signingRight' });
    headFinanceSigns = await signIns.keyFor(ASKAR, 'sign', { ...COMPANY, role: 'finance' });
    token.askar = await signIns.tokenFor(ASKAR);
  });
  afterAll(async () => {
    sandbox.server.closeAllConnections();
    await sandbox.close();
    await app.close();
    await store.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token[who]}`, 'accept-language': 'ru' },
      ...(payload ? { payload } : {}),
    });
  const sign = async (key: IssuedKey, canonical: string) =>
    Buffer.from(await signDetached(new TextEncoder().encode(canonical), key, new Date(Date.now() - 1000))).toString(
      'base64',
    );
  const applicationCount = async () =>
    Number(
      (
        await store.db
          .selectFrom('applications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('takes a company’s casino licence from draft to a registered application', async () => {
    const created = await call('POST', '/api/v1/drafts', 'head', {
      serviceId: 'casino',
      requestKind: 'issue',
      forCompany: true,
    });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({ applicant: { kind: 'legal_entity', id: COMPANY.bin }, regulationId: casino.id });
    expect(draft.problems.map((p: { field: string }) => p.field)).toContain('casinoName');

    // Saved as typed, with what is wrong said beside each field.
    const invalid = await call('PUT', `/api/v1/drafts/${draft.id}/form`, 'head', {
      form: { ...VALID_FORM, gamingTables: 0, contactPhone: '8701' },
    });
    expect(invalid.statusCode).toBe(200);
    expect(invalid.json().problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'gamingTables',
          rule: 'minimum',
          message: '«Количество игровых столов»: не меньше 1',
        }),
        expect.objectContaining({ field: 'contactPhone', rule: 'pattern' }),
      ]),
    );
    const notYet = await call('GET', `/api/v1/drafts/${draft.id}/request`, 'head');
    expect([notYet.statusCode, notYet.json().error.code]).toEqual([422, 'FORM_INVALID']);
    expect(
      (await call('PUT', `/api/v1/drafts/${draft.id}/form`, 'head', { form: VALID_FORM })).json().problems,
    ).toEqual([]);

    // The request names its payment: it cannot be signed before the fee is invoiced.
    const noInvoice = await call('GET', `/api/v1/drafts/${draft.id}/request`, 'head');
    expect([noInvoice.statusCode, noInvoice.json().error.code]).toEqual([422, 'FEE_NOT_INVOICED']);

    // The fee: MCI × today's MCI value, invoiced at the gateway (its callbacks never come here).
    const invoice = (await call('POST', `/api/v1/drafts/${draft.id}/invoice`, 'head')).json();
    expect(invoice).toMatchObject({ mci: 100, status: 'pending' });
    expect((await call('GET', `/api/v1/drafts/${draft.id}/invoice`, 'head')).json().invoiceId).toBe(invoice.invoiceId);

    // Signed but not paid: the regulation's own refusal, and nothing registered.
    const before = await applicationCount();
    const unpaidRequest = (await call('GET', `/api/v1/drafts/${draft.id}/request`, 'head')).json().canonical;
    const unpaid = await call('POST', `/api/v1/drafts/${draft.id}/submit`, 'head', {
      transactionId: 'submit-000001',
      signature: await sign(headSigns, unpaidRequest),
    });
    expect([unpaid.statusCode, unpaid.json().error]).toEqual([
      422,
      expect.objectContaining({
        code: 'PORTAL_REFUSED',
        message: 'В запрашиваемой услуге отказано в связи с отсутствием оплаты.',
      }),
    ]);
    expect(await applicationCount()).toBe(before);
    await fetch(invoice.paymentUrl, { method: 'POST' });

    // The request now names the payment; what is signed is exactly what the server rebuilds.
    const { canonical } = (await call('GET', `/api/v1/drafts/${draft.id}/request`, 'head')).json();
    expect(JSON.parse(canonical)).toMatchObject({ application: draft.id, payment: { invoiceId: invoice.invoiceId } });

    // An AUTH key does not sign a request; nor does another person's key, nor the signed-in
    // person's key of a role that does not act for the company.
    for (const key of [headAuth, strangerSigns, headFinanceSigns]) {
      const refused = await call('POST', `/api/v1/drafts/${draft.id}/submit`, 'head', {
        transactionId: 'submit-000002',
        signature: await sign(key, canonical),
      });
      expect([refused.statusCode, refused.json().error?.message], key.certificate.subject).toEqual([
        422,
        'В запрашиваемой услуге отказано в связи с неподтверждением подлинности ЭЦП.',
      ]);
    }
    // A signature over another version of the request does not pass: the form changed after signing.
    await call('PUT', `/api/v1/drafts/${draft.id}/form`, 'head', { form: { ...VALID_FORM, gamingTables: 13 } });
    const stale = await call('POST', `/api/v1/drafts/${draft.id}/submit`, 'head', {
      transactionId: 'submit-000003',
      signature: await sign(headSigns, canonical),
    });
    expect(stale.json().error.code).toBe('PORTAL_REFUSED');
    expect(await applicationCount()).toBe(before);
    await call('PUT', `/api/v1/drafts/${draft.id}/form`, 'head', { form: VALID_FORM });

    const submitted = await call('POST', `/api/v1/drafts/${draft.id}/submit`, 'head', {
      transactionId: 'submit-000004',
      signature: await sign(headSigns, canonical),
    });
    expect(submitted.statusCode).toBe(201);
    expect(submitted.json()).toMatchObject({ applicationId: draft.id, status: 'in_progress' });
    const stored = await store.db
      .selectFrom('application_signatures')
      .select(['canonical_request', 'signed_by_iin'])
      .where('application_id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ canonical_request: canonical, signed_by_iin: ASKAR.iin });
    const mine = (await call('GET', '/api/v1/my/applications', 'head')).json().items.map((i: { id: string }) => i.id);
    expect(mine).toContain(draft.id);

    // The same submission again: the same answer. Another: refused. The draft no longer changes.
    const repeat = await call('POST', `/api/v1/drafts/${draft.id}/submit`, 'head', {
      transactionId: 'submit-000004',
      signature: await sign(headSigns, canonical),
    });
    expect([repeat.statusCode, repeat.json().applicationId]).toEqual([201, draft.id]);
    const second = await call('POST', `/api/v1/drafts/${draft.id}/submit`, 'head', {
      transactionId: 'submit-000005',
      signature: await sign(headSigns, canonical),
    });
    expect([second.statusCode, second.json().error.code]).toEqual([409, 'APPLICATION_ALREADY_EXISTS']);
    expect((await call('PUT', `/api/v1/drafts/${draft.id}/form`, 'head', { form: VALID_FORM })).json().error.code).toBe(
      'DRAFT_SUBMITTED',
    );
    expect(await applicationCount()).toBe(before + 1);
  });

  it('attaches the checklist’s documents by content, names them in the signed request and freezes them at submission', async () => {
    const draft = (
      await call('POST', '/api/v1/drafts', 'head', { serviceId: 'casino', requestKind: 'issue', forCompany: true })
    ).json();
    await call('PUT', `/api/v1/drafts/${draft.id}/form`, 'head', { form: VALID_FORM });
    const upload = (documentId: string, fileName: string, bytes: Uint8Array, who = 'head') =>
      app.inject({
        method: 'POST',
        url: `/api/v1/drafts/${draft.id}/attachments?documentId=${documentId}&fileName=${encodeURIComponent(fileName)}`,
        headers: {
          authorization: `Bearer ${token[who]}`,
          'content-type': 'application/octet-stream',
          'accept-language': 'en',
        },
        payload: Buffer.from(bytes),
      });
    const attachmentCount = async () =>
      Number(
        (
          await store.db
            .selectFrom('attachments')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const pdf = new Uint8Array(Buffer.from(MINIMAL_PDF, 'latin1'));
    const before = await attachmentCount();
    const refusals: [string, string, Uint8Array, number, string][] = [
      [
        'premises_title',
        'title.pdf',
        new Uint8Array(Buffer.from('MZ\x90\x00 This program cannot be run in DOS mode', 'latin1')),
        415,
        'ATTACHMENT_TYPE_NOT_ALLOWED',
      ],
      [
        'premises_title',
        'title.pdf',
        new Uint8Array(Buffer.from(`${MINIMAL_PDF}${EICAR_TEST_FILE}`, 'latin1')),
        422,
        'ATTACHMENT_INFECTED',
      ],
      ['premises_title', 'big.pdf', new Uint8Array(10 * 1024 * 1024 + 1), 413, 'PAYLOAD_TOO_LARGE'],
      ['premises_title', 'empty.pdf', new Uint8Array(), 400, 'ATTACHMENT_EMPTY'],
      ['reorganisation_act', 'act.pdf', pdf, 422, 'DOCUMENT_NOT_IN_CHECKLIST'],
    ];
    for (const [documentId, name, bytes, status, code] of refusals) {
      const refused = await upload(documentId, name, bytes);
      expect([refused.statusCode, refused.json().error.code], code).toEqual([status, code]);
    }
    const stranger = await upload('premises_title', 'title.pdf', pdf, 'aigerim');
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([404, 'DRAFT_NOT_FOUND']);
    expect(await attachmentCount()).toBe(before);

    const stored = await upload('premises_title', '../../etc/Құжат "title".pdf', pdf);
    expect(stored.statusCode).toBe(201);
    const info = stored.json();
    expect(info).toMatchObject({
      documentId: 'premises_title',
      fileName: 'Құжат title.pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const spare = (
      await upload(
        'application',
        'application.png',
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]),
      )
    ).json();
    const checklist = (await call('GET', `/api/v1/drafts/${draft.id}`, 'head')).json().documents;
    expect(checklist.map((d: { documentId: string; files: unknown[] }) => [d.documentId, d.files.length])).toEqual([
      ['application', 1],
      ['fee_payment', 0],
      ['premises_title', 1],
    ]);
    const download = await call('GET', `/api/v1/drafts/${draft.id}/attachments/${info.id}`, 'head');
    expect(download.rawPayload.equals(Buffer.from(pdf))).toBe(true);
    expect(download.headers).toMatchObject({ 'content-type': 'application/pdf', 'x-content-type-options': 'nosniff' });
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''");

    // The signed request names each file by its hash; a file removed after signing breaks the signature.
    const invoice = (await call('POST', `/api/v1/drafts/${draft.id}/invoice`, 'head')).json();
    await fetch(invoice.paymentUrl, { method: 'POST' });
    const signedWithSpare = (await call('GET', `/api/v1/drafts/${draft.id}/request`, 'head')).json().canonical;
    expect(JSON.parse(signedWithSpare).attachments).toEqual([
      { documentId: 'application', sha256: spare.sha256, sizeBytes: spare.sizeBytes },
      { documentId: 'premises_title', sha256: info.sha256, sizeBytes: info.sizeBytes },
    ]);
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/drafts/${draft.id}/attachments/${spare.id}`,
      headers: { authorization: `Bearer ${token.head}` },
    });
    expect(removed.statusCode).toBe(204);
    const stale = await call('POST', `/api/v1/drafts/${draft.id}/submit`, 'head', {
      transactionId: 'attachments-1',
      signature: await sign(headSigns, signedWithSpare),
    });
    expect(stale.json().error.code).toBe('PORTAL_REFUSED');
    const { canonical } = (await call('GET', `/api/v1/drafts/${draft.id}/request`, 'head')).json();
    const submitted = await call('POST', `/api/v1/drafts/${draft.id}/submit`, 'head', {
      transactionId: 'attachments-2',
      signature: await sign(headSigns, canonical),
    });
    expect(submitted.statusCode).toBe(201);
    const late = await upload('fee_payment', 'receipt.pdf', pdf);
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'DRAFT_SUBMITTED']);
  });

  it('keeps drafts to their owner and companies to those who act for them', async () => {
    const draft = (
      await call('POST', '/api/v1/drafts', 'head', { serviceId: 'casino', requestKind: 'issue', forCompany: true })
    ).json();
    const other = await call('GET', `/api/v1/drafts/${draft.id}`, 'aigerim');
    expect([other.statusCode, other.json().error.code]).toEqual([404, 'DRAFT_NOT_FOUND']);
    // The owner signed in with their personal key does not act for the company: no company draft.
    for (const [method, url] of [
      ['GET', `/api/v1/drafts/${draft.id}`],
      ['PUT', `/api/v1/drafts/${draft.id}/form`],
      ['POST', `/api/v1/drafts/${draft.id}/invoice`],
      ['POST', `/api/v1/drafts/${draft.id}/submit`],
    ] as const) {
      const payload =
        method === 'PUT'
          ? { form: VALID_FORM }
          : method === 'POST' && url.endsWith('submit')
            ? { transactionId: 'submit-x0000001', signature: 'AAAA' }
            : undefined;
      const personal = await call(method, url, 'askar', payload);
      expect([personal.statusCode, personal.json().error.code], url).toEqual([404, 'DRAFT_NOT_FOUND']);
    }
    const accountant = await call('POST', '/api/v1/drafts', 'accountant', {
      serviceId: 'casino',
      requestKind: 'issue',
      forCompany: true,
    });
    expect([accountant.statusCode, accountant.json().error.code]).toEqual([403, 'NOT_ACTING_FOR_COMPANY']);
    // A casino licence is for companies only.
    const person = await call('POST', '/api/v1/drafts', 'aigerim', { serviceId: 'casino', requestKind: 'issue' });
    expect(person.json().error.code).toBe('APPLICANT_KIND_NOT_ALLOWED');
    // A reissue names its licence.
    const reissue = await call('POST', '/api/v1/drafts', 'head', {
      serviceId: 'casino',
      requestKind: 'reissue',
      forCompany: true,
    });
    expect(reissue.json().error).toMatchObject({
      code: 'FORM_INVALID',
      details: { fields: [{ field: 'licenceNumber' }] },
    });
    const unknown = await call('POST', '/api/v1/drafts', 'head', {
      serviceId: 'no-such-service',
      requestKind: 'issue',
    });
    expect(unknown.statusCode).toBe(404);
  });
});
