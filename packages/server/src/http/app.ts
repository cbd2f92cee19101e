import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { MciTable, RegulationCatalogue } from '@ruqsat/core';
import Fastify, { type FastifyHttpOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApplicationService } from '../applications/application-service.js';
import { SignIn } from '../auth/sign-in.js';
import type { LegalTime } from '../calendar/legal-time.js';
import type { IntakeService } from '../centre/intake-service.js';
import type { QueueService } from '../centre/queue-service.js';
import type { DraftService } from '../drafts/draft-service.js';
import type { OfficeService } from '../office/office-service.js';
import type { PaymentService } from '../payments/payment-service.js';
import type { LicenceRegistry } from '../registry/licence-registry.js';
import type { ResultDocumentsReader } from '../registry/result-documents-reader.js';
import type { VerificationService } from '../registry/verification.js';
import type { ReportsService } from '../reports/reports-service.js';
import type { SigningKeys } from '../signing/signing-keys.js';
import type { Delegations } from '../staff/delegations.js';
import type { StaffAdmin } from '../staff/staff-admin.js';
import { StaffDirectory } from '../staff/staff-directory.js';
import type { Store } from '../store/store.js';
import type { SurveyService } from '../survey/survey-service.js';
import { registerAccess } from './access.js';
import { registerDraining } from './draining.js';
import { answerFrameworkError, registerErrorHandling } from './errors.js';
import { registerLocale } from './locale.js';
import { registerMetrics } from './metrics.js';
import { refuseNulCharacters } from './no-nul.js';
import { registerOpenApi } from './openapi.js';
import { type RateLimits, registerRateLimits } from './rate-limit.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerUploadParser } from './routes/attachment-http.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerCalendarRoutes } from './routes/calendars.js';
import { registerCentreRoutes } from './routes/centre.js';
import { registerContactRoutes } from './routes/contact.js';
import { registerDraftRoutes } from './routes/drafts.js';
import { registerIdentifierRoutes } from './routes/identifiers.js';
import { registerMyApplicationRoutes } from './routes/my-applications.js';
import { registerOfficeRoutes } from './routes/office.js';
import { registerOperationsRoutes } from './routes/operations.js';
import { registerPaymentRoutes } from './routes/payments.js';
import { registerRegistryRoutes } from './routes/registry.js';
import { registerRegulationRoutes } from './routes/regulations.js';
import { registerReportRoutes } from './routes/reports.js';
import { registerResultRoutes } from './routes/results.js';
import { registerServiceRoutes } from './routes/services.js';
import { applySecurityHeaders, registerSecurityHeaders } from './security-headers.js';
import type { TrustProxy } from './trusted-proxies.js';
import { registerWebApp } from './web-app.js';
import type { ZodApp } from './zod-app.js';

export const API_VERSION = '0.1.0';

export interface AppOptions {
  readonly store: Store;
  readonly catalogue: RegulationCatalogue;
  readonly logLevel: string;
  readonly bodyLimitBytes: number;
  readonly readinessTimeoutMs: number;
  /** Sign-in by key; without it, nobody is trusted and every sign-in is refused. */
  readonly signIn?: SignIn;
  /** Fee payments; without them the payment routes are not served. */
  readonly payments?: PaymentService;
  /** MCI values, to show fees in tenge in the catalogue. */
  readonly mci?: MciTable;
  /** The engine behind the applicant's commands (withdrawal); without it they are not served. */
  readonly applications?: ApplicationService;
  /** The portal's drafts and submission; without them those routes are not served. */
  readonly drafts?: DraftService;
  /** The working-day calendar; without it the calendar routes are not served. */
  readonly legalTime?: LegalTime;
  /** The administrator's reports; without them those routes are not served. */
  readonly reports?: ReportsService;
  /** The survey after the result; without it those routes are not served. */
  readonly survey?: SurveyService;
  /** Who works where; read from the store when not given. */
  readonly staff?: StaffDirectory;
  /** The service centre's intake and queue; without them those routes are not served. */
  readonly centre?: { readonly intake: IntakeService; readonly queue: QueueService };
  /** Administration of organisations and staff; without it those routes are not served. */
  readonly admin?: StaffAdmin;
  /** The licence registry, its verification and the signed results; without them those routes are not served. */
  readonly registry?: {
    readonly registry: LicenceRegistry;
    readonly verification: VerificationService;
    readonly reader: ResultDocumentsReader;
    readonly signingKeys: SigningKeys;
  };
  /** The back office and its delegations; without them those routes are not served. */
  readonly office?: { readonly service: OfficeService; readonly delegations: Delegations };
  /** The built web app to serve at every other address; without it the API is served alone. */
  readonly webDir?: string;
  /** Per-address limits on sign-in, the registry and verification; `ruqsat serve` always sets them. */
  readonly rateLimits?: RateLimits;
  /** Whose X-Forwarded-For gives `request.ip` (TRUST_PROXY); nobody's by default. */
  readonly trustProxy?: TrustProxy;
}

/** Builds the HTTP API without listening, so tests drive it with inject() and the CLI with listen(). */
export async function buildApp(options: AppOptions): Promise<ZodApp> {
  const app = Fastify({
    logger: {
      level: options.logLevel,
      // Credentials and cookies never reach the logs.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    bodyLimit: options.bodyLimitBytes,
    genReqId: (request) => validRequestId(request.headers['x-request-id']) ?? randomUUID(),
    requestIdHeader: false,
    // We answer 503 ourselves while draining, in the same envelope as every other error.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    frameworkErrors: (error, request, reply) => {
      applySecurityHeaders(request, reply);
      answerFrameworkError(error, request, reply);
    },
    trustProxy: trustProxySetting(options.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();
  // The API speaks JSON only; a text/plain body is answered 415, not parsed as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerDraining(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerLocale(app);
  registerSecurityHeaders(app);
  registerErrorHandling(app, options.bodyLimitBytes);
  refuseNulCharacters(app);
  const metrics = registerMetrics(app);
  await registerOpenApi(app, API_VERSION);

  const signIn = options.signIn ?? new SignIn(options.store.db, { trustAnchors: [], revocation: [] });
  const directory = options.staff ?? new StaffDirectory(options.store.db);
  if (options.rateLimits) registerRateLimits(app, options.rateLimits);
  registerAccess(app, signIn, directory);
  registerUploadParser(app);
  registerOperationsRoutes(app, { store: options.store, metrics, readinessTimeoutMs: options.readinessTimeoutMs });
  registerIdentifierRoutes(app);
  registerRegulationRoutes(app, options.catalogue);
  if (options.legalTime) registerCalendarRoutes(app, options.legalTime);
  registerServiceRoutes(app, { catalogue: options.catalogue, ...(options.mci ? { mci: options.mci } : {}) });
  registerAuthRoutes(app, signIn, directory);
  registerContactRoutes(app, options.store.db, () => new Date());
  registerMyApplicationRoutes(app, {
    db: options.store.db,
    catalogue: options.catalogue,
    ...(options.applications ? { applications: options.applications } : {}),
    ...(options.survey ? { survey: options.survey } : {}),
  });
  if (options.payments) registerPaymentRoutes(app, options.payments);
  if (options.drafts) registerDraftRoutes(app, options.drafts);
  if (options.centre) registerCentreRoutes(app, { ...options.centre, catalogue: options.catalogue });
  if (options.admin) registerAdminRoutes(app, { admin: options.admin, directory });
  if (options.reports) registerReportRoutes(app, options.reports);
  if (options.office) {
    registerOfficeRoutes(app, { office: options.office.service, delegations: options.office.delegations, directory });
  }
  if (options.registry) {
    registerRegistryRoutes(app, options.registry);
    registerResultRoutes(app, {
      db: options.store.db,
      ...options.registry,
      ...(options.office ? { office: options.office.service } : {}),
    });
  }
  if (options.webDir !== undefined) await registerWebApp(app, options.webDir);
  await app.ready();
  return app;
}

/** Accepts a caller's correlation id only when it is short and plain, so it is safe to log and echo. */
function validRequestId(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(header) ? header : undefined;
}

/** Fastify's trustProxy: `false` when no proxy is trusted; n hops trust the n nearest, as proxy-addr counts them. */
function trustProxySetting(trust: TrustProxy | undefined): FastifyHttpOptions<Server>['trustProxy'] {
  if (trust === undefined || trust === false) return false;
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : [...trust];
}
