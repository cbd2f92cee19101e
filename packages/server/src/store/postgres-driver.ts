import pg from 'pg';
import { DriverKind, PG_TYPE_OIDS, type PooledConnection, parseDate, parseInt8, type SqlDriver } from './sql-driver.js';

export interface PostgresDriverOptions {
  readonly connectionString: string;
  readonly maxConnections?: number;
  /** How long a borrower may wait for a free connection before failing. */
  readonly connectionTimeoutMillis?: number;
  /**
   * How long a statement may wait for its answer (unset or 0: as long as TCP does). A database host
   * that silently drops packets would otherwise hold each request, and its connection, for minutes.
   */
  readonly queryTimeoutMs?: number;
}

/** What node-postgres says when a statement's answer did not come within query_timeout. */
export const QUERY_TIMEOUT_MESSAGE = 'Query read timeout';

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
      // A statement that timed out is still the connection's: anything asked after it (the
      // transaction's ROLLBACK first) would queue behind it and wait out a timeout of its own. The
      // connection is given up instead — refused here at once, and destroyed at release.
      const unlessLost = async <T>(ask: () => Promise<T>): Promise<T> => {
        if (lost) throw lost;
        try {
          return await ask();
        } catch (error) {
          if (error instanceof Error && error.message === QUERY_TIMEOUT_MESSAGE) lost = error;
          throw error;
        }
      };
      const timeout = options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {};
      return {
        query<Row>(text: string, params?: readonly unknown[]) {
          return unlessLost(async () => {
            const result = await client.query({ text, values: params ? [...params] : [], ...timeout });
            // Rows are untyped at this boundary; the typed layer (Kysely) above gives them their shape.
            return { rows: result.rows as Row[], affectedRows: result.rowCount ?? undefined };
          });
        },
        execute(script) {
          // Without parameters pg uses the simple query protocol, which allows several statements.
          // Transactions begin and end here: a COMMIT into silence must time out like any statement.
          return unlessLost(async () => {
            await client.query({ text: script, ...timeout });
          });
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
