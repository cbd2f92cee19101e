import { hostname } from 'node:os';
import path from 'node:path';
import { Temporal } from '@ruqsat/core';
import type { Command } from 'commander';
import { ApplicationService } from '../../applications/application-service.js';
import { DeadlineSweeper } from '../../applications/deadline-sweeper.js';
import { OutboxWorker } from '../../applications/outbox-worker.js';
import { systemStepHandler } from '../../applications/system-step-handler.js';
import { AttachmentStore } from '../../attachments/attachment-store.js';
import { configuredScanner } from '../../attachments/scanner.js';
import { SignIn } from '../../auth/sign-in.js';
import { loadTrust } from '../../auth/trust.js';
import { loadLegalTime } from '../../calendar/legal-time.js';
import { IntakeService } from '../../centre/intake-service.js';
import { QueueService } from '../../centre/queue-service.js';
import { readConfig } from '../../config.js';
import { seedDemoWithSandboxCa } from '../../demo/demo-command.js';
import { DraftService } from '../../drafts/draft-service.js';
import { externalCheckHandler } from '../../gateway/external-check-handler.js';
import { openStateGateway } from '../../gateway/state-gateway.js';
import { buildApp } from '../../http/app.js';
import { BackgroundJobs } from '../../lifecycle/background-jobs.js';
import { shutdownOnSignal } from '../../lifecycle/graceful-shutdown.js';
import { emailingNotificationHandler } from '../../notifications/email-notifications.js';
import { configuredMailer } from '../../notifications/mailer.js';
import { OfficeService } from '../../office/office-service.js';
import { loadMciTable } from '../../payments/mci-table.js';
import { PaymentService } from '../../payments/payment-service.js';
import { loadCatalogue, regulationDirsFromEnv } from '../../regulations/catalogue.js';
import { ReportsService } from '../../reports/reports-service.js';
import { Delegations } from '../../staff/delegations.js';
import { StaffAdmin } from '../../staff/staff-admin.js';
import { StaffDirectory } from '../../staff/staff-directory.js';
import { openMigratedStore } from '../../store/store.js';
import { SurveyService } from '../../survey/survey-service.js';
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
      const store = await openMigratedStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
      // The demo is seeded before the sandbox starts, so that its CA knows the demo's keys.
      if (options.demo && config.GATEWAY_URL === undefined) {
        const seeded = await seedDemoWithSandboxCa(store, config, { catalogue, legalTime });
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
      const applications = new ApplicationService(store.db, catalogue, legalTime, now);
      const attachments = new AttachmentStore(store.db, configuredScanner(config), now, {
        maxFileBytes: config.ATTACHMENT_MAX_BYTES,
        maxFiles: config.ATTACHMENT_MAX_FILES,
      });
      const drafts = new DraftService(store.db, {
        attachments,
        catalogue,
        applications,
        payments,
        trust: { ...trust, trustAnchors },
        now,
      });
      const directory = new StaffDirectory(store.db);
      const delegations = new Delegations(store.db, directory, legalTime, now);
      const office = new OfficeService({
        db: store.db,
        catalogue,
        applications,
        directory,
        delegations,
        legalTime,
        attachments,
        now,
      });
      const app = await buildApp({
        store,
        staff: directory,
        office: { service: office, delegations },
        admin: new StaffAdmin(store.db, now),
        reports: new ReportsService(store.db, catalogue, legalTime, now),
        survey: new SurveyService(store.db, catalogue, now),
        centre: {
          intake: new IntakeService(store.db, {
            catalogue,
            applications,
            systems: gateway.systems,
            trust: { ...trust, trustAnchors },
            legalTime,
            attachments,
            now,
          }),
          queue: new QueueService(store.db, directory, legalTime, now),
        },
        catalogue,
        signIn: new SignIn(store.db, { ...trust, trustAnchors }),
        payments,
        mci,
        applications,
        drafts,
        logLevel: config.LOG_LEVEL,
        bodyLimitBytes: config.BODY_LIMIT_BYTES,
        readinessTimeoutMs: config.READINESS_TIMEOUT_MS,
      });
      const sweeper = new DeadlineSweeper(store.db, applications, now, { logger: app.log });
      const notifyByEmail = emailingNotificationHandler(configuredMailer(config));
      const outbox = new OutboxWorker(
        store.db,
        {
          notify_applicant: notifyByEmail,
          notify_role: notifyByEmail,
          run_system_step: systemStepHandler({ applications, catalogue }),
          external_request: externalCheckHandler({
            applications,
            catalogue,
            systems: gateway.systems,
            payments,
            logger: app.log,
          }),
        },
        `${hostname()}:${process.pid}`,
        now,
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
