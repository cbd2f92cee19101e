import { createHash } from 'node:crypto';
import {
  type ApplicantKind,
  canonicalJson,
  type Locale,
  mciDue,
  type PreFlowCondition,
  type Regulation,
  type RegulationCatalogue,
  type RequestKind,
  RuqsatError,
  type Temporal,
} from '@ruqsat/core';
import { validateSignature } from '@ruqsat/pki';
import type { Kysely, Transaction } from 'kysely';
import { applicationNumber } from '../applications/application-number.js';
import type { ApplicationService, ExecuteResult } from '../applications/application-service.js';
import { requireIssuedLicence } from '../applications/issued-licence.js';
import { type ConditionOutcome, runPreFlowConditions } from '../applications/pre-flow-conditions.js';
import type { AttachmentInfo, AttachmentStore, ChecklistItem } from '../attachments/attachment-store.js';
import { actsForApplicant, actsForCompany, type Principal, rolesActForCompany } from '../auth/principal.js';
import type { TrustSettings } from '../auth/sign-in.js';
import type { PaymentService, PaymentView } from '../payments/payment-service.js';
import type { DatabaseSchema, DraftsTable } from '../store/schema.js';
import { isUniqueViolation } from '../store/sql-values.js';
import { type FieldProblem, validateForm } from './form-validation.js';

export interface DraftView {
  readonly id: string;
  readonly applicant: { readonly kind: ApplicantKind; readonly id: string };
  readonly regulationId: string;
  readonly serviceId: string;
  readonly requestKind: string;
  readonly licenceNumber: string | null;
  readonly form: unknown;
  /** What is wrong with the form as it stands; empty when it may be signed. */
  readonly problems: FieldProblem[];
  readonly updatedAt: string;
  readonly submittedAt: string | null;
  /** The regulation's documents for the request kind, with the files attached for each. */
  readonly documents?: ChecklistItem[];
}

/**
 * An application on the portal before it is one: a draft per service and request kind, its form
 * saved as typed (nothing is lost on a reload), its fee invoiced, the canonical request it will be
 * signed as, and the submission — which runs the regulation's portal conditions in order and
 * registers the application, the signature and the draft's end in one transaction.
 */
export class DraftService {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly deps: {
      readonly catalogue: RegulationCatalogue;
      readonly applications: ApplicationService;
      readonly payments: PaymentService;
      readonly trust: TrustSettings;
      readonly attachments: AttachmentStore;
      readonly now: () => Temporal.Instant;
    },
  ) {}

  async create(
    principal: Principal,
    request: { serviceId: string; requestKind: RequestKind; forCompany: boolean; licenceNumber?: string | undefined },
    locale: Locale,
  ): Promise<DraftView> {
    const today = this.deps.now().toZonedDateTimeISO('Asia/Almaty').toPlainDate().toString();
    const regulation = this.deps.catalogue.inForce(request.serviceId, today);
    if (!regulation) throw new RuqsatError('REGULATION_NOT_FOUND', { serviceId: request.serviceId, date: today });
    if (!regulation.requestKinds.some((k) => k.kind === request.requestKind)) {
      throw new RuqsatError('REQUEST_KIND_NOT_OFFERED', { requestKind: request.requestKind });
    }
    if (!regulation.channels.includes('portal')) {
      throw new RuqsatError('CHANNEL_NOT_OFFERED', { channel: 'portal', channels: regulation.channels });
    }
    const applicant = applicantFor(principal, request.forCompany, regulation);
    // A reissue or a duplicate concerns a licence already issued: it is named from the start.
    if (request.requestKind !== 'issue' && !request.licenceNumber) {
      throw new RuqsatError('FORM_INVALID', {
        fields: [{ field: 'licenceNumber', rule: 'required', message: licenceRequired[locale] }],
      });
    }
    const licenceNumber =
      request.licenceNumber && request.requestKind !== 'issue'
        ? await requireIssuedLicence(this.db, {
            licenceNumber: request.licenceNumber,
            applicantId: applicant.id,
            serviceId: regulation.service.id,
            requestKind: request.requestKind,
          })
        : null;
    const at = new Date(this.deps.now().epochMilliseconds);
    const id = applicationNumber(today);
    await this.db
      .insertInto('drafts')
      .values({
        id,
        owner_iin: principal.iin,
        applicant_kind: applicant.kind,
        applicant_id: applicant.id,
        regulation_id: regulation.id,
        request_kind: request.requestKind,
        licence_number: licenceNumber,
        form: '{}',
        created_at: at,
        updated_at: at,
      })
      .execute();
    return this.get(principal, id, locale);
  }

  async get(principal: Principal, id: string, locale: Locale): Promise<DraftView> {
    const { draft, regulation } = await this.#load(principal, id);
    const documents = await this.deps.attachments.checklist(draft.id, regulation, draft.request_kind, locale);
    return { ...viewOf(draft, regulation, locale), documents };
  }

  get maxAttachmentBytes(): number {
    return this.deps.attachments.maxFileBytes;
  }

  /** Attaches a file for one of the checklist's documents; the draft counts as changed. */
  async attach(
    principal: Principal,
    id: string,
    file: { readonly documentId: string; readonly fileName: string; readonly bytes: Uint8Array },
  ): Promise<AttachmentInfo> {
    const { draft, regulation } = await this.#load(principal, id);
    if (draft.submitted_at) throw new RuqsatError('DRAFT_SUBMITTED', { draftId: id });
    return this.deps.attachments.add(draft.id, regulation, draft.request_kind, file, `iin:${principal.iin}`, (trx) =>
      this.#stillOpen(trx, draft.id),
    );
  }

  async detach(principal: Principal, id: string, attachmentId: string): Promise<void> {
    const { draft } = await this.#load(principal, id);
    if (draft.submitted_at) throw new RuqsatError('DRAFT_SUBMITTED', { draftId: id });
    await this.deps.attachments.remove(draft.id, attachmentId, (trx) => this.#stillOpen(trx, draft.id));
  }

  /** A file of the draft (or of the application it became), as stored. */
  async attachment(principal: Principal, id: string, attachmentId: string) {
    const { draft } = await this.#load(principal, id);
    return this.deps.attachments.content(draft.id, attachmentId);
  }

  /**
   * Inside a change of the draft's files: the draft is held, still unsubmitted, and marked changed
   * — so a submission that checked the files before this change is refused (DRAFT_CHANGED), and a
   * change after a submission is refused here.
   */
  async #stillOpen(trx: Transaction<DatabaseSchema>, id: string): Promise<void> {
    const held = await trx
      .selectFrom('drafts')
      .select('submitted_at')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!held || held.submitted_at !== null) throw new RuqsatError('DRAFT_SUBMITTED', { draftId: id });
    const registered = await trx.selectFrom('applications').select('id').where('id', '=', id).executeTakeFirst();
    if (registered) throw new RuqsatError('DRAFT_SUBMITTED', { draftId: id });
    await trx
      .updateTable('drafts')
      .set({ updated_at: new Date(this.deps.now().epochMilliseconds) })
      .where('id', '=', id)
      .execute();
  }

  /** Saves the form as typed, valid or not; the answer lists what is still wrong, field by field. */
  async saveForm(principal: Principal, id: string, form: Record<string, unknown>, locale: Locale): Promise<DraftView> {
    const { draft } = await this.#load(principal, id);
    if (draft.submitted_at) throw new RuqsatError('DRAFT_SUBMITTED', { draftId: id });
    await this.db
      .updateTable('drafts')
      .set({ form: JSON.stringify(form), updated_at: new Date(this.deps.now().epochMilliseconds) })
      .where('id', '=', id)
      .where('submitted_at', 'is', null)
      .execute();
    return this.get(principal, id, locale);
  }

  /** The fee's invoice at the payment gateway (made once per draft). */
  async invoice(principal: Principal, id: string): Promise<PaymentView> {
    const { draft, regulation } = await this.#load(principal, id);
    if (draft.submitted_at) {
      const invoice = await this.deps.payments.invoiceOf(draft.id, draft.request_kind);
      if (invoice) return invoice;
      throw new RuqsatError('DRAFT_SUBMITTED', { draftId: id });
    }
    return this.deps.payments.invoiceFor(draft.id, regulation, draft.request_kind, `iin:${principal.iin}`);
  }

  /** The draft's invoice as last confirmed, if one was made. */
  async invoiceOfDraft(principal: Principal, id: string): Promise<PaymentView> {
    const { draft } = await this.#load(principal, id);
    const invoice = await this.deps.payments.invoiceOf(draft.id, draft.request_kind);
    if (!invoice) throw new RuqsatError('PAYMENT_NOT_FOUND', { draftId: id });
    return invoice;
  }

  /**
   * The request as it is signed: RFC 8785 canonical JSON of the service, the regulation version,
   * the request kind, the applicant, the licence concerned, the form and the payment reference.
   * Refused while the form has problems, and while a fee is due but not yet invoiced.
   */
  async canonicalRequest(
    principal: Principal,
    id: string,
    locale: Locale,
  ): Promise<{ canonical: string; sha256: string }> {
    const { draft, regulation } = await this.#load(principal, id);
    const canonical = await this.#canonicalOf(draft, regulation, locale);
    return { canonical, sha256: createHash('sha256').update(canonical, 'utf8').digest('hex') };
  }

  async #canonicalOf(draft: DraftsTable, regulation: Regulation, locale: Locale): Promise<string> {
    const problems = validateForm(regulation, draft.form, locale);
    if (problems.length > 0) throw new RuqsatError('FORM_INVALID', { fields: problems });
    const invoice = await this.deps.payments.invoiceOf(draft.id, draft.request_kind);
    // The signed request names its payment: a request signed before the invoice could never be paid.
    if (!invoice && mciDue(regulation, draft.request_kind) !== null) {
      throw new RuqsatError('FEE_NOT_INVOICED', { draftId: draft.id });
    }
    return canonicalJson({
      application: draft.id,
      service: regulation.service.id,
      regulation: regulation.id,
      requestKind: draft.request_kind,
      applicant: applicantOf(draft),
      licenceNumber: draft.licence_number,
      form: draft.form,
      attachments: await this.deps.attachments.signedSummary(draft.id),
      payment: invoice ? { invoiceId: invoice.invoiceId } : null,
    });
  }

  /**
   * Submits the signed request. The regulation's portal conditions run in order; the first that
   * fails answers with the regulation's refusal message and nothing is written. Repeating the
   * transaction id repeats the first answer.
   */
  async submit(
    principal: Principal,
    id: string,
    request: { transactionId: string; signature: Uint8Array },
    locale: Locale,
  ): Promise<ExecuteResult> {
    const { draft, regulation } = await this.#load(principal, id);
    const transactionId = `submit:${draft.id}:${request.transactionId}`;
    let report: Awaited<ReturnType<typeof validateSignature>> | null = null;
    const evaluate = async (check: PreFlowCondition): Promise<ConditionOutcome> => {
      switch (check) {
        case 'authorisation':
          return actsForApplicant(principal, applicantOf(draft))
            ? { passed: true }
            : { passed: false, why: 'not the applicant' };
        case 'payment_fact':
          return this.#paymentFact(draft, regulation, signedInvoice);
        case 'signature_validity': {
          report = await validateSignature(bytes, request.signature, {
            ...this.deps.trust,
            purpose: 'sign',
            at: new Date(this.deps.now().epochMilliseconds),
            expect: draft.applicant_kind === 'legal_entity' ? { bin: draft.applicant_id } : { iin: draft.applicant_id },
          });
          if (report.indication !== 'TOTAL_PASSED')
            return { passed: false, why: report.errorCode ?? report.indication };
          // Signed by the person signed in, not by a key lent by someone else; for a company with a
          // key whose role acts for it, for a person with their own key.
          const signer = report.signer;
          if (signer?.iin !== principal.iin) return { passed: false, why: 'SIGNER_MISMATCH' };
          const rightKey =
            draft.applicant_kind === 'legal_entity' ? rolesActForCompany(signer.roles) : signer.bin === null;
          return rightKey ? { passed: true } : { passed: false, why: 'SIGNER_ROLE' };
        }
        default:
          throw new Error(`the portal does not evaluate ${check}`);
      }
    };
    const input = {
      applicationId: draft.id,
      transactionId,
      regulationId: regulation.id,
      command: {
        type: 'submit' as const,
        requestKind: draft.request_kind as RequestKind,
        channel: 'portal' as const,
        applicant: applicantOf(draft),
      },
      actor: { kind: 'applicant' as const, userId: `iin:${principal.iin}`, subjectId: draft.applicant_id },
    };
    // Submitted already: a retry with the same transaction id gets the first answer; another submit
    // is refused by the engine (APPLICATION_ALREADY_EXISTS). Nothing is checked or written again.
    if (draft.submitted_at) return this.deps.applications.execute(input);
    const canonical = await this.#canonicalOf(draft, regulation, locale);
    const bytes = new TextEncoder().encode(canonical);
    const signedInvoice =
      (JSON.parse(canonical) as { payment: { invoiceId: string } | null }).payment?.invoiceId ?? null;
    await runPreFlowConditions(regulation, 'portal', evaluate);
    const validated = report as Awaited<ReturnType<typeof validateSignature>> | null;
    if (!validated)
      throw new Error(`${regulation.id}: the portal pre-flow registered a request it never checked the signature of`);

    const register = this.db.transaction().execute(async (trx) => {
      // What was checked is what is registered: the draft is held, and refused if it moved since.
      const held = await trx
        .selectFrom('drafts')
        .select(['updated_at', 'submitted_at'])
        .where('id', '=', draft.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (held.submitted_at === null && held.updated_at.getTime() !== draft.updated_at.getTime()) {
        throw new RuqsatError('DRAFT_CHANGED', { draftId: draft.id });
      }
      const result = await this.deps.applications.executeIn(trx, input);
      const at = new Date(this.deps.now().epochMilliseconds);
      await trx
        .insertInto('application_signatures')
        .values({
          application_id: draft.id,
          canonical_request: canonical,
          signature: request.signature,
          report: JSON.stringify(validated),
          signed_by_iin: principal.iin,
          recorded_at: at,
        })
        .execute();
      await trx.updateTable('drafts').set({ submitted_at: at, updated_at: at }).where('id', '=', draft.id).execute();
      return result;
    });
    return register.catch((error: unknown) => {
      // Two submissions raced and the other registered first: answer as the engine answers a repeat.
      if (isUniqueViolation(error)) return this.deps.applications.execute(input);
      throw error;
    });
  }

  /** The invoice the signed request names must be paid (not merely some invoice of the draft). */
  async #paymentFact(
    draft: DraftsTable,
    regulation: Regulation,
    signedInvoice: string | null,
  ): Promise<ConditionOutcome> {
    if (mciDue(regulation, draft.request_kind) === null) return { passed: true };
    const invoice = await this.deps.payments.currentInvoiceOf(draft.id, draft.request_kind, 'portal-submission');
    if (!invoice || invoice.invoiceId !== signedInvoice) return { passed: false, why: 'no invoice' };
    return invoice.status === 'pending' ? { passed: false, why: 'not paid' } : { passed: true };
  }

  async #load(principal: Principal, id: string): Promise<{ draft: DraftsTable; regulation: Regulation }> {
    const draft = (await this.db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirst()) as
      | DraftsTable
      | undefined;
    // Someone else's draft is answered as no draft at all; so is a company's draft to its owner
    // signed in without a key that acts for the company.
    if (!draft || draft.owner_iin !== principal.iin || !actsForApplicant(principal, applicantOf(draft))) {
      throw new RuqsatError('DRAFT_NOT_FOUND', { draftId: id });
    }
    const regulation = this.deps.catalogue.get(draft.regulation_id);
    if (!regulation) throw new RuqsatError('REGULATION_NOT_FOUND', { regulationId: draft.regulation_id });
    return { draft, regulation };
  }
}

const licenceRequired: Record<Locale, string> = {
  kk: 'Қай лицензия туралы екенін көрсетіңіз (лицензия нөмірі)',
  ru: 'Укажите, о какой лицензии речь (номер лицензии)',
  en: 'Name the licence this concerns (its number)',
};

function applicantFor(principal: Principal, forCompany: boolean, regulation: Regulation) {
  if (forCompany) {
    if (!actsForCompany(principal)) throw new RuqsatError('NOT_ACTING_FOR_COMPANY');
    if (!regulation.applicantKinds.includes('legal_entity')) {
      throw new RuqsatError('APPLICANT_KIND_NOT_ALLOWED', {
        applicantKind: 'legal_entity',
        allowed: regulation.applicantKinds,
      });
    }
    return { kind: 'legal_entity' as const, id: principal.bin };
  }
  if (!regulation.applicantKinds.includes('individual')) {
    throw new RuqsatError('APPLICANT_KIND_NOT_ALLOWED', {
      applicantKind: 'individual',
      allowed: regulation.applicantKinds,
    });
  }
  return { kind: 'individual' as const, id: principal.iin };
}

function applicantOf(draft: DraftsTable) {
  return { kind: draft.applicant_kind, id: draft.applicant_id };
}

function viewOf(draft: DraftsTable, regulation: Regulation, locale: Locale): DraftView {
  return {
    id: draft.id,
    applicant: applicantOf(draft),
    regulationId: regulation.id,
    serviceId: regulation.service.id,
    requestKind: draft.request_kind,
    licenceNumber: draft.licence_number,
    form: draft.form,
    problems: validateForm(regulation, draft.form, locale),
    updatedAt: draft.updated_at.toISOString(),
    submittedAt: draft.submitted_at ? draft.submitted_at.toISOString() : null,
  };
}
