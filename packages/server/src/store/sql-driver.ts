/**
 * The one interface both databases sit behind. Everything above it (Kysely, the migrator, the
 * audit log) is written once and runs unchanged on real PostgreSQL and on embedded PGlite.
 */
export const DriverKind = { postgres: 'postgres', pglite: 'pglite' } as const;
export type DriverKind = (typeof DriverKind)[keyof typeof DriverKind];

export interface SqlResult<Row> {
  readonly rows: Row[];
  /** Rows inserted, updated or deleted; undefined for statements that report none. */
  readonly affectedRows: number | undefined;
}

/** One session with the database, held exclusively by its borrower until released. */
export interface SqlConnection {
  /** One statement with $1… parameters (extended protocol). */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<Row>>;
  /** Several statements without parameters (simple protocol), as in a migration file. */
  execute(script: string): Promise<void>;
}

export interface PooledConnection extends SqlConnection {
  release(): void;
}

export interface SqlDriver {
  readonly kind: DriverKind;
  /** Borrows a connection; the caller must release it (see withConnection). */
  acquire(): Promise<PooledConnection>;
  close(): Promise<void>;
}

export async function withConnection<T>(
  driver: SqlDriver,
  work: (connection: SqlConnection) => Promise<T>,
): Promise<T> {
  const connection = await driver.acquire();
  try {
    return await work(connection);
  } finally {
    connection.release();
  }
}

/**
 * Both drivers return the same JavaScript types for the same SQL types: int8 as number (refusing
 * values past 2^53 rather than rounding them), numeric as string (exact decimals), timestamptz as
 * Date, json/jsonb parsed. The driver-parity test holds both to this.
 */
export const PG_TYPE_OIDS = { int8: 20, numeric: 1700, date: 1082 } as const;

/**
 * A `date` as midnight UTC of that date, on every driver and whatever the server's time zone:
 * `pg` would make it local midnight, and a process in Almaty time would read every date a day early.
 */
export function parseDate(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
}

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} is outside the safe integer range`);
  }
  return value;
}
