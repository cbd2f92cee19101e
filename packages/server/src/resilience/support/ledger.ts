import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { verifyApplicationChains } from '../../applications/event-log.js';
import { verifyAuditChain } from '../../audit/audit-log.js';
import { IN_MEMORY, openStore, type Store } from '../../store/store.js';
import { sleep } from './server-process.js';

/** What the database holds after a run, read from outside the servers, for the tests' verdicts. */
export interface Ledger {
  readonly applicationIds: readonly string[];
  /** Applications whose log holds other than exactly one `submitted` event. */
  readonly submittedOtherThanOnce: readonly { applicationId: string; submitted: number }[];
  readonly chains: Awaited<ReturnType<typeof verifyApplicationChains>>;
  readonly audit: Awaited<ReturnType<typeof verifyAuditChain>>;
  readonly outbox: { readonly total: number; readonly pending: number; readonly byKind: Record<string, number> };
  /** Notification messages of the outbox without exactly one notification row. */
  readonly notificationsOtherThanOnce: number;
  readonly emailDeliveries: number;
}

export async function openLedgerStore(databaseUrl: string): Promise<Store> {
  return openStore({ databaseUrl, dataDir: IN_MEMORY });
}

export async function readLedger(store: Store): Promise<Ledger> {
  const db = store.db;
  const applications = await db.selectFrom('applications').select('id').orderBy('id').execute();
  const submitted = await db
    .selectFrom('applications as a')
    .leftJoin('application_events as e', (join) =>
      join.onRef('e.application_id', '=', 'a.id').on('e.type', '=', 'submitted'),
    )
    .select(['a.id', (eb) => eb.fn.count<string>('e.sequence').as('n')])
    .groupBy('a.id')
    .execute();
  const outbox = await db
    .selectFrom('outbox')
    .select(['kind', sql<string>`count(*)`.as('n'), sql<string>`count(*) FILTER (WHERE done_at IS NULL)`.as('pending')])
    .groupBy('kind')
    .execute();
  const notified = await sql<{ n: string }>`
    SELECT count(*) AS n FROM outbox o
    WHERE o.kind IN ('notify_applicant', 'notify_role')
      AND (SELECT count(*) FROM notifications n WHERE n.outbox_id = o.id) <> 1`.execute(db);
  const deliveries = await db
    .selectFrom('email_deliveries')
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return {
    applicationIds: applications.map((a) => a.id),
    submittedOtherThanOnce: submitted
      .filter((s) => Number(s.n) !== 1)
      .map((s) => ({ applicationId: s.id, submitted: Number(s.n) })),
    chains: await verifyApplicationChains(db),
    audit: await verifyAuditChain(db),
    outbox: {
      total: outbox.reduce((sum, o) => sum + Number(o.n), 0),
      pending: outbox.reduce((sum, o) => sum + Number(o.pending), 0),
      byKind: Object.fromEntries(outbox.map((o) => [o.kind, Number(o.n)])),
    },
    notificationsOtherThanOnce: Number(notified.rows[0]?.n ?? 0),
    emailDeliveries: Number(deliveries.n),
  };
}

/** Waits until every outbox message is done (the servers' workers deliver them), or the time is up. */
export async function outboxDrained(store: Store, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await store.db
      .selectFrom('outbox')
      .select(sql<string>`count(*) FILTER (WHERE done_at IS NULL)`.as('pending'))
      .executeTakeFirstOrThrow();
    const pending = Number(row.pending);
    if (pending === 0 || Date.now() > deadline) return pending;
    await sleep(100);
  }
}

/** The e-mails the sink folders hold, by Message-ID: a message mailed twice shows up twice. */
export async function mailedMessages(dirs: readonly string[]): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  for (const dir of dirs) {
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const file of files.filter((f) => f.endsWith('.eml'))) {
      const eml = await readFile(path.join(dir, file), 'utf8');
      const id = /^Message-ID:\s*(\S+)/im.exec(eml)?.[1] ?? file;
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
  }
  return seen;
}
