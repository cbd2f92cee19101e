import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../store/migrations.js';
import { captureCli } from '../test-support/cli-capture.js';
import { runCli } from './main.js';

describe('ruqsat id check', () => {
  it('prints the decoded IIN/BIN as JSON and exits 0 when valid', async () => {
    const run = captureCli();
    expect(await runCli(['id', 'check', '940740000911'], run.io)).toBe(0);
    expect(JSON.parse(run.out())).toEqual({
      value: '940740000911',
      valid: true,
      kind: 'BIN',
      registered: '1994-07',
      entityTypeDigit: 4,
      entityType: 'resident_legal_entity',
      divisionDigit: 0,
      division: 'head_office',
    });
  });

  it('prints the reason and exits 1 when invalid', async () => {
    const run = captureCli();
    expect(await runCli(['id', 'check', '940740000912', '--lang', 'ru'], run.io)).toBe(1);
    expect(JSON.parse(run.out())).toEqual({
      value: '940740000912',
      valid: false,
      kind: 'BIN',
      reason: 'IDENTIFIER_CONTROL_DIGIT_MISMATCH',
      message: 'Контрольная цифра не совпадает: проверьте номер на опечатку.',
    });
  });

  it('exits 1 with kind null for a value that is not 12 digits', async () => {
    const run = captureCli();
    expect(await runCli(['id', 'check', '12345'], run.io)).toBe(1);
    expect(JSON.parse(run.out())).toMatchObject({ valid: false, kind: null, reason: 'IDENTIFIER_NOT_TWELVE_DIGITS' });
  });

  it.each([
    [['id', 'check']],
    [['id', 'check', '940740000911', 'extra']],
    [['id', 'check', '940740000911', '--lang', 'de']],
    [['id', 'check', '940740000911', '--bogus']],
    [['no-such-command']],
    [[]],
  ])('exits 2 on a usage error: %j', async (argv) => {
    const run = captureCli();
    expect(await runCli(argv, run.io)).toBe(2);
    expect(run.out()).toBe('');
    expect(run.err()).not.toBe('');
  });
});

describe('ruqsat --help', () => {
  it('lists the commands and exits 0', async () => {
    const run = captureCli();
    expect(await runCli(['--help'], run.io)).toBe(0);
    for (const command of ['serve', 'db', 'id']) expect(run.out()).toContain(command);
  });
});

describe('ruqsat db', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ruqsat-cli-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('status exits 1 before migrating and 0 after; migrate is idempotent', async () => {
    const env = { DATA_DIR: dataDir };
    const before = captureCli(env);
    expect(await runCli(['db', 'status'], before.io)).toBe(1);
    expect(JSON.parse(before.out())).toMatchObject({
      database: 'pglite',
      applied: [],
      pending: (await loadMigrations()).map((m) => m.version),
    });
    expect(JSON.parse(before.out()).pending[0]).toBe('0001');

    const first = captureCli(env);
    expect(await runCli(['db', 'migrate'], first.io)).toBe(0);
    expect(first.out()).toMatch(/^applied \d+ migration\(s\) on pglite: 0001/);

    const second = captureCli(env);
    expect(await runCli(['db', 'migrate'], second.io)).toBe(0);
    expect(second.out()).toMatch(/^schema is up to date/);

    const after = captureCli(env);
    expect(await runCli(['db', 'status'], after.io)).toBe(0);
  });

  it('reports bad configuration as a usage error, naming the variable', async () => {
    const run = captureCli({ DATABASE_URL: 'mysql://nope' });
    expect(await runCli(['db', 'migrate'], run.io)).toBe(2);
    expect(run.err()).toContain('DATABASE_URL');
  });
});

describe('ruqsat gateway', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ruqsat-gateway-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('looks a person up in the sandbox on the embedded default; exit 1 and a message when not found', async () => {
    const env = { DATA_DIR: dataDir, SANDBOX_PORT: '0' };
    const found = captureCli(env);
    expect(await runCli(['gateway', 'person', '850101300015'], found.io)).toBe(0);
    expect(JSON.parse(found.out())).toMatchObject({ surname: 'ҚҰСАЙЫНОВ', status: 'alive' });
    const missing = captureCli(env);
    expect(await runCli(['gateway', 'entity', '990740000019', '--lang', 'ru'], missing.io)).toBe(1);
    expect(missing.err()).toContain('ENTITY_NOT_FOUND: Юридическое лицо с этим БИН не найдено');
  });
});
