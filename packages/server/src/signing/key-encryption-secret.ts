import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The secret officials' keys are sealed under: the deployment's own (OFFICIAL_KEYS_SECRET), or on
 * the embedded default one made once and kept beside the data, readable by this user only. Lose it
 * and the sealed keys are lost with it: officials register their keys again.
 */
export async function keyEncryptionSecret(config: {
  readonly OFFICIAL_KEYS_SECRET?: string | undefined;
  readonly DATA_DIR: string;
}): Promise<string> {
  if (config.OFFICIAL_KEYS_SECRET) return config.OFFICIAL_KEYS_SECRET;
  const file = path.resolve(config.DATA_DIR, 'secrets', 'official-keys.secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64');
  // `wx`: two processes starting together do not overwrite each other's secret.
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return (await readFile(file, 'utf8')).trim();
}
