import { createHash, randomUUID } from 'node:crypto';
import { type Locale, type Regulation, RuqsatError, type Temporal } from '@ruqsat/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DatabaseSchema } from '../store/schema.js';
import type { AttachmentScanner } from './scanner.js';
import { type AttachmentType, sniffAttachmentType } from './sniff.js';

/** How much one application may carry. */
export interface AttachmentLimits {
  readonly maxFileBytes: number;
  readonly maxFiles: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxFileBytes: 10 * 1024 * 1024, maxFiles: 30 };

export interface AttachmentInfo {
  readonly id: string;
  readonly documentId: string;
  readonly fileName: string;
  readonly mediaType: AttachmentType;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly uploadedAt: string;
}

/** One line of the document checklist: a document the regulation asks for, and the files attached for it. */
export interface ChecklistItem {
  readonly documentId: string;
  readonly name: string;
  readonly required: boolean;
  readonly files: AttachmentInfo[];
}

/**
 * The files attached to an application (by its number, before and after submission): each one
 * typed by its bytes, size-limited, hashed with SHA-256, passed through the virus-scan hook, and
 * stored unchanged — or refused with a precise code and not stored at all. Who may attach to which
 * application is the caller's check (the draft's owner, the centre's operator).
 */
export class AttachmentStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly scanner: AttachmentScanner,
    private readonly now: () => Temporal.Instant,
    private readonly limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
  ) {}

  get maxFileBytes(): number {
    return this.limits.maxFileBytes;
  }

  async add(
    applicationId: string,
    regulation: Regulation,
    requestKind: string,
    file: { readonly documentId: string; readonly fileName: string; readonly bytes: Uint8Array },
    uploadedBy: string,
    guard: Guard,
  ): Promise<AttachmentInfo> {
    const document = regulation.documents.items.find((d) => d.id === file.documentId);
    if (!document?.requiredFor.includes(requestKind as never)) {
      throw new RuqsatError('DOCUMENT_NOT_IN_CHECKLIST', { documentId: file.documentId });
    }
    if (file.bytes.length === 0) throw new RuqsatError('ATTACHMENT_EMPTY');
    if (file.bytes.length > this.limits.maxFileBytes) {
      throw new RuqsatError('PAYLOAD_TOO_LARGE', { limitBytes: this.limits.maxFileBytes });
    }
    const mediaType = sniffAttachmentType(file.bytes);
    if (!mediaType)
      throw new RuqsatError('ATTACHMENT_TYPE_NOT_ALLOWED', { allowed: ['application/pdf', 'image/jpeg', 'image/png'] });
    const verdict = await this.scanner.scan(file.bytes);
    if (verdict.kind === 'infected') throw new RuqsatError('ATTACHMENT_INFECTED', { signature: verdict.signature });
    if (verdict.kind === 'unavailable') throw new RuqsatError('ATTACHMENT_SCAN_UNAVAILABLE');
    const row = {
      id: randomUUID(),
      application_id: applicationId,
      document_id: document.id,
      file_name: safeFileName(file.fileName),
      media_type: mediaType,
      size_bytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      scanned_by: this.scanner.name,
      uploaded_by: uploadedBy,
      uploaded_at: new Date(this.now().epochMilliseconds),
      content: file.bytes,
    };
    await this.db.transaction().execute(async (trx) => {
      // Counted under a lock on the application's files, so two uploads at once cannot both be the last.
      await lockFiles(trx, applicationId);
      await guard(trx);
      const count = await trx
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('application_id', '=', applicationId)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= this.limits.maxFiles) {
        throw new RuqsatError('ATTACHMENTS_TOO_MANY', { limit: this.limits.maxFiles });
      }
      await trx.insertInto('attachments').values(row).execute();
    });
    return infoOf(row);
  }

  async list(applicationId: string): Promise<AttachmentInfo[]> {
    const rows = await this.db
      .selectFrom('attachments')
      .select(['id', 'document_id', 'file_name', 'media_type', 'size_bytes', 'sha256', 'uploaded_at'])
      .where('application_id', '=', applicationId)
      .orderBy('uploaded_at')
      .orderBy('id')
      .execute();
    return rows.map(infoOf);
  }

  /** The file's bytes as stored, with what to serve them as. */
  async content(applicationId: string, attachmentId: string) {
    const row = await this.db
      .selectFrom('attachments')
      .select(['file_name', 'media_type', 'sha256', 'content'])
      .where('application_id', '=', applicationId)
      .where('id', '=', attachmentId)
      .executeTakeFirst();
    if (!row) throw new RuqsatError('ATTACHMENT_NOT_FOUND', { attachmentId });
    return { fileName: row.file_name, mediaType: row.media_type, sha256: row.sha256, bytes: row.content };
  }

  async remove(applicationId: string, attachmentId: string, guard: Guard): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await lockFiles(trx, applicationId);
      await guard(trx);
      const result = await trx
        .deleteFrom('attachments')
        .where('application_id', '=', applicationId)
        .where('id', '=', attachmentId)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) throw new RuqsatError('ATTACHMENT_NOT_FOUND', { attachmentId });
    });
  }

  /** The regulation's documents for the request kind, each with the files attached for it. */
  async checklist(
    applicationId: string,
    regulation: Regulation,
    requestKind: string,
    locale: Locale,
  ): Promise<ChecklistItem[]> {
    const files = await this.list(applicationId);
    return regulation.documents.items
      .filter((d) => d.requiredFor.includes(requestKind as never))
      .map((d) => ({
        documentId: d.id,
        name: d.name[locale],
        required: true,
        files: files.filter((f) => f.documentId === d.id),
      }));
  }

  /**
   * What the signed request says of the files: which document, which bytes (by hash). Read in a
   * transaction that holds the files' lock, it is what will be registered.
   */
  async signedSummary(
    applicationId: string,
    trx?: Transaction<DatabaseSchema>,
  ): Promise<{ documentId: string; sha256: string; sizeBytes: number }[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('attachments')
      .select(['document_id', 'sha256', 'size_bytes'])
      .where('application_id', '=', applicationId)
      .execute();
    return rows
      .map((f) => ({ documentId: f.document_id, sha256: f.sha256, sizeBytes: f.size_bytes }))
      .sort((a, b) => a.documentId.localeCompare(b.documentId) || a.sha256.localeCompare(b.sha256));
  }
}

/**
 * Runs inside the change's transaction, after the files' lock: the owner's rule that the
 * application may still change (a draft not yet submitted, an intake not yet registered).
 */
export type Guard = (trx: Transaction<DatabaseSchema>) => Promise<void>;

/**
 * Serialises every change to one application's files, and the submission that reads them: two
 * uploads cannot both be the last allowed, and a submission sees the files as they will stay.
 */
export async function lockFiles(trx: Transaction<DatabaseSchema>, applicationId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`attachments:${applicationId}`}))`.execute(trx);
}

/** A file name safe to show and to put in a download header: no paths, no control characters. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}"]/gu, '')
    .trim()
    .slice(0, 200);
  return clean || 'file';
}

function infoOf(row: {
  id: string;
  document_id: string;
  file_name: string;
  media_type: AttachmentType;
  size_bytes: number;
  sha256: string;
  uploaded_at: Date;
}): AttachmentInfo {
  return {
    id: row.id,
    documentId: row.document_id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}
