import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CatalogueEntry,
  DataFileError,
  parseRegulation,
  RegulationCatalogue,
  type RegulationProblem,
} from '@ruqsat/core';

/** The regulations shipped with Ruqsat: regulations/ at the root of the repository. */
export const BUILT_IN_REGULATIONS_DIR = fileURLToPath(new URL('../../../../regulations/', import.meta.url));

export class CatalogueError extends DataFileError {
  constructor(problems: readonly RegulationProblem[]) {
    super(problems, 'regulations');
    this.name = 'CatalogueError';
  }
}

/** Extra directories from RUQSAT_REGULATIONS=dir1:dir2 (the path-list separator of the platform). */
export function regulationDirsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return (env.RUQSAT_REGULATIONS ?? '').split(path.delimiter).filter((dir) => dir.trim() !== '');
}

/**
 * Loads every regulation file of the built-in directory and of `extraDirs`, validates each and
 * then the whole catalogue; throws CatalogueError listing every problem found.
 */
export async function loadCatalogue(extraDirs: readonly string[] = []): Promise<RegulationCatalogue> {
  const files = (await Promise.all([BUILT_IN_REGULATIONS_DIR, ...extraDirs].map(listRegulationFiles))).flat();
  const { entries, problems } = await readRegulationFiles(files);
  if (problems.length > 0) throw new CatalogueError(problems);
  const built = RegulationCatalogue.build(entries);
  if (!built.ok) throw new CatalogueError(built.problems);
  return built.catalogue;
}

/**
 * Validates the given files or directories on their own and, together with the `context` they
 * would join (the deployed catalogue), as one catalogue: a new version that supersedes a built-in
 * one checks cleanly on its own. Returns every problem and how many files `paths` named.
 */
export async function checkRegulationPaths(
  paths: readonly string[],
  context: readonly string[] = [],
): Promise<{ files: number; problems: RegulationProblem[] }> {
  const checked = (await Promise.all(paths.map(listRegulationFiles))).flat();
  const joined = (await Promise.all(context.map(listRegulationFiles))).flat();
  const all = [...new Set([...joined, ...checked])];
  const { entries, problems } = await readRegulationFiles(all);
  if (problems.length === 0) {
    const built = RegulationCatalogue.build(entries);
    if (!built.ok) problems.push(...built.problems);
  }
  return { files: new Set(checked).size, problems };
}

async function readRegulationFiles(files: readonly string[]) {
  const entries: CatalogueEntry[] = [];
  const problems: RegulationProblem[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const display = path.relative(process.cwd(), file) || file;
    const result = parseRegulation(text, display, idFromPath(file));
    if (result.ok) entries.push({ regulation: result.regulation, file: display, locate: result.locate });
    else problems.push(...result.problems);
  }
  return { entries, problems };
}

/** regulations/<service>/<version>.yaml → "<service>@<version>". */
export function idFromPath(file: string): string {
  return `${path.basename(path.dirname(file))}@${path.basename(file).replace(/\.ya?ml$/, '')}`;
}

async function listRegulationFiles(target: string): Promise<string[]> {
  const info = await stat(target);
  if (info.isFile()) return [path.resolve(target)];
  const found: string[] = [];
  for (const entry of await readdir(target, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.ya?ml$/.test(entry.name)) found.push(path.resolve(entry.parentPath, entry.name));
  }
  return found.sort();
}
