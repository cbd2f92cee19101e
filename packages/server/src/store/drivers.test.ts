import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, TEST_DRIVERS } from '../test-support/test-store.js';
import { withConnection } from './sql-driver.js';
import type { Store } from './store.js';

describe.each(TEST_DRIVERS)('%s driver', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
    await withConnection(store.driver, (c) =>
      c.execute('CREATE TABLE parity (id bigint PRIMARY KEY, amount numeric(18,2), at timestamptz, doc jsonb)'),
    );
  });
  afterAll(async () => store.close());

  it('reports its kind', () => {
    expect(store.driver.kind).toBe(kind);
  });

  it('returns the same JavaScript types for the same SQL types as the other driver', async () => {
    const at = new Date('2026-03-01T04:05:06.789Z');
    await withConnection(store.driver, (c) =>
      c.query('INSERT INTO parity VALUES ($1, $2, $3, $4)', [9_007_199_254_740_991, '12345.60', at, { a: [1, 'ә'] }]),
    );
    const { rows } = await withConnection(store.driver, (c) =>
      c.query('SELECT * FROM parity WHERE id = $1', [9_007_199_254_740_991]),
    );
    expect(rows).toEqual([{ id: 9_007_199_254_740_991, amount: '12345.60', at, doc: { a: [1, 'ә'] } }]);
  });

  it('reads a date as midnight UTC of that date even when the process runs in Almaty time', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Almaty';
    try {
      const { rows } = await withConnection(store.driver, (c) => c.query("SELECT '2026-03-02'::date AS day"));
      expect((rows[0] as { day: Date }).day.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('refuses an int8 past 2^53 instead of rounding it', async () => {
    await expect(
      withConnection(store.driver, (c) => c.query("SELECT '9007199254740993'::bigint AS big")),
    ).rejects.toThrow(/safe integer/);
  });

  it('reports affected rows', async () => {
    const result = await withConnection(store.driver, (c) => c.query('UPDATE parity SET amount = amount + 1'));
    expect(result.affectedRows).toBe(1);
  });

  it('rolls a failed transaction back whole: nothing half-written', async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO parity (id) VALUES (1)`.execute(trx);
        await sql`INSERT INTO parity (id) VALUES (1)`.execute(trx); // duplicate key
      }),
    ).rejects.toThrow();
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM parity WHERE id = 1`.execute(store.db);
    expect(rows[0]?.n).toBe(0);
  });

  it('keeps concurrent transactions apart', async () => {
    // Each transaction reads the counter and writes it back incremented; interleaving would lose updates.
    await sql`INSERT INTO parity (id, amount) VALUES (2, 0)`.execute(store.db);
    await Promise.all(
      Array.from({ length: 10 }, () =>
        store.db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ amount: string }>`SELECT amount FROM parity WHERE id = 2 FOR UPDATE`.execute(
            trx,
          );
          await sql`UPDATE parity SET amount = ${Number(rows[0]?.amount) + 1} WHERE id = 2`.execute(trx);
        }),
      ),
    );
    const { rows } = await sql<{ amount: string }>`SELECT amount FROM parity WHERE id = 2`.execute(store.db);
    expect(rows[0]?.amount).toBe('10.00');
  });

  it('runs multi-statement scripts', async () => {
    await withConnection(store.driver, (c) =>
      c.execute('CREATE TABLE s1 (x int); INSERT INTO s1 VALUES (1); INSERT INTO s1 VALUES (2);'),
    );
    const { rows } = await sql<{ n: number }>`SELECT sum(x)::int8 AS n FROM s1`.execute(store.db);
    expect(rows[0]?.n).toBe(3);
  });
});
