import { createHash } from 'node:crypto';
import { type ApplicationState, canonicalJson, type EngineEvent, replay } from '@ruqsat/core';
import type { Kysely, Transaction } from 'kysely';
import { GENESIS_HASH } from '../audit/audit-log.js';
import type { DatabaseSchema } from '../store/schema.js';
import { readModelColumns } from './read-model.js';

export interface StoredEvent {
  readonly sequence: number;
  /** The row's own columns, copies of the event's fields kept for queries; verification compares them. */
  readonly columns?: { readonly type: string; readonly at: Date; readonly actor: string };
  readonly transactionId: string;
  readonly event: EngineEvent;
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * The hash of one event: it covers the application, the sequence, the transaction and the event
 * in canonical JSON (RFC 8785), chained to the hash of the event before it.
 */
export function eventHash(
  prevHash: string,
  content: { applicationId: string; sequence: number; transactionId: string; event: EngineEvent },
): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(content)}`, 'utf8')
    .digest('hex');
}

/**
 * Appends events after `version` (the number of events already stored). The primary key
 * (application_id, sequence) makes a concurrent writer that read the same version fail here.
 */
export async function appendEvents(
  trx: Transaction<DatabaseSchema>,
  applicationId: string,
  version: number,
  prevHash: string,
  transactionId: string,
  events: readonly EngineEvent[],
): Promise<StoredEvent[]> {
  const stored: StoredEvent[] = [];
  let previous = prevHash;
  events.forEach((event, i) => {
    const sequence = version + i + 1;
    const hash = eventHash(previous, { applicationId, sequence, transactionId, event });
    stored.push({ sequence, transactionId, event, prevHash: previous, hash });
    previous = hash;
  });
  if (stored.length === 0) return stored;
  await trx
    .insertInto('application_events')
    .values(
      stored.map((s) => ({
        application_id: applicationId,
        sequence: s.sequence,
        type: s.event.type,
        at: new Date(s.event.at),
        actor: s.event.by,
        transaction_id: transactionId,
        event: canonicalJson(s.event),
        prev_hash: s.prevHash,
        hash: s.hash,
      })),
    )
    .execute();
  return stored;
}

export async function loadEvents(
  db: Kysely<DatabaseSchema> | Transaction<DatabaseSchema>,
  applicationId: string,
  fromSequence = 1,
): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('application_events')
    .select(['sequence', 'type', 'at', 'actor', 'transaction_id', 'event', 'prev_hash', 'hash'])
    .where('application_id', '=', applicationId)
    .where('sequence', '>=', fromSequence)
    .orderBy('sequence')
    .execute();
  return rows.map((r) => ({
    sequence: r.sequence,
    columns: { type: r.type, at: r.at, actor: r.actor },
    transactionId: r.transaction_id,
    event: r.event as unknown as EngineEvent,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

export async function lastHash(
  trx: Transaction<DatabaseSchema>,
  applicationId: string,
  version: number,
): Promise<string> {
  if (version === 0) return GENESIS_HASH;
  const row = await trx
    .selectFrom('application_events')
    .select('hash')
    .where('application_id', '=', applicationId)
    .where('sequence', '=', version)
    .executeTakeFirst();
  if (!row) throw new Error(`application ${applicationId} has no event ${version}`);
  return row.hash;
}

export type ChainsVerification =
  | { readonly intact: true; readonly applications: number; readonly events: number }
  | {
      readonly intact: false;
      readonly applications: number;
      readonly events: number;
      readonly broken: readonly { applicationId: string; sequence: number; reason: string }[];
    };

/**
 * Recomputes every application's chain and names the first broken event of each; then replays
 * the events and compares the read model with what they say, since commands are decided from it.
 */
export async function verifyApplicationChains(db: Kysely<DatabaseSchema>): Promise<ChainsVerification> {
  const rows = await db.selectFrom('applications').selectAll().orderBy('id').execute();
  const broken: { applicationId: string; sequence: number; reason: string }[] = [];
  let events = 0;
  for (const row of rows) {
    const stored = await loadEvents(db, row.id);
    events += stored.length;
    const problem = firstBreak(row.id, stored, row.version) ?? readModelDrift(row, stored);
    if (problem) broken.push({ applicationId: row.id, ...problem });
  }
  return broken.length === 0
    ? { intact: true, applications: rows.length, events }
    : { intact: false, applications: rows.length, events, broken };
}

/** Columns the read model must agree on with the replayed state (next_sweep_at is scheduling, not record). */
const RECORDED_COLUMNS = [
  'status',
  'current_step',
  'step_role',
  'assignee',
  'step_due',
  'step_overdue',
  'term_due',
  'term_overdue',
  'result',
  'closed_at',
  'version',
  'state',
] as const;

function readModelDrift(
  row: Record<string, unknown> & { id: string; state: unknown; regulation_id: string; applicant_id: string },
  stored: readonly StoredEvent[],
): { sequence: number; reason: string } | null {
  const replayed = replay(
    row.id,
    stored.map((s) => s.event),
  ) as ApplicationState | null;
  const at = { sequence: stored.length };
  if (!replayed) return { ...at, reason: 'the read model has no events behind it' };
  const expected: Record<string, unknown> = readModelColumns(replayed);
  const actual: Record<string, unknown> = { ...row, state: canonicalJson(row.state) };
  for (const column of RECORDED_COLUMNS) {
    if (!sameValue(expected[column], actual[column])) {
      return { ...at, reason: `the read model's ${column} differs from what its events say` };
    }
  }
  if (row.regulation_id !== replayed.regulationId || row.applicant_id !== replayed.applicant.id) {
    return { ...at, reason: "the read model's regulation or applicant differs from what its events say" };
  }
  return null;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : false;
  }
  return (a ?? null) === (b ?? null);
}

function firstBreak(
  applicationId: string,
  stored: readonly StoredEvent[],
  version: number,
): { sequence: number; reason: string } | null {
  let previous = GENESIS_HASH;
  for (const [i, s] of stored.entries()) {
    if (s.sequence !== i + 1) return { sequence: i + 1, reason: `sequence jumps to ${s.sequence}` };
    if (s.prevHash !== previous) return { sequence: s.sequence, reason: 'does not link to the previous event' };
    const expected = eventHash(previous, {
      applicationId,
      sequence: s.sequence,
      transactionId: s.transactionId,
      event: s.event,
    });
    if (expected !== s.hash) return { sequence: s.sequence, reason: 'content does not match its hash' };
    const columns = s.columns;
    if (
      columns &&
      (columns.type !== s.event.type || columns.actor !== s.event.by || columns.at.getTime() !== Date.parse(s.event.at))
    ) {
      return { sequence: s.sequence, reason: 'its columns disagree with the hashed event' };
    }
    previous = s.hash;
  }
  if (stored.length !== version) {
    return {
      sequence: stored.length + 1,
      reason: `the read model is at version ${version}, the log has ${stored.length} events`,
    };
  }
  return null;
}
