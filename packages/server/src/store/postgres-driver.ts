import pg from 'pg';
import { DriverKind, PG_TYPE_OIDS, type PooledConnection, parseDate, parseInt8, type SqlDriver } from './sql-driver.js';

export interface PostgresDriverOptions {
  readonly connectionString: string;
  readonly maxConnections?: number;
  /** How long a borrower may wait for a free connection before failing. */
  readonly connectionTimeoutMillis?: number;
}

/** Real PostgreSQL through a pg connection pool. */
export function createPostgresDriver(options: PostgresDriverOptions): SqlDriver {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === PG_TYPE_OIDS.int8) return parseInt8;
      if (oid === PG_TYPE_OIDS.date) return parseDate;
      return pg.types.getTypeParser(oid, format ?? 'text');
    }) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    types,
  });
  // An idle client that loses its server emits here; without a listener the process would crash.
  pool.on('error', () => {});

  return {
    kind: DriverKind.postgres,
    async acquire(): Promise<PooledConnection> {
      const client = await pool.connect();
      // The pool listens for errors of idle clients only. A connection lost while this one is lent
      // out (PostgreSQL restarted, a backend terminated, the network cut) emits 'error' on the
      // client: unheard, it would crash the process. Heard, the query in flight fails as usual,
      // and the client is given back as broken so that the pool replaces it.
      let lost: Error | undefined;
      const onError = (error: Error) => {
        lost = error;
      };
      client.on('error', onError);
      return {
        async query<Row>(text: string, params?: readonly unknown[]) {
          const result = await client.query(text, params ? [...params] : []);
          // Rows are untyped at this boundary; the typed layer (Kysely) above gives them their shape.
          return { rows: result.rows as Row[], affectedRows: result.rowCount ?? undefined };
        },
        async execute(script) {
          // Without parameters pg uses the simple query protocol, which allows several statements.
          await client.query(script);
        },
        release() {
          client.off('error', onError);
          client.release(lost);
        },
      };
    },
    async close() {
      await pool.end();
    },
  };
}
