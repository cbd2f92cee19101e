import {
  type ApplicantKind,
  type ApplicationState,
  canonicalJson,
  type Locale,
  type PreFlowCondition,
  type Regulation,
  type RegulationCatalogue,
  type RequestKind,
  RuqsatError,
  Temporal,
} from '@ruqsat/core';
import { validateSignature } from '@ruqsat/pki';
import type { Kysely } from 'kysely';
import { applicationNumber } from '../applications/application-number.js';
import type { ApplicationService } from '../applications/application-service.js';
import { requireIssuedLicence } from '../applications/issued-licence.js';
import { type ConditionOutcome, runPreFlowConditions } from '../applications/pre-flow-conditions.js';
import { visibleApplication } from '../applications/visibility.js';
import { type AttachmentStore, lockFiles } from '../attachments/attachment-store.js';
import type { Principal } from '../auth/principal.js';
import type { TrustSettings } from '../auth/sign-in.js';
import type { LegalTime } from '../calendar/legal-time.js';
import { receiptPdf } from '../documents/receipt-pdf.js';
import { validateForm } from '../drafts/form-validation.js';
import { type ApplicantRecord, lookUpEntity, lookUpPerson, recordName } from '../gateway/lookups.js';
import type { StateSystems } from '../gateway/state-systems-factory.js';
import { staffActor } from '../staff/acting.js';
import { type StaffMember, staffUserId } from '../staff/staff-directory.js';
import type { DatabaseSchema } from '../store/schema.js';
import { isoDate, isUniqueViolation } from '../store/sql-values.js';

/** What the state databases answer that means nobody here can apply. */
const LOOKUP_REFUSALS: readonly string[] = [
  'PERSON_NOT_FOUND',
  'ENTITY_NOT_FOUND',
  'PERSON_DECEASED',
  'ENTITY_LIQUIDATED',
];

/** What the operator keys in for a walk-in applicant. */
export interface IntakeRequest {
  readonly regulationId: string;
  readonly requestKind: RequestKind;
  readonly applicant: { readonly kind: ApplicantKind; readonly id: string };
  /** For a reissue or a duplicate: the licence it concerns. */
  readonly licenceNumber?: string | null | undefined;
  readonly form: Record<string, unknown>;
  /** Ids of the regulation's documents the applicant brought on paper, seen by the operator. */
  readonly paperDocuments: readonly string[];
  /** The queue ticket being served, if the visitor came through the queue. */
  readonly ticketId?: string | null | undefined;
}

/** Who reads a receipt: an operator of the centre that took the application in, or its applicant. */
export type ReceiptReader = { readonly operator: StaffMember } | { readonly applicant: Principal };

/** The receipt (тізілімдеме) the applicant takes home: when it was accepted, when to expect the result. */
export interface Receipt {
  readonly applicationId: string;
  readonly centreId: string;
  readonly operator: { readonly id: string; readonly name: string };
  readonly applicant: { readonly kind: ApplicantKind; readonly id: string; readonly name: string };
  readonly regulationId: string;
  readonly requestKind: string;
  readonly acceptedAt: string;
  readonly registrationDate: string;
  readonly plannedResultDate: string;
  readonly paperDocuments: string[];
  readonly handedOver: { readonly at: string; readonly by: string; readonly toIin: string } | null;
}

/**
 * A walk-in application at a citizen service centre. The operator looks the applicant up in the
 * state database (no record, a deceased person or a liquidated company: refused), fills the form,
 * marks the paper documents present, and gets the canonical request; signs it with their own SIGN
 * key; submits. The centre's pre-flow of the regulation runs (database lookup or document check,
 * answered in the regulation's words), the signature is verified, and the application, its intake
 * record and the signature commit in one transaction. Later the operator hands over the result.
 */
export class IntakeService {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly deps: {
      readonly catalogue: RegulationCatalogue;
      readonly applications: ApplicationService;
      readonly systems: StateSystems;
      readonly trust: TrustSettings;
      readonly legalTime: LegalTime;
      readonly attachments: AttachmentStore;
      readonly now: () => Temporal.Instant;
    },
  ) {}

  get maxAttachmentBytes(): number {
    return this.deps.attachments.maxFileBytes;
  }

  /**
   * Attaches a scan of a paper document to an intake being prepared (by the application number
   * `prepare` gave). Only the operator who started it adds to it, and only until it is registered.
   */
  async attach(
    operator: StaffMember,
    applicationId: string,
    file: {
      readonly regulationId: string;
      readonly requestKind: RequestKind;
      readonly documentId: string;
      readonly fileName: string;
      readonly bytes: Uint8Array;
    },
  ) {
    const regulation = this.deps.catalogue.get(file.regulationId);
    if (!regulation) throw new RuqsatError('REGULATION_NOT_FOUND', { regulationId: file.regulationId });
    const uploader = staffUserId(operator.id);
    return this.deps.attachments.add(applicationId, regulation, file.requestKind, file, uploader, async (trx) => {
      const registered = await trx
        .selectFrom('applications')
        .select('id')
        .where('id', '=', applicationId)
        .executeTakeFirst();
      if (registered) throw new RuqsatError('DRAFT_SUBMITTED', { applicationId });
      await this.#onlyMine(trx, operator, applicationId);
    });
  }

  /**
   * Checks everything that can be checked before signing and gives the bytes to sign. The first
   * call numbers the intake; calling again with that number (after attaching scans, say) gives
   * the request as it now stands.
   */
  async prepare(
    operator: StaffMember,
    request: IntakeRequest,
    locale: Locale,
    existingId?: string,
  ): Promise<{ applicationId: string; canonicalRequest: string; applicant: ApplicantRecord }> {
    const applicationId = existingId ?? applicationNumber(this.#today().toString());
    if (existingId !== undefined) {
      await this.#onlyMine(this.db, operator, existingId);
      const registered = await this.db
        .selectFrom('applications')
        .select('id')
        .where('id', '=', existingId)
        .executeTakeFirst();
      if (registered) throw new RuqsatError('DRAFT_SUBMITTED', { applicationId: existingId });
    }
    const { canonical, record } = await this.#checked(operator, applicationId, request, locale);
    return { applicationId, canonicalRequest: canonical, applicant: record };
  }

  /**
   * Registers the signed request. Repeating the transaction id repeats the first answer; the same
   * application id cannot be registered twice.
   */
  async submit(
    operator: StaffMember,
    applicationId: string,
    request: IntakeRequest & { readonly transactionId: string; readonly signature: Uint8Array },
    locale: Locale,
  ): Promise<{ state: ApplicationState; receipt: Receipt }> {
    const input = {
      applicationId,
      transactionId: `intake:${operator.id}:${request.transactionId}`,
      regulationId: request.regulationId,
      command: {
        type: 'submit' as const,
        requestKind: request.requestKind,
        channel: 'service_centre' as const,
        applicant: request.applicant,
      },
      actor: staffActor(operator),
    };
    const existing = await this.#intakeOf(operator, applicationId);
    if (existing) {
      const repeated = await this.deps.applications.execute(input);
      return { state: repeated.state, receipt: await this.receipt({ operator }, applicationId) };
    }
    const { canonical, record } = await this.#checked(operator, applicationId, request, locale);
    const now = this.deps.now();
    const at = new Date(now.epochMilliseconds);
    const report = await validateSignature(new TextEncoder().encode(canonical), request.signature, {
      ...this.deps.trust,
      purpose: 'sign',
      at,
      expect: { iin: operator.iin },
    });
    if (report.indication !== 'TOTAL_PASSED') {
      throw new RuqsatError(report.errorCode ?? 'SIGNATURE_INVALID', { indication: report.indication });
    }
    const ticket = request.ticketId ? await this.#calledTicket(operator, request.ticketId) : null;
    const signedFiles = canonicalJson((JSON.parse(canonical) as { attachments: unknown }).attachments);
    const register = this.db.transaction().execute(async (trx) => {
      // The scans registered are the scans signed: none added or removed since the check, and all
      // of them scanned by this operator for this intake.
      await lockFiles(trx, applicationId);
      if (canonicalJson(await this.deps.attachments.signedSummary(applicationId, trx)) !== signedFiles) {
        throw new RuqsatError('DRAFT_CHANGED', { applicationId });
      }
      await this.#onlyMine(trx, operator, applicationId);
      const result = await this.deps.applications.executeIn(trx, input);
      // The same submission, registered meanwhile by a twin request (a double click): its answer.
      if (result.replayed) return result.state;
      await trx
        .updateTable('applications')
        .set({ centre_id: operator.organisationId })
        .where('id', '=', applicationId)
        .execute();
      await trx
        .insertInto('centre_intakes')
        .values({
          application_id: applicationId,
          centre_id: operator.organisationId,
          operator_id: operator.id,
          ticket_id: ticket,
          applicant_record: canonicalJson(record),
          form: canonicalJson(request.form),
          paper_documents: canonicalJson(request.paperDocuments),
          accepted_at: at,
          planned_result_on: this.#localDate(result.state.termDue),
        })
        .execute();
      await trx
        .insertInto('application_signatures')
        .values({
          application_id: applicationId,
          canonical_request: canonical,
          signature: request.signature,
          report: canonicalJson(report),
          signed_by_iin: operator.iin,
          recorded_at: at,
        })
        .execute();
      return result.state;
    });
    const state = await register.catch(async (error: unknown) => {
      // The twin won the race to the same rows: the engine has its answer, to repeat or to refuse.
      if (!isUniqueViolation(error)) throw error;
      return (await this.deps.applications.execute(input)).state;
    });
    return { state, receipt: await this.receipt({ operator }, applicationId) };
  }

  /**
   * An intake's number is the operator's own: no portal draft has it, and every file attached
   * under it was scanned by them. Anything else is someone else's application.
   */
  async #onlyMine(db: Kysely<DatabaseSchema>, operator: StaffMember, applicationId: string): Promise<void> {
    const [draft, foreign] = await Promise.all([
      db.selectFrom('drafts').select('id').where('id', '=', applicationId).executeTakeFirst(),
      db
        .selectFrom('attachments')
        .select('id')
        .where('application_id', '=', applicationId)
        .where('uploaded_by', '!=', staffUserId(operator.id))
        .executeTakeFirst(),
    ]);
    if (draft || foreign) throw new RuqsatError('APPLICATION_NOT_FOUND', { applicationId });
  }

  /** The receipt of an application the operator's centre took in. */
  async receipt(reader: ReceiptReader, applicationId: string): Promise<Receipt> {
    const intake = await this.#readableIntake(reader, applicationId);
    const [app, staff] = await Promise.all([
      this.db
        .selectFrom('applications')
        .select(['regulation_id', 'request_kind', 'applicant_kind', 'applicant_id', 'registration_date'])
        .where('id', '=', applicationId)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('staff_members')
        .select(['id', 'name'])
        .where('id', '=', intake.operator_id)
        .executeTakeFirstOrThrow(),
    ]);
    return {
      applicationId,
      centreId: intake.centre_id,
      operator: { id: staff.id, name: staff.name },
      applicant: {
        kind: app.applicant_kind as ApplicantKind,
        id: app.applicant_id,
        name: recordName(intake.applicant_record as ApplicantRecord),
      },
      regulationId: app.regulation_id,
      requestKind: app.request_kind,
      acceptedAt: intake.accepted_at.toISOString(),
      registrationDate: isoDate(app.registration_date),
      plannedResultDate: isoDate(intake.planned_result_on),
      paperDocuments: intake.paper_documents,
      handedOver:
        intake.handed_over_at && intake.handed_over_by && intake.handed_over_to
          ? {
              at: intake.handed_over_at.toISOString(),
              by: staffUserId(intake.handed_over_by),
              toIin: intake.handed_over_to,
            }
          : null,
    };
  }

  /** The receipt as the PDF the applicant takes home. */
  async receiptPdf(reader: ReceiptReader, applicationId: string): Promise<Uint8Array> {
    const receipt = await this.receipt(reader, applicationId);
    const regulation = this.deps.catalogue.get(receipt.regulationId);
    const centre = await this.db
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', receipt.centreId)
      .executeTakeFirst();
    if (!regulation || !centre) throw new Error(`receipt ${applicationId}: its regulation or centre is gone`);
    return receiptPdf(receipt, {
      centreName: centre.name,
      serviceName: regulation.service.name,
      authorityName: regulation.authority.name,
      documents: regulation.documents.items,
    });
  }

  /**
   * Records that the result went to the applicant (or the person they sent), identified by IIN.
   * Only once the application has ended, and only once.
   */
  async handOver(operator: StaffMember, applicationId: string, receivedByIin: string): Promise<Receipt> {
    await this.db.transaction().execute(async (trx) => {
      const intake = await trx
        .selectFrom('centre_intakes')
        .select(['handed_over_at', 'centre_id'])
        .where('application_id', '=', applicationId)
        .forUpdate()
        .executeTakeFirst();
      if (!intake || intake.centre_id !== operator.organisationId) {
        throw new RuqsatError('APPLICATION_NOT_FOUND', { applicationId });
      }
      if (intake.handed_over_at !== null) throw new RuqsatError('ALREADY_HANDED_OVER', { applicationId });
      const app = await trx
        .selectFrom('applications')
        .select('status')
        .where('id', '=', applicationId)
        .executeTakeFirstOrThrow();
      if (app.status !== 'completed') throw new RuqsatError('HAND_OVER_NOT_READY', { status: app.status });
      await trx
        .updateTable('centre_intakes')
        .set({
          handed_over_at: new Date(this.deps.now().epochMilliseconds),
          handed_over_by: operator.id,
          handed_over_to: receivedByIin,
        })
        .where('application_id', '=', applicationId)
        .execute();
    });
    return this.receipt({ operator }, applicationId);
  }

  /** Validates the request against the regulation and the state databases; builds the bytes to sign. */
  async #checked(operator: StaffMember, applicationId: string, request: IntakeRequest, locale: Locale) {
    const regulation = this.#regulation(request);
    const licenceNumber =
      request.licenceNumber && request.requestKind !== 'issue'
        ? await requireIssuedLicence(this.db, {
            licenceNumber: request.licenceNumber,
            applicantId: request.applicant.id,
            serviceId: regulation.service.id,
            requestKind: request.requestKind,
          })
        : null;
    // A lookup that finds no one who can apply is the pre-flow's own refusal where the regulation
    // draws a database lookup (answered in its words), and the lookup's refusal where it does not.
    const lookup = await this.#lookUp(operator, applicationId, request).then(
      (record) => ({ record }),
      (error: unknown) => {
        if (error instanceof RuqsatError && LOOKUP_REFUSALS.includes(error.code)) return { refusal: error };
        throw error;
      },
    );
    await runPreFlowConditions(regulation, 'service_centre', async (check) => {
      if (check !== 'database_lookup') return this.#evaluate(check, regulation, request);
      return 'refusal' in lookup ? { passed: false, why: lookup.refusal.code } : { passed: true };
    });
    if ('refusal' in lookup) throw lookup.refusal;
    const { record } = lookup;
    const problems = validateForm(regulation, request.form, locale);
    if (problems.length > 0) throw new RuqsatError('FORM_INVALID', { fields: problems });
    const canonical = canonicalJson({
      application: applicationId,
      service: regulation.service.id,
      regulation: regulation.id,
      requestKind: request.requestKind,
      applicant: request.applicant,
      licenceNumber,
      form: request.form,
      paperDocuments: [...request.paperDocuments].sort(),
      attachments: await this.deps.attachments.signedSummary(applicationId),
      centre: operator.organisationId,
      operator: operator.iin,
    });
    return { canonical, record };
  }

  #regulation(request: IntakeRequest): Regulation {
    const regulation = this.deps.catalogue.get(request.regulationId);
    if (!regulation) throw new RuqsatError('REGULATION_NOT_FOUND', { regulationId: request.regulationId });
    if (!regulation.channels.includes('service_centre')) {
      throw new RuqsatError('CHANNEL_NOT_OFFERED', { channel: 'service_centre', channels: regulation.channels });
    }
    if (!regulation.requestKinds.some((k) => k.kind === request.requestKind)) {
      throw new RuqsatError('REQUEST_KIND_NOT_OFFERED', { requestKind: request.requestKind });
    }
    if (!regulation.applicantKinds.includes(request.applicant.kind)) {
      throw new RuqsatError('APPLICANT_KIND_NOT_ALLOWED', {
        applicantKind: request.applicant.kind,
        allowed: regulation.applicantKinds,
      });
    }
    if (request.requestKind !== 'issue' && !request.licenceNumber) {
      throw new RuqsatError('FORM_INVALID', { fields: [{ field: 'licenceNumber', rule: 'required' }] });
    }
    return regulation;
  }

  /** The applicant as the state database knows them; a record that cannot apply is refused here. */
  async #lookUp(operator: StaffMember, applicationId: string, request: IntakeRequest): Promise<ApplicantRecord> {
    const context = { requestedBy: staffUserId(operator.id), applicationId };
    if (request.applicant.kind === 'legal_entity') {
      const entity = await lookUpEntity(this.deps.systems, request.applicant.id, context);
      if (entity.status === 'liquidated') throw new RuqsatError('ENTITY_LIQUIDATED', { bin: entity.bin });
      return { kind: 'entity', entity };
    }
    const person = await lookUpPerson(this.deps.systems, request.applicant.id, context);
    if (person.status === 'deceased') throw new RuqsatError('PERSON_DECEASED', { iin: person.iin });
    return { kind: 'person', person };
  }

  async #evaluate(check: PreFlowCondition, regulation: Regulation, request: IntakeRequest): Promise<ConditionOutcome> {
    switch (check) {
      case 'document_check': {
        const missing = regulation.documents.items
          .filter((d) => d.requiredFor.includes(request.requestKind) && !request.paperDocuments.includes(d.id))
          .map((d) => d.id);
        return missing.length === 0 ? { passed: true } : { passed: false, why: `missing: ${missing.join(', ')}` };
      }
      default:
        throw new Error(`${regulation.id}: a service centre does not evaluate ${check}`);
    }
  }

  /** A ticket of the operator's centre that is being served now, by id. */
  async #calledTicket(operator: StaffMember, ticketId: string): Promise<string> {
    const ticket = await this.db
      .selectFrom('queue_tickets')
      .select(['id', 'status'])
      .where('id', '=', ticketId)
      .where('centre_id', '=', operator.organisationId)
      .executeTakeFirst();
    if (!ticket) throw new RuqsatError('TICKET_NOT_FOUND', { ticketId });
    if (ticket.status !== 'called') throw new RuqsatError('TICKET_NOT_CALLED', { ticketId, status: ticket.status });
    return ticket.id;
  }

  /** The intake of an application its reader may see: the centre's operator, or the applicant. */
  async #readableIntake(reader: ReceiptReader, applicationId: string) {
    if ('applicant' in reader) await visibleApplication(this.db, reader.applicant, applicationId);
    const intake =
      'operator' in reader
        ? await this.#intakeOf(reader.operator, applicationId)
        : await this.db
            .selectFrom('centre_intakes')
            .selectAll()
            .where('application_id', '=', applicationId)
            .executeTakeFirst();
    if (!intake) throw new RuqsatError('APPLICATION_NOT_FOUND', { applicationId });
    return intake;
  }

  async #intakeOf(operator: StaffMember, applicationId: string) {
    return this.db
      .selectFrom('centre_intakes')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('centre_id', '=', operator.organisationId)
      .executeTakeFirst();
  }

  #today(): Temporal.PlainDate {
    return this.deps.legalTime.clockFor().localDate(this.deps.now());
  }

  #localDate(instant: string): string {
    return this.deps.legalTime.clockFor().localDate(Temporal.Instant.from(instant)).toString();
  }
}
