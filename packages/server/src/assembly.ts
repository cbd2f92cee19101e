import type { MciTable, RegulationCatalogue, Temporal } from '@ruqsat/core';
import { ApplicationService } from './applications/application-service.js';
import { notificationHandler, type OutboxHandler } from './applications/outbox-worker.js';
import { systemStepHandler } from './applications/system-step-handler.js';
import type { AttachmentStore } from './attachments/attachment-store.js';
import type { TrustSettings } from './auth/sign-in.js';
import type { LegalTime } from './calendar/legal-time.js';
import { IntakeService } from './centre/intake-service.js';
import { QueueService } from './centre/queue-service.js';
import { DraftService } from './drafts/draft-service.js';
import { externalCheckHandler } from './gateway/external-check-handler.js';
import { stateDatabaseName } from './gateway/lookups.js';
import type { StateSystems } from './gateway/state-systems-factory.js';
import type { AppOptions } from './http/app.js';
import { emailingNotificationHandler } from './notifications/email-notifications.js';
import type { Mailer } from './notifications/mailer.js';
import { OfficeService } from './office/office-service.js';
import type { PaymentService } from './payments/payment-service.js';
import { LicenceRegistry } from './registry/licence-registry.js';
import { ResultDocumentsReader } from './registry/result-documents-reader.js';
import { resultIssuerHandler } from './registry/result-issuer.js';
import { VerificationService } from './registry/verification.js';
import { ReportsService } from './reports/reports-service.js';
import type { OfficialKeyVault } from './signing/official-key-vault.js';
import { SigningKeys } from './signing/signing-keys.js';
import { Delegations } from './staff/delegations.js';
import { StaffAdmin } from './staff/staff-admin.js';
import { StaffDirectory } from './staff/staff-directory.js';
import type { Store } from './store/store.js';
import { SurveyService } from './survey/survey-service.js';

/** What the services are made of: the store, the law as data, the clock, trust and the outside world. */
export interface AssemblyParts {
  readonly store: Store;
  readonly catalogue: RegulationCatalogue;
  readonly legalTime: LegalTime;
  readonly mci: MciTable;
  readonly now: () => Temporal.Instant;
  readonly trust: TrustSettings;
  readonly attachments: AttachmentStore;
  /** Officials' signing keys, sealed in the database under the deployment's secret. */
  readonly vault: OfficialKeyVault;
  /** How the public reaches this server: licences' QR codes point at its verification page. */
  readonly publicUrl: string;
  /** The state systems and fee payments; without them the portal's drafts and the centre's intake are not served. */
  readonly outside?: { readonly systems: StateSystems; readonly payments: PaymentService };
}

export type Services = ReturnType<typeof assembleServices>;

/**
 * The one place the product is wired together: `ruqsat serve` and the tests that drive the whole
 * API build the same services from the same parts, so what is tested is what runs.
 */
export function assembleServices(parts: AssemblyParts) {
  const { store, catalogue, legalTime, now, trust, attachments, vault } = parts;
  const db = store.db;
  const applications = new ApplicationService(db, catalogue, legalTime, now);
  const directory = new StaffDirectory(db);
  const delegations = new Delegations(db, directory, legalTime, now);
  const outside = parts.outside;
  const registry = new LicenceRegistry(db, catalogue, now);
  return {
    applications,
    directory,
    delegations,
    attachments,
    office: new OfficeService({
      db,
      catalogue,
      applications,
      directory,
      delegations,
      legalTime,
      attachments,
      signingKeys: vault,
      now,
    }),
    registry,
    verification: new VerificationService(db, registry, trust, now),
    results: new ResultDocumentsReader(db, catalogue),
    signingKeys: new SigningKeys(vault, trust, () => new Date(now().epochMilliseconds)),
    admin: new StaffAdmin(db, now),
    reports: new ReportsService(db, catalogue, legalTime, now),
    survey: new SurveyService(db, catalogue, now),
    queue: new QueueService(db, directory, legalTime, now),
    payments: outside?.payments,
    drafts: outside
      ? new DraftService(db, { catalogue, applications, payments: outside.payments, trust, attachments, now })
      : undefined,
    intake: outside
      ? new IntakeService(db, { catalogue, applications, systems: outside.systems, trust, legalTime, attachments, now })
      : undefined,
  };
}

/** The app's options for the services, given how it speaks HTTP. */
export function appOptionsOf(
  parts: AssemblyParts,
  services: Services,
  http: Pick<AppOptions, 'logLevel' | 'bodyLimitBytes' | 'readinessTimeoutMs' | 'signIn'>,
): AppOptions {
  return {
    ...http,
    store: parts.store,
    catalogue: parts.catalogue,
    legalTime: parts.legalTime,
    mci: parts.mci,
    applications: services.applications,
    staff: services.directory,
    office: { service: services.office, delegations: services.delegations },
    admin: services.admin,
    registry: {
      registry: services.registry,
      verification: services.verification,
      reader: services.results,
      signingKeys: services.signingKeys,
    },
    reports: services.reports,
    survey: services.survey,
    ...(services.payments ? { payments: services.payments } : {}),
    ...(services.drafts ? { drafts: services.drafts } : {}),
    ...(services.intake ? { centre: { intake: services.intake, queue: services.queue } } : {}),
  };
}

/**
 * What the outbox workers do with each kind of side effect: notifications (by e-mail too, given a
 * mailer), the steps systems run by themselves, the signed results, and questions to the outside systems.
 */
export function outboxHandlersOf(
  parts: AssemblyParts,
  services: Services,
  options: {
    readonly mailer?: Mailer;
    readonly logger?: { warn(details: Record<string, unknown>, message: string): void };
  } = {},
): Record<string, OutboxHandler> {
  const notify = options.mailer ? emailingNotificationHandler(options.mailer) : notificationHandler;
  const { applications } = services;
  const { catalogue } = parts;
  return {
    notify_applicant: notify,
    notify_role: notify,
    run_system_step: systemStepHandler({ applications, catalogue }),
    issue_result: resultIssuerHandler({
      db: parts.store.db,
      catalogue,
      legalTime: parts.legalTime,
      vault: parts.vault,
      publicUrl: parts.publicUrl,
      now: parts.now,
      ...(parts.outside ? { lookUpName: stateDatabaseName(parts.outside.systems) } : {}),
    }),
    ...(parts.outside
      ? {
          external_request: externalCheckHandler({
            applications,
            catalogue,
            ...parts.outside,
            ...(options.logger ? { logger: options.logger } : {}),
          }),
        }
      : {}),
  };
}
