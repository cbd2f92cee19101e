import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Regulation, Temporal } from '@ruqsat/core';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadLegalTime } from '../calendar/legal-time.js';
import { runCli } from '../cli/main.js';
import type { CliIo } from '../cli/output.js';
import { loadCatalogue } from '../regulations/catalogue.js';
import { openMigratedStore, type Store } from '../store/store.js';
import { TEST_BIN } from '../test-support/engine-driver.js';
import { openTestStore, TEST_DRIVERS } from '../test-support/test-store.js';
import { ApplicationService } from './application-service.js';
import { verifyApplicationChains } from './event-log.js';

const catalogue = await loadCatalogue();
const legalTime = await loadLegalTime();
const casino = catalogue.get('casino@2015-mcs-181') as Regulation;

async function submitOne(store: Store, applicationId: string): Promise<void> {
  const service = new ApplicationService(store.db, catalogue, legalTime, () =>
    Temporal.Instant.from('2026-03-02T05:00:00Z'),
  );
  await service.execute({
    applicationId,
    transactionId: `${applicationId}:submit`,
    regulationId: casino.id,
    command: {
      type: 'submit',
      requestKind: 'issue',
      channel: 'portal',
      applicant: { kind: 'legal_entity', id: TEST_BIN },
    },
    actor: { kind: 'applicant', userId: 'a', subjectId: TEST_BIN },
  });
}

/** What only someone with owner rights can do: switch the append-only trigger off and edit. */
async function tamper(store: Store, statement: ReturnType<typeof sql>): Promise<void> {
  await sql`ALTER TABLE application_events DISABLE TRIGGER application_events_append_only`.execute(store.db);
  await statement.execute(store.db);
  await sql`ALTER TABLE application_events ENABLE TRIGGER application_events_append_only`.execute(store.db);
}

describe.each(TEST_DRIVERS)('application event chains on %s', (driverKind) => {
  it('refuses UPDATE and DELETE of events in the database itself', async () => {
    const store = await openTestStore(driverKind);
    try {
      await submitOne(store, 'A-1');
      await expect(sql`UPDATE application_events SET actor = 'x'`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`DELETE FROM application_events`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`TRUNCATE application_events CASCADE`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`TRUNCATE audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
    } finally {
      await store.close();
    }
  });

  it('names the first edited or removed event of an application', async () => {
    const store = await openTestStore(driverKind);
    try {
      await submitOne(store, 'A-1');
      await submitOne(store, 'A-2');
      expect(await verifyApplicationChains(store.db)).toEqual({ intact: true, applications: 2, events: 4 });
      await tamper(
        store,
        sql`UPDATE application_events SET event = jsonb_set(event, '{termDue}', '"2027-01-01T00:00:00Z"') WHERE application_id = 'A-2' AND sequence = 1`,
      );
      expect(await verifyApplicationChains(store.db)).toMatchObject({
        intact: false,
        broken: [{ applicationId: 'A-2', sequence: 1, reason: 'content does not match its hash' }],
      });
      await tamper(store, sql`DELETE FROM application_events WHERE application_id = 'A-1' AND sequence = 2`);
      const verification = await verifyApplicationChains(store.db);
      expect(verification).toMatchObject({ intact: false });
      expect(verification.intact ? [] : verification.broken.map((b) => b.applicationId)).toEqual(['A-1', 'A-2']);
    } finally {
      await store.close();
    }
  });
});

describe.each(TEST_DRIVERS)('the read model against its events on %s', (driverKind) => {
  it('notices a read model edited behind the log’s back: the state, a column, the applicant', async () => {
    const store = await openTestStore(driverKind);
    try {
      for (const id of ['R-1', 'R-2', 'R-3', 'R-4']) await submitOne(store, id);
      expect(await verifyApplicationChains(store.db)).toMatchObject({ intact: true });
      // Nothing guards the read model's rows but verification; commands are decided from them.
      await sql`UPDATE applications SET state = jsonb_set(state, '{applicant,id}', '"990740000019"') WHERE id = 'R-1'`.execute(
        store.db,
      );
      await sql`UPDATE applications SET term_due = term_due + interval '30 days' WHERE id = 'R-2'`.execute(store.db);
      await sql`UPDATE applications SET applicant_id = '990740000019' WHERE id = 'R-3'`.execute(store.db);
      // Scheduling is not record: a sweep set aside for later is no tampering.
      await sql`UPDATE applications SET next_sweep_at = next_sweep_at + interval '1 hour' WHERE id = 'R-4'`.execute(
        store.db,
      );
      const verification = await verifyApplicationChains(store.db);
      expect(verification.intact ? [] : verification.broken).toEqual([
        { applicationId: 'R-1', sequence: 2, reason: "the read model's state differs from what its events say" },
        { applicationId: 'R-2', sequence: 2, reason: "the read model's term_due differs from what its events say" },
        {
          applicationId: 'R-3',
          sequence: 2,
          reason: "the read model's regulation or applicant differs from what its events say",
        },
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('ruqsat audit verify', () => {
  it('exits 0 on intact chains and 1 naming the tampered application', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-audit-'));
    const out: string[] = [];
    const io: CliIo = { out: (t) => void out.push(t), err: () => undefined, env: { DATA_DIR: dir } };
    try {
      const store = await openMigratedStore({ databaseUrl: undefined, dataDir: dir });
      await submitOne(store, 'A-9');
      await store.close();
      expect(await runCli(['audit', 'verify'], io)).toBe(0);
      expect(JSON.parse(out.join(''))).toMatchObject({
        auditLog: { intact: true },
        applications: { intact: true, events: 2 },
      });
      const again = await openMigratedStore({ databaseUrl: undefined, dataDir: dir });
      await tamper(again, sql`UPDATE application_events SET actor = 'someone else' WHERE sequence = 2`);
      await again.close();
      out.length = 0;
      expect(await runCli(['audit', 'verify'], io)).toBe(1);
      expect(JSON.parse(out.join(''))).toMatchObject({
        applications: { intact: false, broken: [{ applicationId: 'A-9', sequence: 2 }] },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
