import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Kysely } from 'kysely';
import { SqlDriverDialect } from './kysely-dialect.js';
import { loadMigrations, type Migration, migrate } from './migrations.js';
import { createPgliteDriver } from './pglite-driver.js';
import { createPostgresDriver } from './postgres-driver.js';
import type { DatabaseSchema } from './schema.js';
import type { SqlDriver } from './sql-driver.js';

export interface StoreConfig {
  /** postgres://… for real PostgreSQL; undefined for embedded PGlite. */
  readonly databaseUrl: string | undefined;
  /** Where PGlite keeps its files; "memory" keeps them in memory (tests). */
  readonly dataDir: string;
  /** PostgreSQL only: how long a statement may wait for its answer; unset, as long as TCP does. */
  readonly queryTimeoutMs?: number;
  /** PostgreSQL only: whether statements are prepared once per connection (the default). */
  readonly preparedStatements?: boolean;
}

export interface Store {
  readonly driver: SqlDriver;
  readonly db: Kysely<DatabaseSchema>;
  readonly migrations: readonly Migration[];
  close(): Promise<void>;
}

export const IN_MEMORY = 'memory';

export async function openStore(config: StoreConfig): Promise<Store> {
  const migrations = await loadMigrations();
  const driver = await openDriver(config);
  const db = new Kysely<DatabaseSchema>({ dialect: new SqlDriverDialect(driver) });
  return {
    driver,
    db,
    migrations,
    async close() {
      await db.destroy();
      await driver.close();
    },
  };
}

/** Opens the store and brings its schema up to date, as the server does at start-up. */
export async function openMigratedStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl && config.queryTimeoutMs) {
    // Migrations may rightly take longer than a statement may (an index over a big table, the
    // wait for another instance's migrations): they run on connections of their own, untimed.
    const migrating = await openMigratedStore({ ...config, queryTimeoutMs: undefined });
    await migrating.close();
    return openStore(config);
  }
  const store = await openStore(config);
  try {
    await migrate(store.driver, store.migrations);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function openDriver(config: StoreConfig): Promise<SqlDriver> {
  if (config.databaseUrl) {
    return createPostgresDriver({
      connectionString: config.databaseUrl,
      queryTimeoutMs: config.queryTimeoutMs,
      preparedStatements: config.preparedStatements,
    });
  }
  if (config.dataDir === IN_MEMORY) return createPgliteDriver({ dataDir: undefined });
  const dir = path.resolve(config.dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  return createPgliteDriver({ dataDir: dir });
}
