// The baselines' server, a process of its own like the server it is compared with: bare Fastify
// routes, each one statement on the same PostgreSQL through the same store (and pool) as Ruqsat's.
//   POST /submissions       one INSERT of the JSON body it was sent (the size of a signed submission)
//   GET  /applications/:id  one primary-key SELECT of an application row
import Fastify from 'fastify';
import { sql } from 'kysely';
import { openMigratedStore } from '../packages/server/src/store/store.js';

const store = await openMigratedStore({ databaseUrl: process.env.DATABASE_URL, dataDir: '.' });
const app = Fastify({ logger: false });
app.get('/readyz', async () => ({ status: 'ready' }));
app.post('/submissions', async (request, reply) => {
  await sql`INSERT INTO bench_submissions (body) VALUES (${JSON.stringify(request.body)}::jsonb)`.execute(store.db);
  return reply.code(201).send({ status: 'registered' });
});
app.get<{ Params: { id: string } }>('/applications/:id', async (request) => {
  const row = await store.db
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', request.params.id)
    .executeTakeFirst();
  return row ?? {};
});
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
const close = async () => {
  await app.close();
  await store.close();
  process.exit(0);
};
process.once('SIGTERM', close);
process.once('SIGINT', close);
