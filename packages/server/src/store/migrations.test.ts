import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, TEST_DRIVERS } from '../test-support/test-store.js';
import { isUpToDate, loadMigrations, MigrationError, migrate, migrationStatus } from './migrations.js';
import { withConnection } from './sql-driver.js';
import type { Store } from './store.js';

describe('loadMigrations', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-migrations-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));
  const url = () => pathToFileURL(`${dir}/`);

  it('reads the shipped migrations in version order with checksums', async () => {
    const migrations = await loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort());
    for (const m of migrations) expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a badly named file', async () => {
    await writeFile(path.join(dir, '1_init.sql'), 'SELECT 1;');
    await expect(loadMigrations(url())).rejects.toThrow(MigrationError);
  });

  it('refuses two files with one version', async () => {
    await writeFile(path.join(dir, '0001_a.sql'), 'SELECT 1;');
    await writeFile(path.join(dir, '0001_b.sql'), 'SELECT 1;');
    await expect(loadMigrations(url())).rejects.toThrow(/share version 0001/);
  });
});

describe.each(TEST_DRIVERS)('migrate on %s', (kind) => {
  let store: Store;
  beforeEach(async () => {
    store = await openTestStore(kind, { migrated: false });
  });
  afterEach(async () => store.close());

  const migration = (version: string, name: string, sql: string) => ({
    version,
    name,
    sql,
    checksum: `${version}-${sql.length}`.padEnd(64, '0'),
  });

  it('applies every shipped migration once; a second run does nothing', async () => {
    const versions = store.migrations.map((m) => m.version);
    expect((await migrationStatus(store.driver, store.migrations)).pending).toEqual(versions);
    expect(await migrate(store.driver, store.migrations)).toEqual(versions);
    expect(await migrate(store.driver, store.migrations)).toEqual([]);
    const status = await migrationStatus(store.driver, store.migrations);
    expect(isUpToDate(status)).toBe(true);
    expect(status.applied).toEqual(versions);
  });

  it('serialises instances that migrate at the same moment', async () => {
    const results = await Promise.all([
      migrate(store.driver, store.migrations),
      migrate(store.driver, store.migrations),
    ]);
    expect(results.flat().sort()).toEqual(store.migrations.map((m) => m.version));
  });

  it('rolls a failing migration back whole and records nothing for it', async () => {
    const good = migration('0001', 'good', 'CREATE TABLE good (x int);');
    const bad = migration('0002', 'bad', 'CREATE TABLE half (x int); INSERT INTO nowhere VALUES (1);');
    await expect(migrate(store.driver, [good, bad])).rejects.toThrow(/0002_bad failed/);
    const status = await migrationStatus(store.driver, [good, bad]);
    expect(status.applied).toEqual(['0001']);
    expect(status.pending).toEqual(['0002']);
    const { rows } = await withConnection(store.driver, (c) =>
      c.query<{ present: boolean }>("SELECT to_regclass('half') IS NOT NULL AS present"),
    );
    expect(rows[0]?.present).toBe(false);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const original = migration('0001', 'a', 'CREATE TABLE a (x int);');
    await migrate(store.driver, [original]);
    const edited = { ...original, checksum: 'f'.repeat(64) };
    expect((await migrationStatus(store.driver, [edited])).drifted).toEqual(['0001']);
    await expect(migrate(store.driver, [edited])).rejects.toThrow(/edited/);
  });

  it('refuses to run when the database is ahead of the build', async () => {
    await migrate(store.driver, [migration('0001', 'a', 'SELECT 1;'), migration('0002', 'b', 'SELECT 1;')]);
    const older = [migration('0001', 'a', 'SELECT 1;')];
    expect((await migrationStatus(store.driver, older)).unknown).toEqual(['0002']);
    await expect(migrate(store.driver, older)).rejects.toThrow(/does not know: 0002/);
  });
});
