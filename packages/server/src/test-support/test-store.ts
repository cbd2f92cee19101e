import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DriverKind } from '../store/sql-driver.js';
import { IN_MEMORY, openMigratedStore, openStore, type Store, type StoreConfig } from '../store/store.js';

/**
 * The database suites run on every driver available: embedded PGlite always, real PostgreSQL when
 * DATABASE_URL is set (CI sets it). Each PostgreSQL store gets a database of its own, dropped on close.
 */
export const TEST_DRIVERS: readonly DriverKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestStoreOptions {
  readonly migrated?: boolean;
}

export async function openTestStore(kind: DriverKind, options: TestStoreOptions = {}): Promise<Store> {
  const config = kind === 'postgres' ? await freshPostgresDatabase() : { databaseUrl: undefined, dataDir: IN_MEMORY };
  const store = options.migrated === false ? await openStore(config) : await openMigratedStore(config);
  return {
    ...store,
    async close() {
      await store.close();
      if (config.databaseUrl) await dropTestDatabase(config.databaseUrl);
    },
  };
}

export async function freshPostgresDatabase(): Promise<StoreConfig> {
  const adminUrl = requiredDatabaseUrl();
  const name = `ruqsat_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString(), dataDir: IN_MEMORY };
}

export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await withAdmin(requiredDatabaseUrl(), (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

function requiredDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  return url;
}

/** Runs `work` on a client of its own to the server `url` names (creating and dropping databases). */
export async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
