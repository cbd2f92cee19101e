import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { PooledConnection, SqlDriver } from './sql-driver.js';

/** Kysely on top of our SqlDriver, so the typed query layer is one piece of code for both databases. */
export class SqlDriverDialect implements Dialect {
  readonly #driver: SqlDriver;

  constructor(driver: SqlDriver) {
    this.#driver = driver;
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new KyselyDriver(this.#driver);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

class KyselyConnection implements DatabaseConnection {
  readonly pooled: PooledConnection;

  constructor(pooled: PooledConnection) {
    this.pooled = pooled;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pooled.query<R>(compiled.sql, compiled.parameters);
    return result.affectedRows === undefined
      ? { rows: result.rows }
      : { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) };
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered by either driver; the method must exist.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported; page with LIMIT/keyset instead');
  }
}

class KyselyDriver implements Driver {
  readonly #driver: SqlDriver;

  constructor(driver: SqlDriver) {
    this.#driver = driver;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new KyselyConnection(await this.#driver.acquire());
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` ISOLATION LEVEL ${settings.isolationLevel.toUpperCase()}` : '';
    const access = settings.accessMode ? ` ${settings.accessMode.toUpperCase()}` : '';
    await asOurs(connection).pooled.execute(`BEGIN${isolation}${access}`);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await asOurs(connection).pooled.execute('COMMIT');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await asOurs(connection).pooled.execute('ROLLBACK');
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    asOurs(connection).pooled.release();
  }

  // The SqlDriver's owner closes it; Kysely.destroy() must not close a driver it did not open.
  async destroy(): Promise<void> {}
}

function asOurs(connection: DatabaseConnection): KyselyConnection {
  if (!(connection instanceof KyselyConnection)) throw new TypeError('foreign connection handed to the Ruqsat driver');
  return connection;
}
