import { type Kysely, sql } from 'kysely';
import type { DatabaseSchema } from '../store/schema.js';

/** How many names, in number order, are read before the search turns to the trigram index. */
const WINDOW = 4_000;

/**
 * The numbers of the first `count` licences after `after` whose name contains `pattern` (a LIKE
 * pattern over the lower-cased public name), in number order.
 *
 * PostgreSQL cannot estimate how many names a fragment matches, and either plan it picks is slow
 * for the other kind of fragment: a common word ("құрылыс") is found at once by reading names in
 * number order, a rare one ("номад энерго 77") only through the trigram index, which for a common
 * word fetches thousands of rows to sort them. So the search reads the next WINDOW names in order
 * first; if the page is not full there, the fragment is rare (fewer than count / WINDOW of the
 * names match), and the rest comes from the trigram index — a small set by then. Both steps are
 * exact: the page is the same as one ORDER BY over all matches would give.
 */
export async function namePage(
  db: Kysely<DatabaseSchema>,
  pattern: string,
  after: string,
  count: number,
  window = WINDOW,
): Promise<string[]> {
  // Read in number order, this stops as soon as the page is full: a common word costs a few hundred rows.
  const inWindow = await sql<{ number: string }>`
    SELECT number FROM (
      SELECT number, search_name FROM licence_search WHERE number > ${after} ORDER BY number LIMIT ${window}
    ) AS w
    WHERE search_name LIKE ${pattern} ORDER BY number LIMIT ${count}`.execute(db);
  const hits = inWindow.rows.map((r) => r.number);
  if (hits.length >= count) return hits;
  const last = await sql<{ number: string }>`
    SELECT number FROM licence_search WHERE number > ${after} ORDER BY number OFFSET ${window - 1} LIMIT 1`.execute(db);
  const edge = last.rows[0]?.number;
  // The window reached the end of the registry: every match after `after` has been seen.
  if (edge === undefined) return hits;
  // MATERIALIZED keeps the planner from walking the whole table in number order for a rare fragment.
  const rest = await sql<{ number: string }>`
    WITH m AS MATERIALIZED (SELECT number FROM licence_search WHERE search_name LIKE ${pattern})
    SELECT number FROM m WHERE number > ${edge} ORDER BY number LIMIT ${count - hits.length}`.execute(db);
  return [...hits, ...rest.rows.map((r) => r.number)];
}
