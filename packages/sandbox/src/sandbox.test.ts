import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkBin, checkIin } from '@ruqsat/core';
import { bufferOf, CertificationAuthority, OcspRevocation, X509Crl } from '@ruqsat/pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackSignature } from './payment-gateway.js';
import { Fixtures, generatePopulation } from './population.js';
import { buildSandbox } from './sandbox-app.js';

describe('the seeded population', () => {
  const population = generatePopulation(2026);

  it('has a few hundred people and companies, every number valid', () => {
    expect(population.persons.size).toBeGreaterThanOrEqual(300);
    expect(population.entities.size).toBeGreaterThanOrEqual(120);
    for (const iin of population.persons.keys()) expect(checkIin(iin).valid, iin).toBe(true);
    for (const bin of population.entities.keys()) expect(checkBin(bin).valid, bin).toBe(true);
    for (const entity of population.entities.values()) expect(population.persons.has(entity.head.iin)).toBe(true);
  });

  it('is the same for the same seed and different for another', () => {
    const again = generatePopulation(2026);
    expect([...again.persons.keys()]).toEqual([...population.persons.keys()]);
    expect([...again.entities.values()]).toEqual([...population.entities.values()]);
    expect([...generatePopulation(1).persons.keys()]).not.toEqual([...population.persons.keys()]);
  });

  it('holds the documented fixtures', () => {
    expect(population.persons.get(Fixtures.demoPerson)).toMatchObject({ surname: 'ҚҰСАЙЫНОВ', status: 'alive' });
    expect(population.persons.get(Fixtures.deceasedPerson)?.status).toBe('deceased');
    expect(population.records.get(Fixtures.personWithRecord)?.convictions).toHaveLength(1);
    expect(population.records.has(Fixtures.demoPerson)).toBe(false);
    expect(population.entities.get(Fixtures.demoCompany)?.status).toBe('active');
    expect(population.entities.get(Fixtures.liquidatedCompany)?.status).toBe('liquidated');
    expect(population.entities.get(Fixtures.companyWithConvictedHead)?.head.iin).toBe(Fixtures.personWithRecord);
    // Names are Kazakh Cyrillic, letters of the Kazakh alphabet included.
    const names = [...population.persons.values()].map((p) => p.surname + p.name).join('');
    expect(names).toMatch(/[ӘҒҚҢӨҰҮҺІ]/);
  });
});

describe('the sandbox over HTTP', () => {
  const secret = 'sandbox-test-secret';
  let base: string;
  let sandbox: ReturnType<typeof buildSandbox>;
  let ca: CertificationAuthority;
  const callbacks: { body: string; signature: string | undefined }[] = [];
  const merchant = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      callbacks.push({ body, signature: request.headers['x-signature'] as string | undefined });
      response.end('ok');
    });
  });
  let callbackUrl: string;

  beforeAll(async () => {
    ca = await CertificationAuthority.create({
      name: 'SANDBOX NCA',
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 86_400_000),
    });
    sandbox = buildSandbox({ paymentSecret: secret, ca });
    base = await sandbox.listen({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}/callback`;
  });
  afterAll(async () => {
    sandbox.server.closeAllConnections();
    await sandbox.close();
    merchant.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(2_000) });
  const setFaults = (faults: object) =>
    fetch(`${base}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(faults),
    });

  it('answers lookups of people, companies and records, and says plainly when there is none', async () => {
    expect(await (await get(`/gbd-fl/persons/${Fixtures.demoPerson}`)).json()).toMatchObject({ name: 'АСҚАР' });
    expect(await (await get(`/gbd-ul/entities/${Fixtures.demoCompany}`)).json()).toMatchObject({
      name: { ru: 'ТОО «ALMATY GAMING»' },
    });
    const missing = await get('/gbd-fl/persons/000101300009');
    expect([missing.status, await missing.json()]).toEqual([404, { code: 'PERSON_NOT_FOUND' }]);
    expect((await get('/gbd-ul/entities/990740000019')).status).toBe(404);
    const record = await (await get(`/legal-statistics/records/${Fixtures.personWithRecord}`)).json();
    expect(record.convictions).toHaveLength(1);
    expect(await (await get(`/legal-statistics/records/${Fixtures.demoPerson}`)).json()).toEqual({
      iin: Fixtures.demoPerson,
      convictions: [],
      administrative: [],
    });
  });

  it('echoes the correlation id', async () => {
    const answer = await get(`/gbd-fl/persons/${Fixtures.demoPerson}`, { 'x-correlation-id': 'corr-1' });
    expect(answer.headers.get('x-correlation-id')).toBe('corr-1');
  });

  it('misbehaves as configured: errors, latency, silence — per system', async () => {
    await setFaults({ gbd_fl: { errorRate: 1 } });
    expect((await get(`/gbd-fl/persons/${Fixtures.demoPerson}`)).status).toBe(503);
    expect((await get(`/gbd-ul/entities/${Fixtures.demoCompany}`)).status).toBe(200);
    await setFaults({ gbd_ul: { latencyMs: 300 } });
    const started = Date.now();
    await get(`/gbd-ul/entities/${Fixtures.demoCompany}`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await setFaults({ legal_statistics: { noAnswer: true } });
    await expect(
      fetch(`${base}/legal-statistics/records/${Fixtures.demoPerson}`, { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    await setFaults({ gbd_fl: { failNext: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(`/gbd-fl/persons/${Fixtures.demoPerson}`)).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await setFaults({ gbd_fl: { errorRate: 2 } })).status).toBe(400);
    await setFaults({});
  });

  it('takes payment on its page and signs the callback; a second payment shows as such', async () => {
    const created = await fetch(`${base}/payments/invoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        merchantReference: 'APP-1',
        amount: 432_500,
        currency: 'KZT',
        description: 'Лицензиялық алым',
        callbackUrl,
      }),
    });
    expect(created.status).toBe(201);
    const { invoiceId, paymentUrl } = await created.json();
    expect(await (await fetch(paymentUrl)).text()).toContain('432');
    await fetch(paymentUrl, { method: 'POST' });
    await expect.poll(() => callbacks.length).toBe(1);
    const callback = callbacks[0];
    expect(callback?.signature).toBe(callbackSignature(callback?.body ?? '', secret));
    expect(JSON.parse(callback?.body ?? '{}')).toMatchObject({
      invoiceId,
      merchantReference: 'APP-1',
      amount: 432_500,
    });
    // The callback is lost the second time, and the invoice says it was paid twice.
    await setFaults({ payment_gateway: { callbackLossRate: 1 } });
    await fetch(paymentUrl, { method: 'POST' });
    const status = await (await get(`/payments/invoices/${invoiceId}`)).json();
    expect(status).toMatchObject({ status: 'paid' });
    expect(status.payments).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(callbacks).toHaveLength(1);
    await setFaults({});
  });

  it('publishes the CA’s CRL and answers OCSP about the keys it issued', async () => {
    const key = await ca.issue({
      person: { iin: Fixtures.demoPerson, surname: 'ҚҰСАЙЫНОВ', name: 'АСҚАР' },
      purpose: 'sign',
      notBefore: new Date(Date.now() - 3_600_000),
      notAfter: new Date(Date.now() + 3_600_000),
    });
    const ocsp = new OcspRevocation(
      async (url, request) => {
        const answer = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/ocsp-request' },
          body: bufferOf(request),
        });
        expect(answer.headers.get('content-type')).toBe('application/ocsp-response');
        return new Uint8Array(await answer.arrayBuffer());
      },
      { url: `${base}/nca/ocsp` },
    );
    expect((await ocsp.status(key.certificate, ca.intermediate.certificate, new Date())).status).toBe('good');
    ca.revoke(key.certificate.serialNumber, new Date(Date.now() - 1000));
    expect((await ocsp.status(key.certificate, ca.intermediate.certificate, new Date())).status).toBe('revoked');
    const crl = new X509Crl(new Uint8Array(await (await get('/nca/crl')).arrayBuffer()));
    expect(crl.issuer).toBe(ca.intermediate.certificate.subject);
    expect(await crl.verify({ publicKey: ca.intermediate.certificate.publicKey })).toBe(true);
    expect(crl.findRevoked(key.certificate)).not.toBeNull();
  });
});
