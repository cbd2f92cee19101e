import type { Command } from 'commander';
import { readConfig } from '../../config.js';
import { isUpToDate, migrate, migrationStatus } from '../../store/migrations.js';
import { openStore, type Store } from '../../store/store.js';
import { type CliIo, ExitCode } from '../output.js';

/** `ruqsat db migrate` and `ruqsat db status`, against $DATABASE_URL or the embedded store in $DATA_DIR. */
export function registerDbCommands(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  const db = program.command('db').description('database schema');

  db.command('migrate')
    .description('apply pending migrations, each in its own transaction')
    .action(async () =>
      withStore(io, async (store) => {
        const applied = await migrate(store.driver, store.migrations);
        io.out(
          applied.length === 0
            ? `schema is up to date (${store.driver.kind}, ${store.migrations.length} migrations)\n`
            : `applied ${applied.length} migration(s) on ${store.driver.kind}: ${applied.join(', ')}\n`,
        );
        setExitCode(ExitCode.ok);
      }),
    );

  db.command('status')
    .description('print applied, pending, unknown and edited migrations as JSON; exit 1 unless up to date')
    .action(async () =>
      withStore(io, async (store) => {
        const status = await migrationStatus(store.driver, store.migrations);
        io.out(`${JSON.stringify({ database: store.driver.kind, ...status }, null, 2)}\n`);
        setExitCode(isUpToDate(status) ? ExitCode.ok : ExitCode.failure);
      }),
    );
}

async function withStore(io: CliIo, work: (store: Store) => Promise<void>): Promise<void> {
  const config = readConfig(io.env);
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await work(store);
  } finally {
    await store.close();
  }
}
