import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Keeps the builds the tests run current: the incremental TypeScript build (a second or two when
 * nothing changed) for the `ruqsat` bin, and the web app the browser journeys open (a few seconds).
 * With WEB_DIR set the journeys serve that build instead, and this one is left alone.
 */
export function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const bin = (path: string) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));
  execFileSync(process.execPath, [bin('typescript/bin/tsc'), '-b', 'packages/server/tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (process.env.WEB_DIR === undefined) {
    execFileSync(process.execPath, [bin('vite/bin/vite.js'), 'build', '--logLevel', 'warn', 'packages/web'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
}
