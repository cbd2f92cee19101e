import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/main.js';
import { captureCli } from '../test-support/cli-capture.js';
import {
  BUILT_IN_REGULATIONS_DIR,
  CatalogueError,
  idFromPath,
  loadCatalogue,
  regulationDirsFromEnv,
} from './catalogue.js';

const exampleFile = path.join(BUILT_IN_REGULATIONS_DIR, 'casino', '2015-mcs-181.yaml');

/** The casino example re-dressed as another service, as a deployer would add one. */
async function writeNewService(
  dir: string,
  serviceId: string,
  edit: (text: string) => string = (t) => t,
): Promise<string> {
  const text = (await readFile(exampleFile, 'utf8'))
    .replace('id: casino@2015-mcs-181', `id: ${serviceId}@2015-mcs-181`)
    .replace('  id: casino\n', `  id: ${serviceId}\n`)
    .replace('supersedes: casino@2012-asa-294', 'supersedes: null');
  const file = path.join(dir, serviceId, '2015-mcs-181.yaml');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, edit(text));
  return file;
}

describe('the regulation catalogue on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-regulations-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('loads every built-in regulation version of the seeds', async () => {
    const catalogue = await loadCatalogue();
    expect(catalogue.list()).toHaveLength(17);
    expect(new Set(catalogue.list().map((r) => r.service.id)).size).toBe(13);
  });

  it('links versions: the version in force on a date is one call', async () => {
    const catalogue = await loadCatalogue();
    expect(catalogue.inForce('casino', '2013-06-01')?.id).toBe('casino@2012-asa-294');
    expect(catalogue.inForce('casino', '2016-01-01')?.id).toBe('casino@2015-mcs-181');
    expect(catalogue.get('casino@2015-mcs-181')?.supersedes).toBe('casino@2012-asa-294');
  });

  it('adds a service from an extra directory without any code change', async () => {
    const extra = path.join(dir, 'extra');
    await writeNewService(extra, 'museum-export');
    const catalogue = await loadCatalogue([extra]);
    expect(catalogue.get('museum-export@2015-mcs-181')?.requestKinds.map((k) => k.kind)).toEqual([
      'issue',
      'reissue',
      'duplicate',
    ]);
  });

  it('refuses an invalid file with file:line:col messages', async () => {
    const broken = path.join(dir, 'broken');
    await writeNewService(broken, 'broken-service', (t) =>
      t.replace('        actor: head_of_department\n', '        actor: nobody\n'),
    );
    const error = await loadCatalogue([broken]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogueError);
    expect((error as CatalogueError).message).toMatch(
      /broken-service\/2015-mcs-181\.yaml:\d+:\d+: .*actor "nobody" is not a role/,
    );
  });

  it('reads RUQSAT_REGULATIONS as a path list', () => {
    expect(regulationDirsFromEnv({ RUQSAT_REGULATIONS: `/a${path.delimiter}/b${path.delimiter}` })).toEqual([
      '/a',
      '/b',
    ]);
    expect(regulationDirsFromEnv({})).toEqual([]);
  });

  it('derives the expected id from the path', () => {
    expect(idFromPath('/x/regulations/casino/2015-mcs-181.yaml')).toBe('casino@2015-mcs-181');
  });

  it('ruqsat regulations check: exit 0 when valid, 1 with every problem on stderr', async () => {
    const valid = captureCli();
    expect(await runCli(['regulations', 'check'], valid.io)).toBe(0);
    expect(valid.out()).toBe('17 regulation file(s) valid\n');

    const invalid = captureCli();
    expect(await runCli(['regulations', 'check', path.join(dir, 'broken')], invalid.io)).toBe(1);
    expect(invalid.err()).toMatch(
      /2015-mcs-181\.yaml:\d+:\d+: processes\.\d+\.steps\.\d+\.actor: actor "nobody" is not a role/,
    );
  });

  it('ruqsat regulations check PATH checks a new version against the deployed catalogue', async () => {
    // A successor of the built-in casino version: its supersedes link resolves against the
    // deployed catalogue, and the overlap (the 2015 version is not repealed) points at its line.
    const successor = path.join(dir, 'successor');
    const file = await writeNewService(successor, 'casino', (t) =>
      t
        .replace('id: casino@2015-mcs-181', 'id: casino@2027-new')
        .replace('version: 2015-mcs-181', 'version: 2027-new')
        .replace('effectiveFrom: 2015-07-06', 'effectiveFrom: 2027-01-01')
        .replace('supersedes: null', 'supersedes: casino@2015-mcs-181'),
    );
    const renamed = path.join(path.dirname(file), '2027-new.yaml');
    await writeFile(renamed, await readFile(file, 'utf8'));
    await rm(file);
    const line = (await readFile(renamed, 'utf8')).split('\n').findIndex((l) => l.startsWith('effectiveFrom:')) + 1;

    const run = captureCli();
    expect(await runCli(['regulations', 'check', renamed], run.io)).toBe(1);
    expect(run.err()).toBe(
      `${path.relative(process.cwd(), renamed)}:${line}:${'effectiveFrom: '.length + 1}: effective from 2027-01-01, while casino@2015-mcs-181 is still in force (repealedOn null)\n`,
    );
    expect(run.out()).toBe('1 problem(s) in 1 file(s)\n');
  });

  it('ruqsat regulations list --at answers the versions in force', async () => {
    const run = captureCli();
    expect(await runCli(['regulations', 'list', '--at', '2013-06-01', '--json'], run.io)).toBe(0);
    const ids = (JSON.parse(run.out()) as { id: string }[]).map((r) => r.id);
    expect(ids).toContain('casino@2012-asa-294');
    expect(ids).not.toContain('casino@2015-mcs-181');
    const bad = captureCli();
    expect(await runCli(['regulations', 'list', '--at', 'yesterday'], bad.io)).toBe(2);
  });

  it('ruqsat regulations show prints the steps with actors, terms and sources', async () => {
    const run = captureCli();
    expect(await runCli(['regulations', 'show', 'casino@2015-mcs-181', '--lang', 'ru'], run.io)).toBe(0);
    expect(run.out()).toContain('Выдача лицензии на занятие деятельностью казино');
    expect(run.out()).toMatch(/draft_decision\s+Ответственный исполнитель\s+12 working days/);
    expect(run.out()).toContain('000_afb18e1b515c3bad.txt Annex 2, para 5.3');
    const missing = captureCli();
    expect(await runCli(['regulations', 'show', 'casino@1999'], missing.io)).toBe(1);
  });

  it('ruqsat regulations bpmn prints BPMN XML for a request kind', async () => {
    const run = captureCli();
    expect(await runCli(['regulations', 'bpmn', 'casino@2015-mcs-181', '--kind', 'reissue'], run.io)).toBe(0);
    expect(run.out()).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<bpmn:definitions/);
    const wrongKind = captureCli();
    expect(
      await runCli(['regulations', 'bpmn', 'casino@2015-mcs-181', '--kind', 'reissue_reorganisation'], wrongKind.io),
    ).toBe(2);
  });
});
