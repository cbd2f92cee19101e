import { sql } from 'kysely';

/**
 * A date parameter compared with a `date` column as a date, whatever the session's time zone
 * (`YYYY-MM-DD`, or anything whose string form is, such as a Temporal.PlainDate).
 */
export function dateParam(date: string | { toString(): string }) {
  return sql<Date>`${date.toString()}::date`;
}

/** A `date` column's value (midnight UTC of the date, as both drivers read it) as `YYYY-MM-DD`. */
export function isoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** Whether the database refused a row as a duplicate of a unique key (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
