import { formatLicenceNumber } from '@ruqsat/core';
import { type Kysely, sql } from 'kysely';
import type { DatabaseSchema } from '../store/schema.js';

/**
 * The registry's numbers, drawn from PostgreSQL sequences: central and unique across every
 * instance; not gapless (a number drawn by a transaction that then failed is not reused).
 */
async function nextSerial(db: Kysely<DatabaseSchema>, sequence: 'licence_serial' | 'outgoing_letter_serial') {
  const { rows } = await sql<{ serial: string | number }>`SELECT nextval(${sequence}) AS serial`.execute(db);
  return Number(rows[0]?.serial);
}

/** A new licence number of the year of `issuedOn` (YYYY-MM-DD). */
export async function nextLicenceNumber(db: Kysely<DatabaseSchema>, issuedOn: string): Promise<string> {
  return formatLicenceNumber({ year: Number(issuedOn.slice(0, 4)), serial: await nextSerial(db, 'licence_serial') });
}

/** Outgoing letters are numbered `ШЫҒ-2026-000123`: the state language's «шығыс», the year, a serial. */
export async function nextOutgoingNumber(db: Kysely<DatabaseSchema>, issuedOn: string): Promise<string> {
  const serial = await nextSerial(db, 'outgoing_letter_serial');
  return `ШЫҒ-${issuedOn.slice(0, 4)}-${String(serial).padStart(6, '0')}`;
}
