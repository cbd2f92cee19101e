import path from 'node:path';
import type { Command } from 'commander';
import { loadLegalTime } from '../../calendar/legal-time.js';
import { readConfig } from '../../config.js';
import { DEFAULT_DEMO_APPLICATIONS, seedDemoWithSandboxCa } from '../../demo/demo-command.js';
import { loadCatalogue } from '../../regulations/catalogue.js';
import { keyEncryptionSecret } from '../../signing/key-encryption-secret.js';
import { OfficialKeyVault } from '../../signing/official-key-vault.js';
import { openMigratedStore } from '../../store/store.js';
import { type CliIo, ExitCode } from '../output.js';
import { UsageError } from '../usage-error.js';

/** `ruqsat demo`: authorities, staff, operators, applicants with key files, and applications in every state. */
export function registerDemoCommand(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  program
    .command('demo')
    .description(
      'fill the database with demo data: authorities, staff, centres, applicants with key files (in DATA_DIR/demo) and applications in every state',
    )
    .option('--applications <n>', 'how many applications', String(DEFAULT_DEMO_APPLICATIONS))
    .option('--dir <dir>', 'where to write the key files and their passwords (default: $DATA_DIR/demo)')
    .action(async (options: { applications: string; dir?: string }) => {
      const applications = Number(options.applications);
      if (!Number.isInteger(applications) || applications < 0 || applications > 100_000) {
        throw new UsageError(`--applications must be a whole number up to 100000, not "${options.applications}"`);
      }
      const config = readConfig(io.env);
      const catalogue = await loadCatalogue();
      const legalTime = await loadLegalTime();
      const store = await openMigratedStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
      try {
        const dir = options.dir ?? path.join(config.DATA_DIR, 'demo');
        const vault = await OfficialKeyVault.open(store.db, await keyEncryptionSecret(config));
        const deps = { catalogue, legalTime, vault };
        const summary = await seedDemoWithSandboxCa(store, config, deps, { dir, applications });
        if (!summary) io.out('the demo data is already there; nothing done\n');
        else {
          io.out(`demo: ${summary.people} people with ${summary.keyFiles} key files in ${dir} (see README.md there)\n`);
          for (const [state, count] of Object.entries(summary.applications).sort()) io.out(`  ${state}: ${count}\n`);
        }
        setExitCode(ExitCode.ok);
      } finally {
        await store.close();
      }
    });
}
