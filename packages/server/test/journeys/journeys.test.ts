// API-level end-to-end journeys, one service of every seed act: a portal issuance to licence, a
// portal refusal for incompleteness, a walk-in through a service centre to hand-over (where the act
// has centres), a reissue and a duplicate of the issued licence, and an overdue step escalated.
// Everything happens through the HTTP API, on the clock of the year the act was in force.
import { OUTCOMES_NEEDING_REASONS, type Regulation, Temporal } from '@ruqsat/core';
import { Fixtures } from '@ruqsat/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distancesToGoal, type Goal } from '../../src/test-support/engine-driver.js';
import { pdfsigReport, pdfText } from '../../src/test-support/poppler.js';
import { MINIMAL_PDF } from '../../src/test-support/test-attachments.js';
import { TEST_DRIVERS } from '../../src/test-support/test-store.js';
import { catalogue, JourneyWorld } from './journey-world.js';

const PHONE = '+77012345678';

interface Act {
  readonly seed: string;
  readonly regulationId: string;
  /** A Monday morning in Almaty while the act was in force. */
  readonly start: string;
  readonly form: Record<string, unknown>;
}

const ACTS: readonly Act[] = [
  {
    seed: '000',
    regulationId: 'casino@2015-mcs-181',
    start: '2026-03-02T04:00:00Z',
    form: {
      casinoName: 'Алтын Сарай',
      casinoAddress: 'Алматы, Абай даңғылы 10',
      gamingTables: 12,
      contactPhone: PHONE,
    },
  },
  {
    seed: '001',
    regulationId: 'casino@2012-asa-294',
    start: '2013-03-04T04:00:00Z',
    form: {
      establishmentName: 'Алтын Сарай',
      establishmentAddress: 'Қапшағай, Жағалау 5',
      gamingTables: 12,
      contactPhone: PHONE,
    },
  },
  {
    seed: '002',
    regulationId: 'security-guard@2018-mia-895',
    start: '2019-03-04T04:00:00Z',
    form: {
      organisationName: 'ТОО «ALMATY GAMING»',
      legalAddress: 'Алматы, Абай даңғылы 10',
      headFullName: 'Құсайынов Асқар',
      headIin: Fixtures.demoPerson,
      armedGuards: false,
      contactPhone: PHONE,
    },
  },
  {
    seed: '003',
    regulationId: 'communications@2015-mid-draft',
    start: '2026-03-02T04:00:00Z',
    form: { communicationServices: ['IP telephony'], serviceTerritory: 'Алматы қаласы', contactPhone: PHONE },
  },
  {
    seed: '004',
    regulationId: 'poisons@2012-mint-364',
    start: '2013-03-04T04:00:00Z',
    form: {
      poisonNames: 'натрий цианиді',
      activityKinds: ['storage', 'use'],
      storageAddress: 'Теміртау, Зауыт көшесі 1',
      contactPhone: PHONE,
    },
  },
];

// The company's name as its key names it (O=): every letter of the Kazakh alphabet that Russian
// lacks, so the licence is seen to carry them all (ә ғ қ ң ө ұ ү һ і).
const COMPANY = {
  bin: Fixtures.demoCompany,
  name: 'ЖШС «Әділ Ғасыр Құрылыс Үміт Өнер Ұлт Һәм Іңкәр»',
  role: 'firstHead' as const,
};
const HEAD = { iin: Fixtures.demoPerson, surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' };
const PDF = new Uint8Array(Buffer.from(MINIMAL_PDF, 'latin1'));

describe.each(TEST_DRIVERS.flatMap((driver) => ACTS.map((act) => [driver, act] as const)))(
  'journeys on %s: seed act %o',
  (driver, act) => {
    const regulation = catalogue.get(act.regulationId) as Regulation;
    const authority = regulation.authority.id;
    let world: JourneyWorld;
    let licenceId: string;
    let licenceNumber: string;
    /** The current document of the licence (its duplicate, by the time it is suspended). */
    const copyId = () => currentDocument;
    let currentDocument = '';

    beforeAll(async () => {
      world = await JourneyWorld.open(driver, Temporal.Instant.from(act.start));
      world.applicant('company', HEAD, COMPANY);
      await world.staffFor(regulation);
      await world.post('operator', { id: 'con-journeys', kind: 'service_centre' }, ['service_centre_operator']);
      await world.post('administrator', { id: 'ministry', kind: 'ministry' }, ['administrator']);
    });
    afterAll(async () => world.close());

    /** The applicant's way on the portal: draft, form, documents, fee, signature, submission. */
    const applyOnPortal = async (requestKind: string, licenceNumber?: string): Promise<string> => {
      const created = await world.call('company', 'POST', '/drafts', {
        serviceId: regulation.service.id,
        requestKind,
        forCompany: true,
        ...(licenceNumber ? { licenceNumber } : {}),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const draft = created.body;
      expect(draft.regulationId).toBe(regulation.id);
      const saved = await world.call('company', 'PUT', `/drafts/${draft.id}/form`, { form: act.form });
      expect(saved.body.problems).toEqual([]);
      for (const document of saved.body.documents) {
        const upload = await world.upload(
          'company',
          `/drafts/${draft.id}/attachments?documentId=${document.documentId}&fileName=${document.documentId}.pdf`,
          PDF,
        );
        expect(upload.status, JSON.stringify(upload.body)).toBe(201);
      }
      if (regulation.fee.mci[requestKind as 'issue'] !== undefined) {
        const invoice = await world.call('company', 'POST', `/drafts/${draft.id}/invoice`);
        expect(invoice.status, JSON.stringify(invoice.body)).toBe(200);
        await fetch(invoice.body.paymentUrl, { method: 'POST' });
      }
      const request = await world.call('company', 'GET', `/drafts/${draft.id}/request`);
      expect(request.status, JSON.stringify(request.body)).toBe(200);
      const submitted = await world.call('company', 'POST', `/drafts/${draft.id}/submit`, {
        transactionId: `submit-${draft.id}`,
        signature: await world.sign('company', request.body.canonical),
      });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
      return draft.id;
    };

    /** The authority's way: each open step by the official of its role, toward the goal. */
    const decide = async (id: string, goal: Goal) => {
      let lastStep = '';
      for (let turn = 0; turn < 40; turn++) {
        await world.settle();
        const file = (await world.call(`${authority}/${staffRoleOf(regulation)}`, 'GET', `/office/applications/${id}`))
          .body;
        if (file.status === 'completed') return file;
        const process = regulation.processes.find((p) => p.id === processOf(regulation, file.requestKind));
        const step = process?.steps.find((s) => s.id === file.currentStep?.id);
        if (!process || !step) throw new Error(`no open step on ${id}: ${JSON.stringify(file)}`);
        const who = `${authority}/${step.actor}`;
        const tx = `${id}-${turn}`;
        if (step.externalCheck) {
          const sinceOpened = file.history.slice(
            file.history.findLastIndex((h: History) => h.type === 'step_opened' && h.stepId === step.id),
          );
          const asked = sinceOpened.some((h: History) => h.type === 'external_check_requested');
          const answered = sinceOpened.some(
            (h: History) => h.type === 'external_check_answered' || h.type === 'external_check_timed_out',
          );
          if (!asked) {
            expect(
              (
                await world.call(who, 'POST', `/office/applications/${id}/external-check`, {
                  transactionId: tx,
                  stepId: step.id,
                })
              ).status,
            ).toBe(200);
            continue;
          }
          if (!answered) {
            // No client for this body (another agency's letter): the official keys its answer in.
            const keyed = await world.call(who, 'POST', `/office/applications/${id}/external-check/answer`, {
              transactionId: tx,
              stepId: step.id,
              answer: 'positive',
              summary: 'No dismissed staff of the applicant found (letter of the police department).',
            });
            expect(keyed.status, JSON.stringify(keyed.body)).toBe(200);
            continue;
          }
        }
        const distance = distancesToGoal(regulation, process.id, goal);
        const outcome = [...step.outcomes].sort((a, b) => rank(a, distance, goal) - rank(b, distance, goal))[0];
        if (!outcome) throw new Error(`${step.id} has no outcomes`);
        const reasons = OUTCOMES_NEEDING_REASONS.includes(outcome.id)
          ? { comment: 'The documents do not show the title to the premises (the regulation’s list, item 3).' }
          : {};
        const done = await world.call(who, 'POST', `/office/applications/${id}/complete`, {
          transactionId: tx,
          stepId: step.id,
          outcome: outcome.id,
          ...reasons,
        });
        expect(done.status, `${step.id} → ${outcome.id}: ${JSON.stringify(done.body)}`).toBe(200);
        lastStep = step.id;
        world.advance({ minutes: 40 });
      }
      throw new Error(`${id} did not end; last step ${lastStep}`);
    };

    /** The signed result of a decided application: its record, and its PDF as poppler reads it. */
    const resultOf = async (id: string) => {
      await world.settle();
      const result = await world.call('company', 'GET', `/my/applications/${id}/result`);
      expect(result.status, JSON.stringify(result.body)).toBe(200);
      const pdf = await world.download('company', `/api/v1/my/applications/${id}/result.pdf`);
      expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
      const signature = pdfsigReport(pdf.bytes);
      expect(signature).toContain('Signature Validation: Signature is Valid.');
      expect(signature).toContain('Signature Type: ETSI.CAdES.detached');
      // Signed with the own key of the official the record names (journey-world names their certificates so).
      const official = String(result.body.signerName).split(' (')[0] ?? '';
      expect(official.startsWith(`${authority}/`)).toBe(true);
      expect(signature).toContain(`Signer Certificate Common Name: ${official.toUpperCase()} JOURNEY`);
      return { ...result.body, text: pdfText(pdf.bytes), bytes: pdf.bytes };
    };

    it('issues a licence applied for on the portal, and the applicant sees it with its history', async () => {
      licenceId = await applyOnPortal('issue');
      const file = await decide(licenceId, 'grant');
      expect(file).toMatchObject({ status: 'completed', result: 'licence', channel: 'portal' });
      expect(file.attachments.length).toBeGreaterThan(0);
      const licence = await resultOf(licenceId);
      licenceNumber = licence.licenceNumber;
      expect(licenceNumber).toMatch(/^KZ\d{2}-\d{8}-\d{2}$/);
      // The authority reads the same record of its own application: the number to act on from the file.
      const officeCopy = await world.call(
        `${authority}/${signingRoleOf(regulation)}`,
        'GET',
        `/office/applications/${licenceId}/result`,
      );
      expect(officeCopy.body).toMatchObject({ kind: 'licence', licenceNumber, signerName: licence.signerName });
      // An official of another authority learns nothing of it: not the record, not the document.
      const outsider = `other-authority-of-${act.seed}/official`;
      await world.post(outsider, { id: `other-authority-of-${act.seed}`, kind: 'authority' }, ['responsible_executor']);
      const foreign = await world.call(outsider, 'GET', `/office/applications/${licenceId}/result`);
      expect([foreign.status, foreign.body.error.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
      expect((await world.download(outsider, `/api/v1/office/applications/${licenceId}/result.pdf`)).status).toBe(404);
      // Every Kazakh letter of the holder's name comes back out of the PDF, with the number and the QR's address.
      expect(licence.text).toContain(COMPANY.name);
      expect(licence.text).toContain(licenceNumber);
      expect(licence.text).toContain(`/verify/${licence.id}`);
      // "My licences": the company's employee sees it, with its current document to open.
      const held = (await world.call('company', 'GET', '/my/licences')).body.items;
      expect(held).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ number: licenceNumber, currentDocumentId: licence.id, status: 'active' }),
        ]),
      );
      // The registry has it, publicly, and the QR's page verifies it.
      const found = await world.call(null, 'GET', `/registry/licences?holderId=${COMPANY.bin}`);
      expect(found.body.items.map((l: { number: string }) => l.number)).toContain(licenceNumber);
      const verified = await world.call(null, 'GET', `/verify/documents/${licence.id}`);
      expect(verified.body).toMatchObject({
        licence: { number: licenceNumber, status: 'active', holder: { name: COMPANY.name } },
        document: { current: true },
        signature: { indication: 'TOTAL_PASSED' },
      });
      // The public sees the signer as an official of their body, not their IIN or certificate.
      expect(Object.keys(verified.body.signature.signer).sort()).toEqual(['bin', 'name', 'organisation']);
      expect(JSON.stringify(verified.body)).not.toMatch(/IIN|"iin"/);
      const mine = await world.call('company', 'GET', `/my/applications/${licenceId}`);
      expect(mine.body).toMatchObject({ status: 'completed', result: 'licence' });
      expect(mine.body.history.map((h: History) => h.type)).toEqual(expect.arrayContaining(['submitted', 'completed']));
      const notes = (await world.call('company', 'GET', '/my/notifications')).body.items;
      expect(
        notes.some(
          (n: { applicationId: string; kind: string }) => n.applicationId === licenceId && n.kind === 'result',
        ),
      ).toBe(true);
    });

    it('refuses for incompleteness with the official’s reasons, which the applicant reads', async () => {
      const id = await applyOnPortal('issue');
      const file = await decide(id, 'refuse');
      expect(file).toMatchObject({ status: 'completed', result: 'motivated_refusal' });
      const letter = await resultOf(id);
      expect(letter).toMatchObject({ kind: 'motivated_refusal', licenceNumber: null });
      expect(letter.text).toContain(letter.outgoingNumber);
      expect(letter.text).toContain('title to the premises');
      const mine = await world.call('company', 'GET', `/my/applications/${id}`);
      expect(
        mine.body.history.some((h: { reasons: string | null }) => h.reasons?.includes('title to the premises')),
      ).toBe(true);
    });

    it('reissues and duplicates the issued licence, and refuses to reissue one that does not exist', async () => {
      const missing = await world.call('company', 'POST', '/drafts', {
        serviceId: regulation.service.id,
        requestKind: 'reissue',
        forCompany: true,
        licenceNumber: 'KZ26-00000000-00',
      });
      expect([missing.status, missing.body.error.code]).toEqual([400, 'LICENCE_NUMBER_INVALID']);
      const reissue = await applyOnPortal('reissue', licenceNumber.toLowerCase().replaceAll('-', ' '));
      expect((await decide(reissue, 'grant')).result).toBe('reissued_licence');
      const reissued = await resultOf(reissue);
      expect(reissued).toMatchObject({ kind: 'reissued_licence', licenceNumber });
      const duplicate = await applyOnPortal('duplicate', licenceNumber);
      expect((await decide(duplicate, 'grant')).result).toBe('duplicate');
      const copy = await resultOf(duplicate);
      currentDocument = copy.id;
      expect(copy).toMatchObject({ kind: 'duplicate', licenceNumber });
      expect(copy.text).toContain('ДУБЛИКАТ');
      // The first document is replaced, and its QR page says so; the licence line is one.
      const first = (await world.call('company', 'GET', `/my/applications/${licenceId}/result`)).body;
      expect((await world.call(null, 'GET', `/verify/documents/${first.id}`)).body.document.current).toBe(false);
      const line = (await world.call(null, 'GET', `/registry/licences/${licenceNumber}`)).body;
      expect(line.history.map((h: { change: string }) => h.change)).toEqual(['issued', 'reissued', 'duplicate_issued']);
    });

    it('suspends, resumes and terminates the licence, and the public page says so plainly', async () => {
      const head = `${authority}/${signingRoleOf(regulation)}`;
      let decisions = 0;
      const change = (change: string, legalGround: string, transactionId = `${licenceNumber}-${++decisions}`) =>
        world.call(head, 'POST', `/office/licences/${licenceNumber}/changes`, { transactionId, change, legalGround });
      const groundless = await change('suspended', '  ');
      expect([groundless.status, groundless.body.error.code]).toEqual([400, 'LEGAL_GROUND_REQUIRED']);
      const ruling = 'Court ruling No. 2-1234 of the Almaty district court';
      expect((await change('suspended', ruling, `${licenceNumber}-suspension`)).status).toBe(200);
      // The same decision sent again (a lost answer) is answered as it was, and changes nothing.
      const repeated = await change('suspended', ruling, `${licenceNumber}-suspension`);
      expect([repeated.status, repeated.body.history.length]).toEqual([200, 4]);
      const page = async () => {
        const response = await world.app.inject({ method: 'GET', url: `/verify/${copyId()}?lang=ru` });
        expect(response.statusCode).toBe(200);
        return response.body;
      };
      expect(await page()).toContain('ПРИОСТАНОВЛЕНА');
      const refused = await world.call('company', 'POST', '/drafts', {
        serviceId: regulation.service.id,
        requestKind: 'reissue',
        forCompany: true,
        licenceNumber,
      });
      expect([refused.status, refused.body.error.code]).toEqual([409, 'LICENCE_CHANGE_NOT_ALLOWED']);
      expect((await change('resumed', 'Court ruling No. 2-1234 set aside on appeal')).status).toBe(200);
      expect(await page()).toContain('ДЕЙСТВУЕТ');
      expect(
        (await change('terminated', 'The holder’s application to terminate, art. 44 of the Law on permits')).status,
      ).toBe(200);
      expect(await page()).toContain('ПРЕКРАЩЕНА');
      const again = await change('resumed', 'a resumption after termination');
      expect([again.status, again.body.error.code]).toEqual([409, 'LICENCE_CHANGE_NOT_ALLOWED']);
      const verified = await world.call(null, 'GET', `/verify/licences/${licenceNumber}`);
      expect(verified.body.licence.status).toBe('terminated');
      expect(verified.body.history.map((h: { change: string }) => h.change).slice(-3)).toEqual([
        'suspended',
        'resumed',
        'terminated',
      ]);
    });

    it.runIf(regulation.channels.includes('service_centre'))(
      'takes a walk-in in at a service centre, decides it, and hands the licence over',
      async () => {
        const ticket = await world.call('operator', 'POST', '/centre/tickets', {});
        expect((await world.call('operator', 'POST', '/centre/queue/call-next', { window: 1 })).body.id).toBe(
          ticket.body.id,
        );
        const documents = regulation.documents.items.filter((d) => d.requiredFor.includes('issue')).map((d) => d.id);
        const intake = {
          regulationId: regulation.id,
          requestKind: 'issue',
          applicant: { kind: 'legal_entity', id: COMPANY.bin },
          form: act.form,
          paperDocuments: documents,
          ticketId: ticket.body.id,
        };
        const first = await world.call('operator', 'POST', '/centre/intakes/prepare', intake);
        expect(first.status, JSON.stringify(first.body)).toBe(200);
        const id = first.body.applicationId;
        for (const documentId of documents) {
          const scan = await world.upload(
            'operator',
            `/centre/intakes/${id}/attachments?regulationId=${regulation.id}&requestKind=issue&documentId=${documentId}&fileName=${documentId}.pdf`,
            PDF,
          );
          expect(scan.status, JSON.stringify(scan.body)).toBe(201);
        }
        const prepared = await world.call('operator', 'POST', '/centre/intakes/prepare', {
          ...intake,
          applicationId: id,
        });
        const submitted = await world.call('operator', 'POST', `/centre/intakes/${id}`, {
          ...intake,
          transactionId: `walk-in-${id}`,
          signature: await world.sign('operator', prepared.body.canonicalRequest),
        });
        expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
        expect(submitted.body.receipt.plannedResultDate >= submitted.body.receipt.registrationDate).toBe(true);
        await world.call('operator', 'POST', `/centre/tickets/${ticket.body.id}/finish`, { outcome: 'served' });
        const file = await decide(id, 'grant');
        expect(file).toMatchObject({ status: 'completed', result: 'licence', channel: 'service_centre' });
        // The holder is named as the state database knows the company, on a licence of its own.
        const licence = await resultOf(id);
        expect(licence.licenceNumber).not.toBe(licenceNumber);
        expect(licence.text).toContain(String(file.intake.applicant.entity.name.kk));
        const handed = await world.call('operator', 'POST', `/centre/applications/${id}/hand-over`, {
          receivedByIin: HEAD.iin,
        });
        expect(handed.body.handedOver).toMatchObject({ toIin: HEAD.iin });
      },
    );

    it.runIf(regulation.survey !== null)(
      'takes the survey after the result, once, and counts it in the reports',
      async () => {
        const pending = await applyOnPortal('issue');
        const early = await world.call('company', 'POST', `/my/applications/${pending}/survey`, { answers: {} });
        expect([early.status, early.body.error.code]).toEqual([409, 'SURVEY_NOT_YET']);
        const survey = (await world.call('company', 'GET', `/my/applications/${licenceId}/survey`)).body;
        expect(survey.questions.map((q: { indicator: string }) => q.indicator)).toEqual(['quality', 'accessibility']);
        const best = Object.fromEntries(
          survey.questions.map((q: { id: string; answers: { id: string }[] }) => [q.id, q.answers.at(-1)?.id]),
        );
        const wrong = await world.call('company', 'POST', `/my/applications/${licenceId}/survey`, {
          answers: { ...best, [survey.questions[0].id]: 'delighted' },
        });
        expect([wrong.status, wrong.body.error.code]).toEqual([422, 'SURVEY_ANSWER_INVALID']);
        expect(
          (await world.call('company', 'POST', `/my/applications/${licenceId}/survey`, { answers: best })).status,
        ).toBe(204);
        const again = await world.call('company', 'POST', `/my/applications/${licenceId}/survey`, { answers: best });
        expect([again.status, again.body.error.code]).toEqual([409, 'SURVEY_ANSWERED']);
        const today = world.now().toZonedDateTimeISO('Asia/Almaty').toPlainDate();
        const period = `from=${today.subtract({ days: 60 })}&to=${today}`;
        const indicators = (await world.call('administrator', 'GET', `/admin/reports/survey?${period}`)).body.items;
        expect(indicators).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ serviceId: regulation.service.id, responses: 1, satisfiedShare: 1 }),
          ]),
        );
      },
    );

    it('marks a step left past its due overdue and escalates it to the head', async () => {
      const id = await applyOnPortal('issue');
      await world.settle();
      const opened = (await world.call(`${authority}/${staffRoleOf(regulation)}`, 'GET', `/office/applications/${id}`))
        .body;
      const due = Temporal.Instant.from(opened.currentStep.due);
      world.advance({ hours: Math.ceil(world.now().until(due).total('hours')) + 1 });
      await world.sweep();
      await world.settle();
      const file = (await world.call(`${authority}/${staffRoleOf(regulation)}`, 'GET', `/office/applications/${id}`))
        .body;
      expect(file.currentStep).toMatchObject({ id: opened.currentStep.id, overdue: true });
      const escalated = file.history.find((h: History) => h.type === 'escalated');
      expect(escalated).toBeDefined();
      const overdue = await world.call(
        `${authority}/${stepRole(regulation, file)}`,
        'GET',
        '/office/queue?overdue=true',
      );
      expect(overdue.body.items.map((i: { id: string }) => i.id)).toContain(id);
    });

    it('reports the applications and how each step kept its deadlines', async () => {
      const today = world.now().toZonedDateTimeISO('Asia/Almaty').toPlainDate();
      const period = `from=${today.subtract({ days: 60 })}&to=${today}`;
      const counts = (await world.call('administrator', 'GET', `/admin/reports/applications?${period}`)).body.items;
      const licences = counts.find(
        (c: { channel: string; result: string | null }) => c.channel === 'portal' && c.result === 'licence',
      );
      expect(licences).toMatchObject({ serviceId: regulation.service.id, authorityId: authority, status: 'completed' });
      const steps = (await world.call('administrator', 'GET', `/admin/reports/deadlines?${period}`)).body.items;
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) {
        expect(step.completedOnTime + step.late).toBeLessThanOrEqual(step.opened);
        if (step.compliance !== null) expect(step.compliance).toBeGreaterThanOrEqual(0);
      }
      // The step left overdue in the test above counts late.
      expect(steps.some((s: { late: number }) => s.late > 0)).toBe(true);
      const staffAsking = await world.call(
        `${authority}/${staffRoleOf(regulation)}`,
        'GET',
        `/admin/reports/deadlines?${period}`,
      );
      expect([staffAsking.status, staffAsking.body.error.code]).toEqual([403, 'ADMINISTRATOR_ONLY']);
    });
  },
);

interface History {
  readonly type: string;
  readonly stepId: string | null;
}

/** An authority role of the regulation, whose holder reads the authority's files. */
/** The authority role that signs results: the actor of the regulation's signing step. */
function signingRoleOf(regulation: Regulation): string {
  const people = new Set(regulation.roles.filter((r) => r.kind === 'authority').map((r) => r.id));
  const step = regulation.processes.flatMap((p) => p.steps).find((s) => s.action === 'sign' && people.has(s.actor));
  if (!step) throw new Error(`${regulation.id} has no signing step of an official`);
  return step.actor;
}

function staffRoleOf(regulation: Regulation): string {
  const role = regulation.roles.find((r) => r.kind === 'authority');
  if (!role) throw new Error(`${regulation.id} has no authority role`);
  return role.id;
}

function stepRole(regulation: Regulation, file: { requestKind: string; currentStep: { id: string } }): string {
  const process = regulation.processes.find((p) => p.id === processOf(regulation, file.requestKind));
  return process?.steps.find((s) => s.id === file.currentStep.id)?.actor ?? '';
}

function processOf(regulation: Regulation, requestKind: string): string {
  return regulation.requestKinds.find((k) => k.kind === requestKind)?.process ?? '';
}

/**
 * How far an outcome is from a result of the goal (an end of the other kind: never). Refusing, the
 * official refuses at the first step that can: an outcome that needs reasons comes first.
 */
function rank(
  outcome: Regulation['processes'][number]['steps'][number]['outcomes'][number],
  distance: Map<string, number>,
  goal: Goal,
): number {
  const steps =
    'end' in outcome
      ? (goal === 'refuse') === (outcome.end === 'motivated_refusal')
        ? 0
        : Number.POSITIVE_INFINITY
      : (distance.get(outcome.next) ?? Number.POSITIVE_INFINITY);
  return goal === 'refuse' && OUTCOMES_NEEDING_REASONS.includes(outcome.id) && steps < Number.POSITIVE_INFINITY
    ? -1
    : steps;
}
