import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { type SqlConnection, type SqlDriver, withConnection } from './sql-driver.js';

/** migrations/ beside src/ and dist/, so the same path works from sources and from the build. */
export const MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url);

export interface Migration {
  /** Four digits, e.g. "0001"; applied in this order. */
  readonly version: string;
  readonly name: string;
  readonly sql: string;
  /** SHA-256 of the file, recorded when applied: an applied migration must never be edited. */
  readonly checksum: string;
}

export interface MigrationStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
  /** Applied to the database but unknown to this build: the database is ahead of the code. */
  readonly unknown: readonly string[];
  /** Applied, but the file has changed since. */
  readonly drifted: readonly string[];
}

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// One constant key: every instance that starts at once queues on it, and one of them migrates.
const MIGRATION_LOCK_KEY = 7_215_690_001;

export async function loadMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const fileName of names) {
    const match = FILE_NAME.exec(fileName);
    if (!match?.[1] || !match[2])
      throw new MigrationError(`migration file name ${fileName} is not NNNN_snake_name.sql`);
    const sql = await readFile(new URL(fileName, dir), 'utf8');
    if (migrations.some((m) => m.version === match[1]))
      throw new MigrationError(`two migrations share version ${match[1]}`);
    migrations.push({ version: match[1], name: match[2], sql, checksum: sha256(sql) });
  }
  return migrations;
}

export async function migrationStatus(driver: SqlDriver, migrations: readonly Migration[]): Promise<MigrationStatus> {
  return withConnection(driver, async (connection) => statusOn(connection, migrations));
}

/**
 * Applies pending migrations, each in its own transaction together with its schema_migrations row,
 * under an advisory lock so that instances starting together do not race. Refuses to run when the
 * database holds migrations this build does not know or an applied file was edited.
 */
export async function migrate(driver: SqlDriver, migrations: readonly Migration[]): Promise<string[]> {
  return withConnection(driver, async (connection) => {
    await connection.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await ensureMigrationsTable(connection);
      const status = await statusOn(connection, migrations);
      if (status.unknown.length > 0) {
        throw new MigrationError(`database has migrations this build does not know: ${status.unknown.join(', ')}`);
      }
      if (status.drifted.length > 0) {
        throw new MigrationError(`applied migrations were edited afterwards: ${status.drifted.join(', ')}`);
      }
      for (const version of status.pending) {
        const migration = migrations.find((m) => m.version === version);
        if (migration) await applyOne(connection, migration);
      }
      return [...status.pending];
    } finally {
      await connection.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}

async function applyOne(connection: SqlConnection, migration: Migration): Promise<void> {
  await connection.execute('BEGIN');
  try {
    await connection.execute(migration.sql);
    await connection.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
      migration.version,
      migration.name,
      migration.checksum,
    ]);
    await connection.execute('COMMIT');
  } catch (error) {
    await connection.execute('ROLLBACK');
    throw new MigrationError(`migration ${migration.version}_${migration.name} failed: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

async function ensureMigrationsTable(connection: SqlConnection): Promise<void> {
  await connection.execute(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    text        PRIMARY KEY,
      name       text        NOT NULL,
      checksum   text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
}

async function statusOn(connection: SqlConnection, migrations: readonly Migration[]): Promise<MigrationStatus> {
  const exists = await connection.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  const rows = exists.rows[0]?.present
    ? (await connection.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migrations'))
        .rows
    : [];
  const appliedChecksums = new Map(rows.map((row) => [row.version, row.checksum]));
  const known = new Set(migrations.map((m) => m.version));
  return {
    applied: migrations.filter((m) => appliedChecksums.has(m.version)).map((m) => m.version),
    pending: migrations.filter((m) => !appliedChecksums.has(m.version)).map((m) => m.version),
    unknown: [...appliedChecksums.keys()].filter((version) => !known.has(version)).sort(),
    drifted: migrations
      .filter((m) => appliedChecksums.has(m.version) && appliedChecksums.get(m.version) !== m.checksum)
      .map((m) => m.version),
  };
}

export function isUpToDate(status: MigrationStatus): boolean {
  return status.pending.length === 0 && status.unknown.length === 0 && status.drifted.length === 0;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
