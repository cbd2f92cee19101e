import type { ColumnType } from 'kysely';

/** Tables as Kysely sees them; kept in step with migrations/ (the driver-parity test reads both). */
export interface DatabaseSchema {
  schema_migrations: SchemaMigrationsTable;
  audit_log: AuditLogTable;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: ColumnType<Date, never, never>;
}

export interface AuditLogTable {
  seq: number;
  recorded_at: Date;
  actor: string;
  action: string;
  subject: string;
  details: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}
