import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Incremental TypeScript build (a second or two when nothing changed) so the `ruqsat` bin is current. */
export function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  execFileSync(process.execPath, [tsc, '-b', 'packages/server/tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
