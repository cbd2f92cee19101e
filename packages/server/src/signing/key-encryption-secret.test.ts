import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyEncryptionSecret } from './key-encryption-secret.js';

describe('the key-encryption secret', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-secret-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('is the deployment’s when set', async () => {
    const secret = Buffer.alloc(32, 7).toString('base64');
    expect(await keyEncryptionSecret({ OFFICIAL_KEYS_SECRET: secret, DATA_DIR: dir })).toBe(secret);
    expect(await readdir(dir)).toEqual([]);
  });

  it('is made once beside the data, for this user only, and the same for processes starting together', async () => {
    const made = await Promise.all(Array.from({ length: 8 }, () => keyEncryptionSecret({ DATA_DIR: dir })));
    expect(new Set(made).size).toBe(1);
    expect(Buffer.from(made[0] ?? '', 'base64')).toHaveLength(32);
    expect(await keyEncryptionSecret({ DATA_DIR: dir })).toBe(made[0]);
    const secrets = path.join(dir, 'secrets');
    expect(await readdir(secrets)).toEqual(['official-keys.secret']);
    expect((await stat(path.join(secrets, 'official-keys.secret'))).mode & 0o777).toBe(0o600);
  });
});
