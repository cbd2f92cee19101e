import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const source = (pkg: string) => fileURLToPath(new URL(`../${pkg}/src/index.ts`, import.meta.url));

// No React plugin: Vite's own transform compiles TSX with the automatic runtime (tsconfig "jsx"),
// and the app needs no fast refresh in production. The server serves `dist/` (see web-app.ts).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    // The browser bundles core and pki from their sources, as the tests do: one truth, no stale dist.
    alias: { '@ruqsat/core': source('core'), '@ruqsat/pki': source('pki') },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Query marks its modules "use client" for server components, which this app has none of.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/verify': 'http://127.0.0.1:8080' } },
});
