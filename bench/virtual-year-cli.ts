// The virtual year alone, for development and for the record in docs/performance.md:
//
//   npx tsx bench/virtual-year-cli.ts [applications] [--no-database] [--staffing=0.9] [--json=figures.json]
//
// With a database (BENCH_DATABASE_URL, default the local server with trust auth) a throw-away
// database is created for the slice and dropped afterwards. `npm run bench` runs it with the rest.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import pg from 'pg';
import { openMigratedStore, type Store } from '../packages/server/src/store/store.js';
import { benchVirtualYear, printVirtualYear } from './virtual-year.js';

const args = process.argv.slice(2);
const applications = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_500_000);
const withDatabase = !args.includes('--no-database');
const staffing = Number(args.find((a) => a.startsWith('--staffing='))?.slice('--staffing='.length) ?? 1);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const name = `ruqsat_vy_${randomBytes(4).toString('hex')}`;
const admin = withDatabase ? new pg.Client({ connectionString: adminUrl }) : null;
let store: Store | undefined;
if (admin) {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  store = await openMigratedStore({ databaseUrl: url.toString(), dataDir: '.' });
}
try {
  const started = performance.now();
  const figures = await benchVirtualYear({
    applications,
    staffing,
    store,
    onMonth: (month, open) => {
      const cpu = process.cpuUsage();
      console.error(
        `month ${month}: ${((performance.now() - started) / 1000).toFixed(0)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU, ${open} open`,
      );
    },
  });
  printVirtualYear(figures);
  const json = args.find((a) => a.startsWith('--json='))?.slice('--json='.length);
  if (json) await writeFile(json, `${JSON.stringify(figures, null, 2)}\n`);
  process.exitCode = figures.applications >= 1_500_000 && !figures.met ? 1 : 0;
} finally {
  await store?.close();
  if (admin) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
