import { randomBytes } from 'node:crypto';
import { withAdmin } from '../../test-support/test-store.js';

/** A PostgreSQL database of its own beside the one DATABASE_URL names, for servers run as processes. */
export interface ThrowawayDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

export async function createThrowawayDatabase(adminUrl: string): Promise<ThrowawayDatabase> {
  const name = `ruqsat_resilience_${randomBytes(5).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * Ends every connection to the database from outside, as a PostgreSQL restart does to its
 * clients (each backend gets SQLSTATE 57P01, admin_shutdown). Returns how many were ended.
 */
export async function terminateBackends(adminUrl: string, database: string): Promise<number> {
  const { rows } = await withAdmin(adminUrl, (client) =>
    client.query<{ ended: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    ),
  );
  return rows.filter((r) => r.ended).length;
}
