import { createHash } from 'node:crypto';
import { canonicalJson } from '@ruqsat/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DatabaseSchema } from '../store/schema.js';

/** What happened, by whom, to what. `details` must be JSON and carry no secrets. */
export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditRecord extends Required<AuditEntry> {
  readonly seq: number;
  readonly recordedAt: Date;
  readonly prevHash: string;
  readonly hash: string;
}

export type AuditVerification =
  | { readonly intact: true; readonly count: number; readonly headHash: string }
  | { readonly intact: false; readonly count: number; readonly brokenAt: number; readonly reason: string };

export const GENESIS_HASH = '0'.repeat(64);
// Appends take this transaction-scoped lock so that sequence numbers stay gapless and each row
// links to the one before it, whatever the number of server instances.
const AUDIT_APPEND_LOCK_KEY = 7_215_690_002;
const VERIFY_PAGE_SIZE = 1_000;

/**
 * Appends one entry to the hash chain. Takes the caller's transaction on purpose: the audit row
 * commits or rolls back together with the state change it records.
 */
export async function appendAudit(
  trx: Transaction<DatabaseSchema>,
  entry: AuditEntry,
  recordedAt: Date,
): Promise<AuditRecord> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_APPEND_LOCK_KEY})`.execute(trx);
  const head = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const details = entry.details ?? {};
  const hash = chainHash(prevHash, { seq, recordedAt, ...entry, details });
  await trx
    .insertInto('audit_log')
    .values({
      seq,
      recorded_at: recordedAt,
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      details: canonicalJson(details),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return { seq, recordedAt, actor: entry.actor, action: entry.action, subject: entry.subject, details, prevHash, hash };
}

/** Walks the whole chain from the first row and names the first row that does not fit. */
export async function verifyAuditChain(db: Kysely<DatabaseSchema>): Promise<AuditVerification> {
  let expectedPrev = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', count)
      .orderBy('seq')
      .limit(VERIFY_PAGE_SIZE)
      .execute();
    for (const row of page) {
      const expectedSeq = count + 1;
      if (row.seq !== expectedSeq) return broken(count, expectedSeq, `sequence jumps to ${row.seq}`);
      if (row.prev_hash !== expectedPrev) return broken(count, row.seq, 'does not link to the previous row');
      const { seq, recorded_at: recordedAt, actor, action, subject, details } = row;
      if (chainHash(row.prev_hash, { seq, recordedAt, actor, action, subject, details }) !== row.hash) {
        return broken(count, row.seq, 'content does not match its hash');
      }
      expectedPrev = row.hash;
      count = row.seq;
    }
    if (page.length < VERIFY_PAGE_SIZE) return { intact: true, count, headHash: expectedPrev };
  }
}

function broken(count: number, brokenAt: number, reason: string): AuditVerification {
  return { intact: false, count, brokenAt, reason };
}

interface HashedContent {
  readonly seq: number;
  readonly recordedAt: Date;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: Readonly<Record<string, unknown>>;
}

function chainHash(prevHash: string, content: HashedContent): string {
  const body = canonicalJson({ ...content, recordedAt: content.recordedAt.toISOString() });
  return createHash('sha256').update(`${prevHash}\n${body}`, 'utf8').digest('hex');
}
