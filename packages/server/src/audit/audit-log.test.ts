import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { openTestStore, TEST_DRIVERS } from '../test-support/test-store.js';
import { appendAudit, GENESIS_HASH, verifyAuditChain } from './audit-log.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 9, minute));

describe.each(TEST_DRIVERS)('audit log on %s', (kind) => {
  let store: Store;
  beforeEach(async () => {
    store = await openTestStore(kind);
  });
  afterEach(async () => store.close());

  const append = (n: number) =>
    store.db.transaction().execute((trx) =>
      appendAudit(
        trx,
        {
          actor: `officer-${n}`,
          action: 'application.registered',
          subject: `app-${n}`,
          details: { n, note: 'қабылданды' },
        },
        at(n),
      ),
    );

  it('chains each entry to the one before it', async () => {
    const first = await append(1);
    const second = await append(2);
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(await verifyAuditChain(store.db)).toEqual({ intact: true, count: 2, headHash: second.hash });
  });

  it('verifies an empty log as intact', async () => {
    expect(await verifyAuditChain(store.db)).toEqual({ intact: true, count: 0, headHash: GENESIS_HASH });
  });

  it('keeps sequence numbers gapless under concurrent appends', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => append(i)));
    const verification = await verifyAuditChain(store.db);
    expect(verification).toMatchObject({ intact: true, count: 20 });
  });

  it('writes nothing when the surrounding transaction fails', async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await appendAudit(trx, { actor: 'a', action: 'b', subject: 'c' }, at(1));
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await verifyAuditChain(store.db)).toMatchObject({ count: 0 });
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    await append(1);
    await expect(sql`UPDATE audit_log SET actor = 'someone else'`.execute(store.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
  });

  it('names the first row an owner edited behind the application’s back', async () => {
    for (let n = 1; n <= 5; n++) await append(n);
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(store.db);
    await sql`UPDATE audit_log SET details = '{"n": 3, "note": "өзгертілді"}' WHERE seq = 3`.execute(store.db);
    expect(await verifyAuditChain(store.db)).toEqual({
      intact: false,
      count: 2,
      brokenAt: 3,
      reason: 'content does not match its hash',
    });
  });

  it('notices a removed row', async () => {
    for (let n = 1; n <= 4; n++) await append(n);
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(store.db);
    await sql`DELETE FROM audit_log WHERE seq = 2`.execute(store.db);
    expect(await verifyAuditChain(store.db)).toMatchObject({ intact: false, brokenAt: 2 });
  });
});
