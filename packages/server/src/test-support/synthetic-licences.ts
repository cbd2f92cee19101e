import { type Kysely, sql } from 'kysely';
import type { DatabaseSchema } from '../store/schema.js';

/** Words company names are made of, so that name fragments match as they would in a real registry. */
const NAME_WORDS = [
  'Алтын',
  'Қазақ',
  'Әділет',
  'Ғарыш',
  'Құрылыс',
  'Өнер',
  'Ұлттық',
  'Үміт',
  'Іскер',
  'Дала',
  'Тау',
  'Жібек',
  'Номад',
  'Астана',
  'Алматы',
  'Сервис',
  'Транс',
  'Мұнай',
  'Энерго',
  'Телеком',
] as const;

/**
 * Fills the registry with `count` synthetic licences for load tests and the benchmark, in one
 * statement per batch (generate_series), numbered after the real ones with valid check digits.
 * Holders are companies with made-up BINs, a tenth of them individuals whose names the registry
 * masks. Never run against a production database: the rows are not licences anyone was issued.
 */
export async function seedSyntheticLicences(
  db: Kysely<DatabaseSchema>,
  options: {
    readonly count: number;
    readonly services: readonly { serviceId: string; regulationId: string; authorityId: string }[];
  },
  batch = 50_000,
): Promise<void> {
  const services = options.services;
  if (services.length === 0) throw new Error('synthetic licences need at least one service');
  const words = sql.raw(`ARRAY[${NAME_WORDS.map((w) => `'${w}'`).join(',')}]`);
  const serviceIds = sql.raw(`ARRAY[${services.map((s) => `'${s.serviceId}'`).join(',')}]`);
  const regulationIds = sql.raw(`ARRAY[${services.map((s) => `'${s.regulationId}'`).join(',')}]`);
  const authorityIds = sql.raw(`ARRAY[${services.map((s) => `'${s.authorityId}'`).join(',')}]`);
  for (let from = 1; from <= options.count; from += batch) {
    const to = Math.min(options.count, from + batch - 1);
    const { rows } = await sql<{ serial: string | number }>`SELECT nextval('licence_serial') AS serial`.execute(db);
    const base = Number(rows[0]?.serial) - from;
    // The licence numbers' serials are drawn from the registry's own sequence, so real issues after
    // the seeding never collide with a synthetic number.
    await sql`SELECT setval('licence_serial', ${base + to})`.execute(db);
    // lower() folds Cyrillic as the application's toLowerCase does (a UTF-8 database; the registry test checks it).
    await sql`
      WITH inserted AS (
      INSERT INTO licences (number, service_id, regulation_id, authority_id, holder_kind, holder_id, holder_name,
        public_name, subtypes, places, status, first_issued_on, issued_by_application, current_document_id,
        version, updated_at)
      SELECT
        'KZ' || yy || '-' || lpad(serial::text, 8, '0') || '-' ||
          lpad((98 - (('2035' || yy || lpad(serial::text, 8, '0') || '00')::numeric % 97))::text, 2, '0'),
        (${serviceIds})[1 + i % ${services.length}],
        (${regulationIds})[1 + i % ${services.length}],
        (${authorityIds})[1 + i % ${services.length}],
        CASE WHEN i % 10 = 0 THEN 'individual' ELSE 'legal_entity' END,
        lpad(((i::bigint * 7919) % 1000000000000)::text, 12, '0'),
        name,
        CASE WHEN i % 10 = 0 THEN left(name, 1) || '.' ELSE name END,
        '[]', '[]',
        CASE WHEN i % 50 = 0 THEN 'terminated' WHEN i % 23 = 0 THEN 'suspended' ELSE 'active' END,
        make_date(2000 + yy::int, 1 + i % 12, 1 + i % 28),
        'SYNTHETIC-' || i, 'synthetic-' || i, 1, now()
      FROM (
        SELECT i, ${base} + i AS serial, lpad((10 + i % 17)::text, 2, '0') AS yy,
          'ЖШС «' || (${words})[1 + i % 20] || ' ' || (${words})[1 + (i / 20) % 20] || ' ' || (i % 9973) || '»' AS name
        FROM generate_series(${from}::int, ${to}::int) AS i
      ) AS g
      RETURNING number, public_name)
      INSERT INTO licence_search (number, search_name) SELECT number, lower(public_name) FROM inserted`.execute(db);
  }
}
