import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources, not the build.
    alias: {
      '@ruqsat/core': source('core'),
      '@ruqsat/pki': source('pki'),
      '@ruqsat/sandbox': source('sandbox'),
      '@ruqsat/server': source('server'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'e2e/**/*.test.ts', 'bench/**/*.test.ts'],
    // The command-line tests run the built `ruqsat` bin; this keeps the build current first.
    globalSetup: ['./scripts/test-global-setup.ts'],
    reporters: ['default', './scripts/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
