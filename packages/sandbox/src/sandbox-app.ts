import { setTimeout as sleep } from 'node:timers/promises';
import { answerOcsp, type CertificationAuthority } from '@ruqsat/pki';
import Fastify, { type FastifyInstance } from 'fastify';
import { FaultInjector, FaultSettings, type FaultSettingsInput, type SandboxSystem } from './faults.js';
import { registerPaymentGateway } from './payment-gateway.js';
import { cleanRecord, generatePopulation, type Population } from './population.js';

export interface SandboxOptions {
  readonly seed?: number;
  readonly population?: Population;
  /** The secret the payment gateway signs its callbacks with (the merchant holds the same). */
  readonly paymentSecret: string;
  /** The CA the sandbox plays; its CRL and OCSP are published under /nca. */
  readonly ca?: CertificationAuthority;
  readonly faults?: FaultSettingsInput;
  readonly now?: () => Date;
  readonly logLevel?: string;
}

const PREFIXES: readonly [string, SandboxSystem][] = [
  ['/gbd-fl/', 'gbd_fl'],
  ['/gbd-ul/', 'gbd_ul'],
  ['/legal-statistics/', 'legal_statistics'],
  ['/payments/', 'payment_gateway'],
  ['/nca/', 'certification_authority'],
];

/**
 * The outside state systems over real HTTP, as the e-government gateway would carry them: the
 * persons database (ГБД ФЛ), the legal entities database (ГБД ЮЛ), the legal-statistics committee,
 * the payment gateway and the certification authority. Other organisations' systems only: nothing
 * of Ruqsat's own is simulated here.
 */
export function buildSandbox(options: SandboxOptions): FastifyInstance & { faults: FaultInjector } {
  const now = options.now ?? (() => new Date());
  const population = options.population ?? generatePopulation(options.seed ?? 2026);
  const faults = new FaultInjector(options.faults ?? {}, options.seed ?? 7);
  const app = Fastify({ logger: { level: options.logLevel ?? 'warn' } });

  // Every answer echoes the caller's correlation id, as the gateway does, so both logs line up.
  app.addHook('onRequest', async (request, reply) => {
    const correlation = request.headers['x-correlation-id'];
    if (typeof correlation === 'string') reply.header('x-correlation-id', correlation);
    const system = PREFIXES.find(([prefix]) => request.url.startsWith(prefix))?.[1];
    if (!system) return;
    const { delayMs, outcome } = faults.decide(system);
    if (delayMs > 0) await sleep(delayMs);
    if (outcome === 'hang') {
      reply.hijack(); // never answered: the caller's timeout decides
      return;
    }
    if (outcome === 'error') return reply.code(503).send({ code: 'SERVICE_UNAVAILABLE', system });
  });

  app.get<{ Params: { iin: string } }>('/gbd-fl/persons/:iin', async (request, reply) => {
    const person = population.persons.get(request.params.iin);
    return person ?? reply.code(404).send({ code: 'PERSON_NOT_FOUND' });
  });

  app.get<{ Params: { bin: string } }>('/gbd-ul/entities/:bin', async (request, reply) => {
    const entity = population.entities.get(request.params.bin);
    return entity ?? reply.code(404).send({ code: 'ENTITY_NOT_FOUND' });
  });

  app.get<{ Params: { iin: string } }>('/legal-statistics/records/:iin', async (request, reply) => {
    const iin = request.params.iin;
    if (!population.persons.has(iin)) return reply.code(404).send({ code: 'PERSON_NOT_FOUND' });
    return population.records.get(iin) ?? cleanRecord(iin);
  });

  registerPaymentGateway(app, { secret: options.paymentSecret, faults, now });

  if (options.ca) {
    const ca = options.ca;
    app.get('/nca/root.pem', async (_request, reply) =>
      reply.type('application/x-pem-file').send(ca.root.certificate.toString('pem')),
    );
    app.get('/nca/crl', async (_request, reply) => {
      const at = now();
      const crl = await ca.crl(at, new Date(at.getTime() + 24 * 3_600_000));
      return reply.type('application/pkix-crl').send(Buffer.from(crl.rawData));
    });
    app.addContentTypeParser('application/ocsp-request', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    app.post('/nca/ocsp', async (request, reply) => {
      const answer = await answerOcsp(ca, new Uint8Array(request.body as Buffer), now());
      return reply.type('application/ocsp-response').send(Buffer.from(answer));
    });
  }

  // For tests and demos: read or change the injected faults at run time.
  app.get('/_sandbox/faults', async () => faults.settings);
  app.put('/_sandbox/faults', async (request, reply) => {
    const parsed = FaultSettings.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ code: 'INVALID_FAULTS', issues: parsed.error.issues });
    faults.set(parsed.data);
    return faults.settings;
  });

  return Object.assign(app, { faults });
}
