import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropTestDatabase, freshPostgresDatabase, openTestStore, TEST_DRIVERS } from '../test-support/test-store.js';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { createPostgresDriver, QUERY_TIMEOUT_MESSAGE, STALE_STATEMENT_MESSAGE } from './postgres-driver.js';
import { type PooledConnection, withConnection } from './sql-driver.js';
import type { Store } from './store.js';
import { openMigratedStore } from './store.js';

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

describe.skipIf(!process.env.DATABASE_URL)('the PostgreSQL driver with a query timeout', () => {
  it('gives a statement up after its timeout, as the database being unavailable, and the connection with it', async () => {
    const driver = createPostgresDriver({ connectionString: process.env.DATABASE_URL as string, queryTimeoutMs: 300 });
    try {
      const connection = await driver.acquire();
      const startedAt = Date.now();
      const slow = await connection.query('SELECT pg_sleep(5)').catch((error: unknown) => error);
      expect(Date.now() - startedAt).toBeLessThan(2_000);
      expect(slow).toBeInstanceOf(Error);
      expect((slow as Error).message).toBe(QUERY_TIMEOUT_MESSAGE);
      expect(isDatabaseUnavailable(slow)).toBe(true);
      // The statement is still the connection's: what comes next is refused at once, not queued behind it.
      const next = Date.now();
      await expect(connection.query('SELECT 1')).rejects.toThrow(QUERY_TIMEOUT_MESSAGE);
      await expect(connection.execute('ROLLBACK')).rejects.toThrow(QUERY_TIMEOUT_MESSAGE);
      expect(Date.now() - next).toBeLessThan(100);
      connection.release();
      // Given back as broken, it is replaced: the pool answers again.
      const { rows } = await withConnection(driver, (c) => c.query<{ one: number }>('SELECT 1 AS one'));
      expect(rows).toEqual([{ one: 1 }]);
      // A script too: BEGIN and COMMIT are scripts, and a COMMIT into silence must not wait for ever.
      await expect(withConnection(driver, (c) => c.execute('SELECT pg_sleep(5)'))).rejects.toThrow(
        QUERY_TIMEOUT_MESSAGE,
      );
    } finally {
      await driver.close();
    }
  });

  it('migrates untimed, then serves timed: a migration may take longer than a statement may', async () => {
    const config = await freshPostgresDatabase();
    // 5 ms: less than the migrations take, more than a statement's round trip.
    const store = await openMigratedStore({ ...config, queryTimeoutMs: 5 });
    try {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM schema_migrations`.execute(store.db);
      expect(rows[0]?.n).toBe(store.migrations.length);
      await expect(sql`SELECT pg_sleep(0.2)`.execute(store.db)).rejects.toThrow(QUERY_TIMEOUT_MESSAGE);
    } finally {
      await store.close();
      await dropTestDatabase(config.databaseUrl as string);
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('the PostgreSQL driver’s prepared statements', () => {
  let config: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  beforeAll(async () => {
    config = await freshPostgresDatabase();
  });
  afterAll(async () => dropTestDatabase(config.databaseUrl as string));

  const preparedHere = (c: PooledConnection) =>
    c.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY statement');

  it('prepares a statement once on each connection, and runs it unprepared when told to', async () => {
    for (const preparedStatements of [true, false]) {
      const driver = createPostgresDriver({ connectionString: config.databaseUrl as string, preparedStatements });
      try {
        const connection = await driver.acquire();
        const ask = 'SELECT $1::int + 1 AS two';
        for (let i = 0; i < 3; i++) expect((await connection.query(ask, [1])).rows).toEqual([{ two: 2 }]);
        expect((await preparedHere(connection)).rows.map((r) => r.statement)).toEqual(
          preparedStatements
            ? ['SELECT $1::int + 1 AS two', 'SELECT statement FROM pg_prepared_statements ORDER BY statement']
            : [],
        );
        connection.release();
      } finally {
        await driver.close();
      }
    }
  });

  it('prepares afresh, on every connection, once a migration has changed a table under them', async () => {
    const driver = createPostgresDriver({ connectionString: config.databaseUrl as string });
    const namesPrepared = (c: PooledConnection) =>
      c.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name');
    try {
      await withConnection(driver, (c) => c.execute('CREATE TABLE moving (a int); INSERT INTO moving VALUES (1)'));
      const lent = [await driver.acquire(), await driver.acquire(), await driver.acquire()];
      const [first, second, third] = lent as [PooledConnection, PooledConnection, PooledConnection];
      for (const c of lent) expect((await c.query('SELECT * FROM moving')).rows).toEqual([{ a: 1 }]);
      // Another instance migrates: the prepared SELECT * now has a column more than it was planned with.
      const other = createPostgresDriver({ connectionString: config.databaseUrl as string });
      await withConnection(other, (c) => c.execute('ALTER TABLE moving ADD COLUMN b int DEFAULT 2'));
      await other.close();
      // Two fail at once, as they would under load; the statements are renamed once, not twice.
      const stale = await Promise.all([first, second].map((c) => c.query('SELECT * FROM moving').catch((e) => e)));
      for (const error of stale) {
        expect((error as Error).message).toBe(STALE_STATEMENT_MESSAGE);
        expect(isDatabaseUnavailable(error)).toBe(true); // answered 503: the request may be repeated
      }
      first.release(); // given up as lost, and its prepared statements with it
      second.release();
      // A connection that prepared the old statement too prepares it afresh, under the next name.
      expect((await third.query('SELECT * FROM moving')).rows).toEqual([{ a: 1, b: 2 }]);
      // (the last is the question itself)
      expect((await namesPrepared(third)).rows.map((r) => r.name)).toEqual(['ruqsat_0_0', 'ruqsat_1_0', 'ruqsat_1_1']);
      third.release();
      // Given back, it is not lent again with the statement it will never use: a fresh one is.
      const fresh = await driver.acquire();
      expect((await fresh.query('SELECT * FROM moving')).rows).toEqual([{ a: 1, b: 2 }]);
      expect((await namesPrepared(fresh)).rows.map((r) => r.name)).toEqual(['ruqsat_1_0', 'ruqsat_1_1']);
      fresh.release();
    } finally {
      await driver.close();
    }
  });
});
