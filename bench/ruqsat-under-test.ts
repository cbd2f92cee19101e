// What the server under test needs around it, made once per benchmark: a test CA standing in for
// NCA (its root and CRL in files, its OCSP answered by the sandbox), the sandbox playing the state
// systems and the payment gateway, applicants with sessions and SIGN keys, the API in this process
// to prepare drafts with, and the environment `ruqsat serve` runs with — OCSP asked and its answers
// cached as in production (OCSP_CACHE_SECONDS' default), the CRL behind it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSandbox, generatePopulation } from '@ruqsat/sandbox';
import { connectStateSystems } from '../packages/server/src/gateway/state-systems-factory.js';
import { loadMciTable } from '../packages/server/src/payments/mci-table.js';
import { PaymentService } from '../packages/server/src/payments/payment-service.js';
import type { Store } from '../packages/server/src/store/store.js';
import { TestSignIns } from '../packages/server/src/test-support/signed-in.js';
import { openTestApp, type TestApp } from '../packages/server/src/test-support/test-app.js';
import { TEST_KEYS_SECRET } from '../packages/server/src/test-support/test-vault.js';
import { type Applicant, applicantsOf } from './signed-submissions.js';

/** A clearly-marked secret for the benchmark's payment callbacks; never a deployment's. */
const BENCH_PAYMENT_SECRET = 'bench-payment-callback-secret';

export interface RuqsatUnderTest {
  readonly test: TestApp;
  readonly applicants: readonly Applicant[];
  /** The environment of `ruqsat serve` on this database, trusting the test CA. */
  readonly serverEnv: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export async function openRuqsatUnderTest(
  store: Store,
  databaseUrl: string,
  options: { readonly applicants: number },
): Promise<RuqsatUnderTest> {
  const signIns = await TestSignIns.create(store.db, { horizonDays: 2 });
  // The gateway's callbacks are lost: each payment is confirmed by asking, while drafts are prepared.
  const sandbox = buildSandbox({
    paymentSecret: BENCH_PAYMENT_SECRET,
    ca: signIns.ca,
    faults: { payment_gateway: { callbackLossRate: 1 } },
  });
  const sandboxUrl = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  const systems = connectStateSystems(
    { baseUrl: sandboxUrl, timeoutMs: 5000, retries: 2, backoffMs: 200, breakerFailures: 5, breakerCooldownMs: 30_000 },
    store.db,
  );
  const payments = new PaymentService(store.db, systems.payments, {
    mci: await loadMciTable(),
    callbackUrl: 'http://127.0.0.1:9/not-listening',
    callbackSecret: BENCH_PAYMENT_SECRET,
    now: () => new Date(),
  });
  const test = await openTestApp(store, { signIns, outside: { systems, payments } });
  // The sandbox's companies, so that the state systems the server asks after a submission know them.
  const entities = [...generatePopulation().entities.values()].filter((e) => e.status === 'active');
  const applicants = await applicantsOf(entities.slice(0, options.applicants), signIns);

  const dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-bench-'));
  const now = Date.now();
  const crl = await signIns.ca.crl(new Date(now - 3_600_000), new Date(now + 2 * 86_400_000));
  await writeFile(path.join(dir, 'root.pem'), signIns.ca.root.certificate.toString('pem'));
  await writeFile(path.join(dir, 'nca.crl'), new Uint8Array(crl.rawData));
  const serverEnv = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: path.join(dir, 'data'),
    LOG_LEVEL: 'warn',
    TRUST_ANCHORS: path.join(dir, 'root.pem'),
    CRL_FILES: path.join(dir, 'nca.crl'),
    OCSP: 'on',
    OCSP_URL: `${sandboxUrl}/nca/ocsp`,
    GATEWAY_URL: sandboxUrl,
    PAYMENT_CALLBACK_SECRET: BENCH_PAYMENT_SECRET,
    PUBLIC_URL: 'https://ruqsat.bench.test',
    OFFICIAL_KEYS_SECRET: TEST_KEYS_SECRET,
  };
  return {
    test,
    applicants,
    serverEnv,
    close: async () => {
      await test.app.close();
      sandbox.server.closeAllConnections();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
