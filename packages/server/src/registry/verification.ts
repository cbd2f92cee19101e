import { RuqsatError, type Temporal } from '@ruqsat/core';
import { type ValidationReport, validateSignature } from '@ruqsat/pki';
import type { Kysely, Selectable } from 'kysely';
import type { TrustSettings } from '../auth/sign-in.js';
import { padesSignatureOf } from '../documents/pades-reading.js';
import type { DatabaseSchema, ResultDocumentsTable } from '../store/schema.js';
import type { LicenceHistoryEntry, LicenceRegistry, PublicLicence } from './licence-registry.js';
import { requireNumber } from './licence-registry.js';
import { documentInfo, type ResultDocumentInfo } from './result-documents-reader.js';

/** A document as the verification page shows it: what it is, who signed it when, and whether it stands. */
export interface VerifiedDocument extends ResultDocumentInfo {
  /** A licence document is current until a reissue or duplicate replaces it. */
  readonly current: boolean;
}

export interface Verification {
  readonly document: VerifiedDocument | null;
  readonly licence: PublicLicence | null;
  readonly history: LicenceHistoryEntry[];
  /** The signature of the document, validated now against the trusted CAs (what the public may see of it). */
  readonly signature: SignatureCheck | null;
}

/**
 * What the public sees of a signature's validation: the verdict in ETSI EN 319 102-1 words, the
 * policy, each check's outcome, and the signer as an official of their organisation — not the
 * official's IIN, nor the certificate details the full report carries.
 */
export interface SignatureCheck {
  readonly indication: ValidationReport['indication'];
  readonly subIndication: ValidationReport['subIndication'];
  readonly policy: string;
  readonly validatedAt: string;
  readonly signer: { readonly name: string; readonly organisation: string | null; readonly bin: string | null } | null;
  readonly checks: { readonly id: string; readonly outcome: string }[];
}

/**
 * The public check of a licence or a result document, reached by number or by the QR code printed
 * on the document. It says what is safe to say — the licence's status now, the holder as the
 * registry shows them, the dates, and the validation of the document's signature — and records
 * that a check was made. A refusal letter is confirmed to exist, as issued by whom and when; its
 * addressee and reasons are theirs, not the public's.
 */
export class VerificationService {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly registry: LicenceRegistry,
    private readonly trust: TrustSettings,
    private readonly now: () => Temporal.Instant,
  ) {}

  async byDocument(documentId: string): Promise<Verification> {
    const row = await this.db
      .selectFrom('result_documents')
      .selectAll()
      .where('id', '=', documentId)
      .executeTakeFirst();
    await this.#record({
      document_id: documentId,
      licence_number: row?.licence_number ?? null,
      via: 'document',
      found: !!row,
    });
    if (!row) throw new RuqsatError('REGISTRY_ENTRY_NOT_FOUND', { documentId });
    const found = row.licence_number ? await this.registry.licence(row.licence_number) : null;
    return {
      document: this.#document(row, found?.licence ?? null),
      licence: found?.licence ?? null,
      history: found?.history ?? [],
      signature: await this.#validate(row),
    };
  }

  async byNumber(numberAsTyped: string): Promise<Verification> {
    const number = requireNumber(numberAsTyped);
    const found = await this.registry.licence(number).catch(async (error: unknown) => {
      await this.#record({ document_id: null, licence_number: number, via: 'number', found: false });
      throw error;
    });
    await this.#record({ document_id: null, licence_number: number, via: 'number', found: true });
    const current = await this.db
      .selectFrom('result_documents')
      .selectAll()
      .where('id', '=', found.licence.currentDocumentId)
      .executeTakeFirst();
    return {
      // A licence entered without a document of ours (moved over from an older registry) still has its status.
      document: current ? this.#document(current, found.licence) : null,
      licence: found.licence,
      history: found.history,
      signature: current ? await this.#validate(current) : null,
    };
  }

  #document(row: Selectable<ResultDocumentsTable>, licence: PublicLicence | null): VerifiedDocument {
    return { ...documentInfo(row), current: row.kind === 'motivated_refusal' || licence?.currentDocumentId === row.id };
  }

  /** The stored bytes' signature, validated as of its signing with the revocation known now. */
  async #validate(row: Selectable<ResultDocumentsTable>): Promise<SignatureCheck | null> {
    const signature = padesSignatureOf(row.pdf);
    if (!signature) return null;
    const report = await validateSignature(signature.signedContent, signature.cms, {
      ...this.trust,
      purpose: 'sign',
      at: row.signed_at,
      expect: { iin: row.signer_iin },
    });
    return {
      indication: report.indication,
      subIndication: report.subIndication,
      policy: report.policy,
      validatedAt: report.validatedAt,
      signer: report.signer
        ? { name: report.signer.commonName, organisation: report.signer.organization, bin: report.signer.bin }
        : null,
      checks: report.checks.map((c) => ({ id: c.id, outcome: c.outcome })),
    };
  }

  async #record(entry: {
    document_id: string | null;
    licence_number: string | null;
    via: 'number' | 'document';
    found: boolean;
  }): Promise<void> {
    await this.db
      .insertInto('verifications')
      .values({ ...entry, verified_at: new Date(this.now().epochMilliseconds) })
      .execute();
  }
}
