import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
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
  // Written whole to a file of its own, then linked into place: a process starting at the same
  // moment either links first or finds the complete secret, never an empty file.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(draft);
  }
  return (await readFile(file, 'utf8')).trim();
}
