import path from 'node:path';
import { type RegulationCatalogue, Temporal } from '@ruqsat/core';
import { openSandboxCa, saveCa } from '../auth/ca-directory.js';
import type { LegalTime } from '../calendar/legal-time.js';
import type { ServerConfig } from '../config.js';
import { sandboxBaseUrl, sandboxCaDir } from '../gateway/state-gateway.js';
import type { OfficialKeyVault } from '../signing/official-key-vault.js';
import type { Store } from '../store/store.js';
import { type DemoSummary, seedDemo } from './demo-seed.js';

export const DEFAULT_DEMO_APPLICATIONS = 300;

/**
 * Seeds the demo into the store with keys from the embedded default's sandbox CA, and saves the
 * CA (it remembers what it issued). Run before the sandbox starts, so that it knows the keys.
 */
export async function seedDemoWithSandboxCa(
  store: Store,
  config: ServerConfig,
  deps: { readonly catalogue: RegulationCatalogue; readonly legalTime: LegalTime; readonly vault: OfficialKeyVault },
  options: { readonly dir?: string; readonly applications?: number } = {},
): Promise<DemoSummary | null> {
  const caDir = sandboxCaDir(config);
  const ca = await openSandboxCa(caDir, sandboxBaseUrl(config));
  try {
    return await seedDemo(
      store.db,
      { ...deps, ca },
      {
        dir: options.dir ?? path.join(config.DATA_DIR, 'demo'),
        applications: options.applications ?? DEFAULT_DEMO_APPLICATIONS,
        now: Temporal.Now.instant(),
      },
    );
  } finally {
    // Saved whatever happened: the CA must know every key it issued, even of a seeding that failed.
    await saveCa(caDir, ca);
  }
}
