import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { DriverKind, PG_TYPE_OIDS, type PooledConnection, parseDate, parseInt8, type SqlDriver } from './sql-driver.js';

export interface PgliteDriverOptions {
  /** A directory for the data files, or undefined for an in-memory database (tests). */
  readonly dataDir: string | undefined;
}

/**
 * Embedded PostgreSQL (PGlite, compiled to WebAssembly) so that `npm start` needs no server.
 * PGlite is a single session, so a borrower holds it exclusively: a transaction on it can never
 * interleave with another caller's statements.
 */
export async function createPgliteDriver(options: PgliteDriverOptions): Promise<SqlDriver> {
  const pglite = await PGlite.create({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    // The registry's name search uses trigram indexes, as it does on PostgreSQL.
    extensions: { pg_trgm },
    parsers: {
      [PG_TYPE_OIDS.int8]: parseInt8,
      [PG_TYPE_OIDS.numeric]: (text: string) => text,
      [PG_TYPE_OIDS.date]: parseDate,
    },
  });
  const lock = new ExclusiveLock();

  return {
    kind: DriverKind.pglite,
    async acquire(): Promise<PooledConnection> {
      const unlock = await lock.acquire();
      let released = false;
      return {
        async query<Row>(text: string, params?: readonly unknown[]) {
          const result = await pglite.query<Row>(text, params ? [...params] : []);
          return { rows: result.rows, affectedRows: result.affectedRows };
        },
        async execute(script) {
          await pglite.exec(script);
        },
        release() {
          if (released) return;
          released = true;
          unlock();
        },
      };
    },
    async close() {
      const unlock = await lock.acquire();
      try {
        await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}

/** A first-come, first-served async mutex. */
class ExclusiveLock {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let unlock!: () => void;
    const held = new Promise<void>((resolve) => {
      unlock = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => held);
    return previous.then(() => unlock);
  }
}
