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
  /**
   * Whether statements are prepared once per connection and then only bound and executed (on by
   * default). Off for a proxy in front of PostgreSQL that cannot keep a client's prepared
   * statements (a pooler in session mode can).
   */
  readonly preparedStatements?: boolean;
}

/** What node-postgres says when a statement's answer did not come within query_timeout. */
export const QUERY_TIMEOUT_MESSAGE = 'Query read timeout';

/** What PostgreSQL says when a prepared SELECT's columns changed under it (a migration added one). */
export const STALE_STATEMENT_MESSAGE = 'cached plan must not change result type';

/**
 * Past this many different statements, the rest run unprepared: each connection keeps what it
 * prepared. The code builds a few hundred; the texts that vary with a request vary with which of
 * the registry's filters it gives and with a page's length, not with what it asks for.
 */
const MAX_PREPARED_STATEMENTS = 2_000;

/**
 * The name each statement text is prepared under, the same on every connection of the pool; node-
 * postgres remembers per connection which names it has prepared there. A generation in the name
 * lets all be prepared afresh after the schema changed under them.
 */
class StatementNames {
  private readonly names = new Map<string, string>();
  /** Bumped when the schema changed under the prepared statements. */
  generation = 0;

  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= MAX_PREPARED_STATEMENTS) return known;
    const name = `ruqsat_${this.generation}_${this.names.size}`;
    this.names.set(text, name);
    return name;
  }

  /**
   * After a statement was found stale: every statement is prepared under a new name from now on,
   * on every connection — unless that happened already (one migration fails several at once).
   */
  renewAfter(staleName: string): void {
    if (!staleName.startsWith(`ruqsat_${this.generation}_`)) return;
    this.names.clear();
    this.generation++;
  }
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
  // Prepared, a statement is parsed and analysed once per connection rather than at every call:
  // for the short reads that make most of the traffic that is most of PostgreSQL's work.
  const statements = options.preparedStatements === false ? undefined : new StatementNames();
  /** The generation of names each connection prepared its statements under. */
  const preparedUnder = new WeakMap<pg.PoolClient, number>();

  return {
    kind: DriverKind.postgres,
    async acquire(): Promise<PooledConnection> {
      let client = await pool.connect();
      // A connection whose statements were prepared before the schema changed holds them for ever,
      // never to be used again: it is replaced rather than lent.
      while (statements && (preparedUnder.get(client) ?? statements.generation) < statements.generation) {
        client.release(true);
        client = await pool.connect();
      }
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
            const name = statements?.nameOf(text);
            if (name && statements && !preparedUnder.has(client)) preparedUnder.set(client, statements.generation);
            const values = params ? [...params] : [];
            try {
              const result = await client.query({ ...(name ? { name } : {}), text, values, ...timeout });
              // Rows are untyped at this boundary; the typed layer (Kysely) above gives them their shape.
              return { rows: result.rows as Row[], affectedRows: result.rowCount ?? undefined };
            } catch (error) {
              if (name && error instanceof Error && error.message === STALE_STATEMENT_MESSAGE) {
                // Another instance's migration changed a table under this pool's prepared
                // statements: this connection is given up, and every statement prepared afresh.
                lost = error;
                statements?.renewAfter(name);
              }
              throw error;
            }
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
