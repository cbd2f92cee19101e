import { hostname } from 'node:os';
import path from 'node:path';
import { Temporal } from '@ruqsat/core';
import type { Command } from 'commander';
import { DeadlineSweeper } from '../../applications/deadline-sweeper.js';
import { OutboxWorker } from '../../applications/outbox-worker.js';
import { appOptionsOf, assembleServices, outboxHandlersOf } from '../../assembly.js';
import { AttachmentStore } from '../../attachments/attachment-store.js';
import { configuredScanner } from '../../attachments/scanner.js';
import { SignIn } from '../../auth/sign-in.js';
import { loadTrust } from '../../auth/trust.js';
import { loadLegalTime } from '../../calendar/legal-time.js';
import { readConfig } from '../../config.js';
import { seedDemoWithSandboxCa } from '../../demo/demo-command.js';
import { openStateGateway } from '../../gateway/state-gateway.js';
import { buildApp } from '../../http/app.js';
import { rateLimitsOf } from '../../http/rate-limit.js';
import { trustProxyOf } from '../../http/trusted-proxies.js';
import { DEFAULT_WEB_DIR } from '../../http/web-app.js';
import { BackgroundJobs } from '../../lifecycle/background-jobs.js';
import { shutdownOnSignal } from '../../lifecycle/graceful-shutdown.js';
import { configuredMailer } from '../../notifications/mailer.js';
import { loadMciTable } from '../../payments/mci-table.js';
import { PaymentService } from '../../payments/payment-service.js';
import { loadCatalogue, regulationDirsFromEnv } from '../../regulations/catalogue.js';
import { keyEncryptionSecret } from '../../signing/key-encryption-secret.js';
import { OfficialKeyVault } from '../../signing/official-key-vault.js';
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
    .option('--demo', 'on the embedded default: fill an empty database with demo data first (see ruqsat demo)')
    .action(async (options: { port?: string; host?: string; regulations?: string; demo?: boolean }) => {
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
      const legalTime = await loadLegalTime();
      const store = await openMigratedStore({
        databaseUrl: config.DATABASE_URL,
        dataDir: config.DATA_DIR,
        queryTimeoutMs: config.DATABASE_QUERY_TIMEOUT_MS,
        preparedStatements: config.DATABASE_PREPARED_STATEMENTS === 'on',
      });
      const vault = await OfficialKeyVault.open(store.db, await keyEncryptionSecret(config));
      // The demo is seeded before the sandbox starts, so that its CA knows the demo's keys.
      if (options.demo && config.GATEWAY_URL === undefined) {
        const seeded = await seedDemoWithSandboxCa(store, config, { catalogue, legalTime, vault });
        if (seeded) io.out(`demo data: key files and passwords in ${path.join(config.DATA_DIR, 'demo')}\n`);
      }
      const gateway = await openStateGateway(config, store.db);
      const trust = await loadTrust(config);
      // On the embedded default the sandbox CA stands in for NCA, so its keys can sign in.
      const trustAnchors =
        config.TRUST_ANCHORS === undefined && gateway.sandboxRoot ? [gateway.sandboxRoot] : trust.trustAnchors;
      const now = () => Temporal.Now.instant();
      const publicUrl = config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
      // The payment service logs through the app's logger, which exists by the time anything is paid.
      const paymentLog = {
        warn: (details: Record<string, unknown>, message: string) => app.log.warn(details, message),
      };
      const mci = await loadMciTable();
      const payments = new PaymentService(store.db, gateway.systems.payments, {
        logger: paymentLog,
        mci,
        callbackUrl: new URL('/api/v1/payments/callback', publicUrl).toString(),
        callbackSecret: gateway.callbackSecret,
        now: () => new Date(now().epochMilliseconds),
      });
      const attachments = new AttachmentStore(store.db, configuredScanner(config), now, {
        maxFileBytes: config.ATTACHMENT_MAX_BYTES,
        maxFiles: config.ATTACHMENT_MAX_FILES,
      });
      const parts = {
        store,
        vault,
        publicUrl,
        catalogue,
        legalTime,
        mci,
        now,
        trust: { ...trust, trustAnchors },
        attachments,
        outside: { systems: gateway.systems, payments },
      };
      const services = assembleServices(parts);
      const { applications } = services;
      const app = await buildApp({
        ...appOptionsOf(parts, services, {
          signIn: new SignIn(store.db, { ...trust, trustAnchors }),
          logLevel: config.LOG_LEVEL,
          bodyLimitBytes: config.BODY_LIMIT_BYTES,
          readinessTimeoutMs: config.READINESS_TIMEOUT_MS,
        }),
        webDir: config.WEB_DIR ?? DEFAULT_WEB_DIR,
        rateLimits: rateLimitsOf(config),
        trustProxy: trustProxyOf(config.TRUST_PROXY),
      });
      const sweeper = new DeadlineSweeper(store.db, applications, now, { logger: app.log });
      const outbox = new OutboxWorker(
        store.db,
        outboxHandlersOf(parts, services, { mailer: configuredMailer(config), logger: app.log }),
        `${hostname()}:${process.pid}`,
        now,
        config.OUTBOX_LEASE_MS,
      );
      const jobs = new BackgroundJobs(
        [
          { name: 'deadline-sweep', intervalMs: config.SWEEP_INTERVAL_MS, run: () => sweeper.sweepOnce() },
          { name: 'outbox', intervalMs: config.OUTBOX_INTERVAL_MS, run: () => outbox.runOnce() },
          { name: 'payment-reconciliation', intervalMs: config.RECONCILE_INTERVAL_MS, run: () => payments.reconcile() },
        ],
        app.log,
      );
      const stopped = shutdownOnSignal({
        signals: process,
        logger: app.log,
        graceMs: config.SHUTDOWN_GRACE_MS,
        // The HTTP server drains first, then the jobs finish their passes, then the sandbox and the store close.
        resources: [app, jobs, gateway, store],
      });
      if (config.PUBLIC_URL === undefined && !options.demo) {
        // The address goes into the QR code of every signed document, for good: say so before one is signed.
        app.log.warn({ publicUrl }, 'PUBLIC_URL is not set: signed documents will point their QR codes here');
      }
      await app.listen({ port: config.PORT, host: config.HOST });
      jobs.start();
      app.log.info(
        {
          database: store.driver.kind,
          dataDir: store.driver.kind === 'pglite' ? config.DATA_DIR : undefined,
          regulations: catalogue.list().length,
          gateway: gateway.sandboxUrl ? `sandbox at ${gateway.sandboxUrl}` : config.GATEWAY_URL,
        },
        'Ruqsat is serving',
      );
      setExitCode((await stopped) === 0 ? ExitCode.ok : ExitCode.failure);
    });
}
