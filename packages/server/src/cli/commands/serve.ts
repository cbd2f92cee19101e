import path from 'node:path';
import type { Command } from 'commander';
import { readConfig } from '../../config.js';
import { buildApp } from '../../http/app.js';
import { shutdownOnSignal } from '../../lifecycle/graceful-shutdown.js';
import { loadCatalogue, regulationDirsFromEnv } from '../../regulations/catalogue.js';
import { openMigratedStore } from '../../store/store.js';
import { type CliIo, ExitCode } from '../output.js';

/** `ruqsat serve`: migrate, listen, and on SIGTERM drain and exit 0. */
export function registerServeCommand(program: Command, io: CliIo, setExitCode: (code: ExitCode) => void): void {
  program
    .command('serve')
    .description('start the API server (applies pending migrations first); stops gracefully on SIGTERM')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 8080)')
    .option('-H, --host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
    .option(
      '--regulations <dirs>',
      `extra regulation directories, "${path.delimiter}"-separated (added to $RUQSAT_REGULATIONS)`,
    )
    .action(async (options: { port?: string; host?: string; regulations?: string }) => {
      const config = readConfig({
        ...io.env,
        ...(options.port === undefined ? {} : { PORT: options.port }),
        ...(options.host === undefined ? {} : { HOST: options.host }),
      });
      // The catalogue is loaded before anything else: an invalid regulation stops the start.
      const catalogue = await loadCatalogue([
        ...regulationDirsFromEnv(io.env),
        ...regulationDirsFromEnv({ RUQSAT_REGULATIONS: options.regulations }),
      ]);
      const store = await openMigratedStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
      const app = await buildApp({
        store,
        catalogue,
        logLevel: config.LOG_LEVEL,
        bodyLimitBytes: config.BODY_LIMIT_BYTES,
        readinessTimeoutMs: config.READINESS_TIMEOUT_MS,
      });
      const stopped = shutdownOnSignal({
        signals: process,
        logger: app.log,
        graceMs: config.SHUTDOWN_GRACE_MS,
        resources: [app, store],
      });
      await app.listen({ port: config.PORT, host: config.HOST });
      app.log.info(
        {
          database: store.driver.kind,
          dataDir: store.driver.kind === 'pglite' ? config.DATA_DIR : undefined,
          regulations: catalogue.list().length,
        },
        'Ruqsat is serving',
      );
      setExitCode((await stopped) === 0 ? ExitCode.ok : ExitCode.failure);
    });
}
