import { execFileSync } from 'node:child_process';
import { canonicalJson, type Regulation, Temporal } from '@ruqsat/core';
import { type IssuedKey, signDetached } from '@ruqsat/pki';
import { buildSandbox, Fixtures } from '@ruqsat/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLegalTime } from '../../calendar/legal-time.js';
import { connectStateSystems } from '../../gateway/state-systems-factory.js';
import { loadMciTable } from '../../payments/mci-table.js';
import { PaymentService } from '../../payments/payment-service.js';
import { loadCatalogue } from '../../regulations/catalogue.js';
import type { Store } from '../../store/store.js';
import { identifierFrom } from '../../test-support/engine-driver.js';
import { TestSignIns } from '../../test-support/signed-in.js';
import { openTestApp } from '../../test-support/test-app.js';
import { MINIMAL_PDF } from '../../test-support/test-attachments.js';
import { openTestStore, TEST_DRIVERS } from '../../test-support/test-store.js';
import { giveSigningKey } from '../../test-support/test-vault.js';
import type { ZodApp } from '../zod-app.js';

const catalogue = await loadCatalogue();
const legalTime = await loadLegalTime();
const casino = catalogue.get('casino@2015-mcs-181') as Regulation;
const person = (eleven: string, surname: string, name: string) => ({ iin: identifierFrom(eleven), surname, name });
const OPERATOR = person('92040440006', 'БЕКОВА', 'САУЛЕ');
const OTHER_OPERATOR = person('93050550007', 'ИСАЕВ', 'НҰРЛАН');
const EXECUTOR = person('80020230001', 'СЕРІКБАЕВ', 'ЕРЛАН');
const HEAD = person('75050530003', 'ЖАҚСЫЛЫҚОВ', 'ҚАЙРАТ');
const LEADER = person('70121240004', 'НҰРҒАЛИЕВА', 'ГҮЛНАР');
const VISITOR = { iin: Fixtures.demoPerson, surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' };
const ANOTHER_VISITOR = person('90051740001', 'ӘБІЛҚАЙЫРОВА', 'АЙГЕРІМ');

const FORM = {
  casinoName: 'Алтын Сарай',
  casinoAddress: 'Алматы, Абай даңғылы 10',
  gamingTables: 12,
  contactPhone: '+77011234567',
};
const ALL_PAPERS = ['application', 'fee_payment', 'premises_title'];

describe.each(TEST_DRIVERS)('the citizen service centre on %s', (driver) => {
  let store: Store;
  let app: ZodApp;
  let sandbox: ReturnType<typeof buildSandbox>;
  let operatorSigns: IssuedKey;
  let strangerSigns: IssuedKey;
  /** How far ahead of real time the API runs: the booking test moves it to its slot's hour. */
  let queueShift = { hours: 0 };
  const token: Record<string, string> = {};

  const call = async (who: string | null, method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...(who ? { authorization: `Bearer ${token[who]}` } : {}), 'accept-language': 'en' },
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: response.body ? response.json() : null };
  };
  const intakeOf = (overrides: Record<string, unknown> = {}) => ({
    regulationId: casino.id,
    requestKind: 'issue',
    applicant: { kind: 'legal_entity', id: Fixtures.demoCompany },
    form: FORM,
    paperDocuments: ALL_PAPERS,
    ...overrides,
  });
  const signed = async (canonical: string, key: IssuedKey) =>
    Buffer.from(await signDetached(new TextEncoder().encode(canonical), key, new Date(Date.now() - 1000))).toString(
      'base64',
    );
  beforeAll(async () => {
    store = await openTestStore(driver);
    const signIns = await TestSignIns.create(store.db);
    sandbox = buildSandbox({ paymentSecret: 'centre-test-secret' });
    const sandboxUrl = await sandbox.listen({ port: 0, host: '127.0.0.1' });
    const systems = connectStateSystems(
      { baseUrl: sandboxUrl, timeoutMs: 2000, retries: 1, backoffMs: 10, breakerFailures: 5, breakerCooldownMs: 1000 },
      store.db,
    );
    // The whole API runs a little ahead when the booking test needs the slot's hour to have come.
    const now = () => Temporal.Now.instant().add(queueShift);
    const payments = new PaymentService(store.db, systems.payments, {
      mci: await loadMciTable(),
      callbackUrl: 'http://127.0.0.1:9/never-called',
      callbackSecret: 'centre-test-secret',
      now: () => new Date(now().epochMilliseconds),
    });
    const opened = await openTestApp(store, { signIns, now, outside: { systems, payments } });
    app = opened.app;
    const admin = opened.services.admin;
    const name = (en: string) => ({ kk: `${en} (kk)`, ru: `${en} (ru)`, en });
    await admin.addOrganisation('test', {
      id: 'con-almaty-1',
      kind: 'service_centre',
      name: name('Almaty centre No. 1'),
    });
    await admin.addOrganisation('test', {
      id: 'con-astana-2',
      kind: 'service_centre',
      name: name('Astana centre No. 2'),
    });
    await admin.addOrganisation('test', { id: casino.authority.id, kind: 'authority', name: name('Sport committee') });
    const post = (who: { iin: string; name: string }, organisationId: string, roles: string[]) =>
      admin.addStaffMember('test', { id: who.name.toLowerCase(), iin: who.iin, name: who.name, organisationId, roles });
    await post(OPERATOR, 'con-almaty-1', ['service_centre_operator']);
    await post(OTHER_OPERATOR, 'con-astana-2', ['service_centre_operator']);
    await post(EXECUTOR, casino.authority.id, ['responsible_executor']);
    await post(HEAD, casino.authority.id, ['head_of_department']);
    await post(LEADER, casino.authority.id, ['leadership']);
    for (const official of [EXECUTOR, HEAD, LEADER]) await giveSigningKey(opened.parts.vault, signIns, official);
    token.operator = await signIns.tokenFor(OPERATOR);
    token.otherOperator = await signIns.tokenFor(OTHER_OPERATOR);
    token.executor = await signIns.tokenFor(EXECUTOR);
    token.head = await signIns.tokenFor(HEAD);
    token.leader = await signIns.tokenFor(LEADER);
    token.visitor = await signIns.tokenFor(VISITOR);
    token.anotherVisitor = await signIns.tokenFor(ANOTHER_VISITOR);
    token.companyHead = await signIns.tokenFor(VISITOR, {
      bin: Fixtures.demoCompany,
      name: 'ТОО «ALMATY GAMING»',
      role: 'firstHead',
    });
    operatorSigns = await signIns.keyFor(OPERATOR, 'sign');
    strangerSigns = await signIns.keyFor(OTHER_OPERATOR, 'sign');
  });
  afterAll(async () => {
    sandbox.server.closeAllConnections();
    await sandbox.close();
    await app.close();
    await store.close();
  });

  it('keeps the centre to its operators', async () => {
    const { status, body } = await call('executor', 'POST', '/centre/intakes/prepare', intakeOf());
    expect([status, body.error.code]).toEqual([403, 'OPERATOR_ONLY']);
  });

  it('refuses an applicant the state database does not have, has as liquidated, or an incomplete set of papers', async () => {
    const unknown = identifierFrom('12034000999');
    const cases: [Record<string, unknown>, number, string][] = [
      [{ applicant: { kind: 'legal_entity', id: unknown } }, 404, 'ENTITY_NOT_FOUND'],
      [{ applicant: { kind: 'legal_entity', id: Fixtures.liquidatedCompany } }, 422, 'ENTITY_LIQUIDATED'],
      [{ applicant: { kind: 'individual', id: Fixtures.demoPerson } }, 422, 'APPLICANT_KIND_NOT_ALLOWED'],
      [{ paperDocuments: ['application', 'fee_payment'] }, 422, 'INTAKE_REFUSED'],
      [{ form: { ...FORM, gamingTables: 0 } }, 422, 'FORM_INVALID'],
    ];
    for (const [override, status, code] of cases) {
      const answer = await call('operator', 'POST', '/centre/intakes/prepare', intakeOf(override));
      expect([answer.status, answer.body.error.code], code).toEqual([status, code]);
    }
    // The missing papers are refused in the regulation's own words.
    const papers = await call(
      'operator',
      'POST',
      '/centre/intakes/prepare',
      intakeOf({ paperDocuments: ['application'] }),
    );
    const refusal = casino.preFlows
      .find((f) => f.channel === 'service_centre')
      ?.nodes.find((n) => n.kind === 'refusal');
    expect(papers.body.error.message).toBe(refusal && 'message' in refusal ? refusal.message.en : '');
  });

  it('takes a walk-in in through the queue, signed by the operator, and hands the licence over once issued', async () => {
    const ticket = await call('operator', 'POST', '/centre/tickets', {});
    expect([ticket.status, ticket.body.status]).toEqual([201, 'waiting']);
    const called = await call('operator', 'POST', '/centre/queue/call-next', { window: 3 });
    expect(called.body).toMatchObject({ id: ticket.body.id, status: 'called', window: 3 });

    const body = intakeOf({ ticketId: ticket.body.id });
    const first = await call('operator', 'POST', '/centre/intakes/prepare', body);
    expect(first.body.applicant).toMatchObject({
      kind: 'entity',
      entity: { bin: Fixtures.demoCompany, status: 'active' },
    });
    const { applicationId } = first.body;
    // The scan of the title deed goes with the intake; the request, prepared again, names it.
    const scan = (who: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/centre/intakes/${applicationId}/attachments?regulationId=${casino.id}&requestKind=issue&documentId=premises_title&fileName=title.pdf`,
        headers: { authorization: `Bearer ${token[who]}`, 'content-type': 'application/octet-stream' },
        payload: Buffer.from(MINIMAL_PDF, 'latin1'),
      });
    const scanned = await scan('operator');
    expect(scanned.statusCode).toBe(201);
    const intruder = await scan('otherOperator');
    expect([intruder.statusCode, intruder.json().error.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
    const prepared = await call('operator', 'POST', '/centre/intakes/prepare', { ...body, applicationId });
    const { canonicalRequest } = prepared.body;
    expect(JSON.parse(canonicalRequest).attachments).toEqual([
      { documentId: 'premises_title', sha256: scanned.json().sha256, sizeBytes: scanned.json().sizeBytes },
    ]);
    expect(JSON.parse(canonicalRequest)).toMatchObject({
      application: applicationId,
      centre: 'con-almaty-1',
      operator: OPERATOR.iin,
    });
    expect(canonicalJson(JSON.parse(canonicalRequest))).toBe(canonicalRequest);

    // Signed with someone else's key: refused, nothing registered.
    const foreign = await call('operator', 'POST', `/centre/intakes/${applicationId}`, {
      ...body,
      transactionId: 'foreign-signature',
      signature: await signed(canonicalRequest, strangerSigns),
    });
    expect([foreign.status, foreign.body.error.code]).toEqual([422, 'SIGNER_MISMATCH']);
    // Signed over other bytes than the request: refused too.
    const tampered = await call('operator', 'POST', `/centre/intakes/${applicationId}`, {
      ...body,
      form: { ...FORM, gamingTables: 13 },
      transactionId: 'tampered-request',
      signature: await signed(canonicalRequest, operatorSigns),
    });
    expect(tampered.status).toBe(422);

    const submission = {
      ...body,
      transactionId: 'walk-in-1',
      signature: await signed(canonicalRequest, operatorSigns),
    };
    // A double click: two identical submissions at once register one application, and both get its receipt.
    const [submitted, twin] = await Promise.all([
      call('operator', 'POST', `/centre/intakes/${applicationId}`, submission),
      call('operator', 'POST', `/centre/intakes/${applicationId}`, submission),
    ]);
    expect([twin.status, twin.body.receipt?.applicationId]).toEqual([201, applicationId]);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(submitted.body.application).toMatchObject({
      id: applicationId,
      channel: 'service_centre',
      status: 'in_progress',
    });
    const receipt = submitted.body.receipt;
    expect(receipt).toMatchObject({
      applicationId,
      centreId: 'con-almaty-1',
      operator: { name: OPERATOR.name },
      applicant: { id: Fixtures.demoCompany },
      paperDocuments: ALL_PAPERS,
      handedOver: null,
    });
    const clock = legalTime.clockFor();
    expect(receipt.plannedResultDate).toBe(
      clock.localDate(Temporal.Instant.from(submitted.body.application.termDue)).toString(),
    );
    // The same submission again: the same answer, one application.
    const again = await call('operator', 'POST', `/centre/intakes/${applicationId}`, submission);
    expect([again.status, again.body.receipt]).toEqual([201, receipt]);

    // The receipt to print, read back by poppler's pdftotext: every word in Kazakh and Russian.
    const pdf = await app.inject({
      method: 'GET',
      url: `/api/v1/centre/applications/${applicationId}/receipt.pdf`,
      headers: { authorization: `Bearer ${token.operator}` },
    });
    expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    const text = pdfText(pdf.rawPayload);
    for (const words of [
      'Құжаттарды қабылдау туралы қолхат',
      'Расписка о приёме документов',
      applicationId,
      receipt.plannedResultDate,
      'Ойын бизнесі объектісіне құқық белгілейтін құжат',
      OPERATOR.name,
    ]) {
      expect(text).toContain(words);
    }

    // Another centre's operator does not see it; the result is not ready to hand over yet.
    const elsewhere = await call('otherOperator', 'GET', `/centre/applications/${applicationId}/receipt`);
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
    const early = await call('operator', 'POST', `/centre/applications/${applicationId}/hand-over`, {
      receivedByIin: VISITOR.iin,
    });
    expect([early.status, early.body.error.code]).toEqual([409, 'HAND_OVER_NOT_READY']);
    const served = await call('operator', 'POST', `/centre/tickets/${ticket.body.id}/finish`, { outcome: 'served' });
    expect(served.body).toMatchObject({ status: 'served' });
    expect(served.body.serviceSeconds).toBeGreaterThanOrEqual(0);

    // The authority decides: the walk-in registers at the office and runs every step.
    const file = await call('executor', 'GET', `/office/applications/${applicationId}`);
    expect(file.body).toMatchObject({ form: FORM, intake: { centreId: 'con-almaty-1', paperDocuments: ALL_PAPERS } });
    expect(file.body.signature).toMatchObject({ signedByIin: OPERATOR.iin, report: { indication: 'TOTAL_PASSED' } });
    expect(file.body.attachments).toMatchObject([{ id: scanned.json().id, documentId: 'premises_title' }]);
    const download = await app.inject({
      method: 'GET',
      url: `/api/v1/office/applications/${applicationId}/attachments/${scanned.json().id}`,
      headers: { authorization: `Bearer ${token.executor}` },
    });
    expect(download.rawPayload.toString('latin1')).toBe(MINIMAL_PDF);
    expect((await scan('operator')).json().error.code).toBe('DRAFT_SUBMITTED');
    let step = 0;
    for (const [who, stepId, outcome] of [
      ['executor', 'register', 'registered'],
      ['executor', 'check_completeness', 'complete'],
      ['executor', 'draft_decision', 'drafted'],
      ['head', 'agree_decision', 'agreed'],
      ['leader', 'sign_decision', 'signed'],
      ['executor', 'send_result', 'licence_issued'],
    ] as const) {
      const done = await call(who, 'POST', `/office/applications/${applicationId}/complete`, {
        transactionId: `walk-in-step-${++step}`,
        stepId,
        outcome,
      });
      expect(done.status, `${stepId}: ${JSON.stringify(done.body)}`).toBe(200);
    }
    const handed = await call('operator', 'POST', `/centre/applications/${applicationId}/hand-over`, {
      receivedByIin: VISITOR.iin,
    });
    expect(handed.body.handedOver).toMatchObject({ by: `staff:${OPERATOR.name.toLowerCase()}`, toIin: VISITOR.iin });
    const twice = await call('operator', 'POST', `/centre/applications/${applicationId}/hand-over`, {
      receivedByIin: VISITOR.iin,
    });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_HANDED_OVER']);
    // The company may download its receipt again; nobody else may.
    const copy = await app.inject({
      method: 'GET',
      url: `/api/v1/my/applications/${applicationId}/receipt.pdf`,
      headers: { authorization: `Bearer ${token.companyHead}` },
    });
    expect(pdfText(copy.rawPayload)).toContain('Нәтиже берілді / Результат выдан');
    const stranger = await call('anotherVisitor', 'GET', `/my/applications/${applicationId}/receipt.pdf`);
    expect([stranger.status, stranger.body.error.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
  });

  it('books slots from the portal, as many per slot as the centre has windows, and calls booked visitors first', async () => {
    const clock = legalTime.clockFor();
    const day = clock.calendar.nextWorkingDay(clock.localDate(Temporal.Now.instant()));
    const slots = await call(null, 'GET', `/centres/con-almaty-1/slots?date=${day}`);
    expect(slots.status).toBe(200);
    expect(slots.body.items.length).toBeGreaterThan(20);
    const slot = slots.body.items[4];
    expect(slot.free).toBe(1);
    const booked = await call('visitor', 'POST', '/my/bookings', {
      centreId: 'con-almaty-1',
      slotStart: slot.start,
      regulationId: casino.id,
    });
    expect(booked.status).toBe(201);
    const full = await call('anotherVisitor', 'POST', '/my/bookings', {
      centreId: 'con-almaty-1',
      slotStart: slot.start,
      regulationId: casino.id,
    });
    expect([full.status, full.body.error.code]).toEqual([409, 'SLOT_FULL']);
    const offHours = Temporal.Instant.from(slot.start).add({ minutes: 7 }).toString();
    const odd = await call('visitor', 'POST', '/my/bookings', {
      centreId: 'con-almaty-1',
      slotStart: offHours,
      regulationId: casino.id,
    });
    expect([odd.status, odd.body.error.code]).toEqual([422, 'SLOT_NOT_OFFERED']);
    expect((await call('visitor', 'GET', '/my/bookings')).body.items).toMatchObject([{ id: booked.body.id }]);
    const clash = await call('visitor', 'POST', '/my/bookings', {
      centreId: 'con-astana-2',
      slotStart: slot.start,
      regulationId: casino.id,
    });
    expect([clash.status, clash.body.error.code]).toEqual([409, 'BOOKING_CLASH']);
    const early = await call('operator', 'POST', '/centre/tickets', { bookingId: booked.body.id });
    expect([early.status, early.body.error.code]).toEqual([409, 'BOOKING_NOT_TODAY']);
    // The portal lists the centres to book at; the operator sees the day's bookings, and only their centre's.
    const centres = await call(null, 'GET', '/centres');
    expect(centres.body.items.map((c: { id: string }) => c.id)).toEqual(['con-almaty-1', 'con-astana-2']);
    expect(centres.body.items[0]).toMatchObject({ name: { en: 'Almaty centre No. 1' }, windows: 1 });
    const onTheDay = await call('operator', 'GET', `/centre/bookings?date=${day}`);
    expect(onTheDay.body.items).toEqual([
      { id: booked.body.id, slotStart: slot.start, iin: VISITOR.iin, regulationId: casino.id, ticket: null },
    ]);
    expect((await call('operator', 'GET', '/centre/bookings')).body.items).toEqual([]);
    expect((await call('otherOperator', 'GET', `/centre/bookings?date=${day}`)).body.items).toEqual([]);

    // On the day, the booked visitor's ticket comes after a walk-in's, yet is called first once the slot begins.
    queueShift = { hours: Math.ceil(Temporal.Now.instant().until(Temporal.Instant.from(slot.start)).total('hours')) };
    const walkIn = await call('operator', 'POST', '/centre/tickets', {});
    const bookedTicket = await call('operator', 'POST', '/centre/tickets', { bookingId: booked.body.id });
    expect(bookedTicket.body.number).toBe(walkIn.body.number + 1);
    expect((await call('operator', 'GET', '/centre/bookings')).body.items).toMatchObject([
      { id: booked.body.id, ticket: { id: bookedTicket.body.id, number: bookedTicket.body.number } },
    ]);
    const reused = await call('operator', 'POST', '/centre/tickets', { bookingId: booked.body.id });
    expect([reused.status, reused.body.error.code]).toEqual([409, 'BOOKING_USED']);
    const first = await call('operator', 'POST', '/centre/queue/call-next', { window: 1 });
    expect(first.body).toMatchObject({ id: bookedTicket.body.id, booked: true });
    const second = await call('operator', 'POST', '/centre/queue/call-next', { window: 2 });
    expect(second.body.id).toBe(walkIn.body.id);
    const empty = await call('operator', 'POST', '/centre/queue/call-next', { window: 2 });
    expect([empty.status, empty.body.error.code]).toEqual([404, 'QUEUE_EMPTY']);
    queueShift = { hours: 0 };
  });
});

/** The text of a PDF as poppler's pdftotext reads it (an outside tool, not our own parser). */
function pdfText(bytes: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes }).toString('utf8').replace(/\s+/g, ' ');
}
