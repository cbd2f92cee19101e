import { checkLicenceNumber, formatLicenceNumber, type Regulation } from '@ruqsat/core';
import { toPkcs12 } from '@ruqsat/pki';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodApp } from '../http/zod-app.js';
import { loadCatalogue } from '../regulations/catalogue.js';
import type { Store } from '../store/store.js';
import { identifierFrom } from '../test-support/engine-driver.js';
import { TestSignIns } from '../test-support/signed-in.js';
import { seedSyntheticLicences } from '../test-support/synthetic-licences.js';
import { openTestApp } from '../test-support/test-app.js';
import { openTestStore, TEST_DRIVERS } from '../test-support/test-store.js';
import { namePage } from './name-search.js';

const catalogue = await loadCatalogue();
const casino = catalogue.get('casino@2015-mcs-181') as Regulation;
const poisons = catalogue.get('poisons@2012-mint-364') as Regulation;
const SYNTHETIC = 3_000;

const person = (eleven: string, surname: string, name: string) => ({ iin: identifierFrom(eleven), surname, name });
const LEADER = person('70121240004', 'НҰРҒАЛИЕВА', 'ГҮЛНАР');
const EXECUTOR = person('80020230001', 'СЕРІКБАЕВ', 'ЕРЛАН');
const STRANGER = person('82030330005', 'ТӨЛЕГЕНОВ', 'БАҚЫТ');

describe.each(TEST_DRIVERS)('the licence registry on %s', (driver) => {
  let store: Store;
  let app: ZodApp;
  let signIns: TestSignIns;
  const token: Record<string, string> = {};

  const call = async (who: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const response = await app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { 'accept-language': 'en', ...(who ? { authorization: `Bearer ${token[who]}` } : {}) },
      ...(payload ? { payload } : {}),
    });
    const json = String(response.headers['content-type'] ?? '').includes('json');
    return { status: response.statusCode, body: json ? response.json() : response.body };
  };

  beforeAll(async () => {
    store = await openTestStore(driver);
    signIns = await TestSignIns.create(store.db);
    const opened = await openTestApp(store, { signIns });
    app = opened.app;
    const admin = opened.services.admin;
    const name = { kk: 'Committee (kk)', ru: 'Committee (ru)', en: 'Committee' };
    await admin.addOrganisation('test', { id: casino.authority.id, kind: 'authority', name });
    await admin.addOrganisation('test', { id: poisons.authority.id, kind: 'authority', name });
    const post = (who: typeof LEADER, organisationId: string, roles: string[]) =>
      admin.addStaffMember('test', {
        id: who.surname.toLowerCase(),
        iin: who.iin,
        name: who.name,
        organisationId,
        roles,
      });
    await post(LEADER, casino.authority.id, ['leadership']);
    await post(EXECUTOR, casino.authority.id, ['responsible_executor']);
    await post(STRANGER, poisons.authority.id, ['authorised_person']);
    for (const [key, who] of Object.entries({ leader: LEADER, executor: EXECUTOR, stranger: STRANGER })) {
      token[key] = await signIns.tokenFor(who);
    }
    await seedSyntheticLicences(store.db, {
      count: SYNTHETIC,
      services: [casino, poisons].map((r) => ({
        serviceId: r.service.id,
        regulationId: r.id,
        authorityId: r.authority.id,
      })),
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('registers an official’s own SIGN key only: not a wrong password, an AUTH key or someone else’s', async () => {
    expect((await call('leader', 'GET', '/office/signing-key')).body).toEqual({ registered: false });
    const register = async (key: Parameters<typeof toPkcs12>[0], password = 'right password', typed = password) =>
      call('leader', 'PUT', '/office/signing-key', {
        keyFile: Buffer.from(await toPkcs12(key, { password, iterations: 2048 })).toString('base64'),
        password: typed,
      });
    const own = await signIns.keyFor(LEADER, 'sign');
    for (const refused of [
      await register(own, 'right password', 'wrong password'),
      await register(await signIns.keyFor(LEADER, 'auth')),
      await register(await signIns.keyFor(EXECUTOR, 'sign')),
    ]) {
      expect([refused.status, refused.body.error.code]).toEqual([400, 'SIGNING_KEY_REJECTED']);
    }
    const registered = await register(own);
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({ registered: true, serialNumber: own.certificate.serialNumber });
  });

  it('finds licences by number, holder, name fragment, service and status, page after page', async () => {
    const all = [];
    let after: string | null = null;
    do {
      const page: { body: { items: { number: string }[]; next: string | null } } = await call(
        null,
        'GET',
        `/registry/licences?limit=100${after ? `&after=${after}` : ''}`,
      );
      all.push(...page.body.items);
      after = page.body.next;
    } while (after);
    expect(all).toHaveLength(SYNTHETIC);
    expect(new Set(all.map((l) => l.number)).size).toBe(SYNTHETIC);
    expect(all.every((l) => checkLicenceNumber(l.number).valid)).toBe(true);

    const some = all[1234] as { number: string; holder: { id: string } };
    const byNumber = await call(
      null,
      'GET',
      `/registry/licences?number=${some.number.toLowerCase().replaceAll('-', '')}`,
    );
    expect(byNumber.body.items.map((l: { number: string }) => l.number)).toEqual([some.number]);
    const typo = `${some.number.slice(0, 6)}${(Number(some.number[6]) + 1) % 10}${some.number.slice(7)}`;
    const mistyped = await call(null, 'GET', `/registry/licences?number=${typo}`);
    expect([mistyped.status, mistyped.body.error.code]).toEqual([400, 'LICENCE_NUMBER_INVALID']);

    const fragment = await call(null, 'GET', `/registry/licences?name=${encodeURIComponent('ғарыш')}&limit=100`);
    expect(fragment.body.items.length).toBeGreaterThan(0);
    for (const l of fragment.body.items) expect(l.holder.name.toLowerCase()).toContain('ғарыш');

    const suspended = await call(null, 'GET', `/registry/licences?service=${poisons.service.id}&status=suspended`);
    expect(suspended.body.items.length).toBeGreaterThan(0);
    for (const l of suspended.body.items)
      expect(l).toMatchObject({ serviceId: poisons.service.id, status: 'suspended' });
  });

  it('pages a name search exactly as one ORDER BY over every match would, common fragment or rare', async () => {
    const fragments = ['ғарыш', 'алтын тау', 'номад энерго 1', 'сервис 77', 'іскер', 'жоқ мұндай', 'а'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fragments),
        fc.integer({ min: 0, max: SYNTHETIC }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 5, max: 200 }),
        async (fragment, skip, count, window) => {
          const pattern = `%${fragment}%`;
          const after =
            skip === 0
              ? ''
              : ((
                  await store.db
                    .selectFrom('licences')
                    .select('number')
                    .orderBy('number')
                    .offset(skip - 1)
                    .limit(1)
                    .executeTakeFirst()
                )?.number ?? '');
          const expected = await store.db
            .selectFrom('licence_search')
            .select('number')
            .where('search_name', 'like', pattern)
            .where('number', '>', after)
            .orderBy('number')
            .limit(count)
            .execute();
          expect(await namePage(store.db, pattern, after, count, window)).toEqual(expected.map((r) => r.number));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('masks a person’s name and IIN, and does not find them by the full name', async () => {
    const people = (await call(null, 'GET', '/registry/licences?limit=100')).body.items.filter(
      (l: { holder: { kind: string } }) => l.holder.kind === 'individual',
    );
    expect(people.length).toBeGreaterThan(0);
    for (const l of people) {
      expect(l.holder.id).toMatch(/^\d{2}\*{8}\d{2}$/);
      expect(l.holder.name).toMatch(/^(\S\.\s?)+$/u);
    }
    const companies = await call(null, 'GET', '/registry/licences?name=ЖШС&limit=100');
    expect(companies.body.items.every((l: { holder: { kind: string } }) => l.holder.kind === 'legal_entity')).toBe(
      true,
    );
  });

  it('exports the public registry as CSV and JSON, whole, with nothing a spreadsheet would run', async () => {
    const csv = await app.inject({ method: 'GET', url: '/api/v1/registry/export.csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.split('\r\n').filter(Boolean);
    expect(lines[0]?.startsWith('\ufeffnumber,status,')).toBe(true);
    expect(lines).toHaveLength(SYNTHETIC + 1);
    expect(lines.some((l) => /,[=+@-]/.test(l))).toBe(false);
    const json = await app.inject({ method: 'GET', url: '/api/v1/registry/export.json' });
    const rows = JSON.parse(json.body) as { number: string; holder: { id: string } }[];
    expect(rows).toHaveLength(SYNTHETIC);
    expect(rows.filter((r) => r.holder.id.includes('*')).length).toBe(SYNTHETIC / 10);
  });

  it('lets only an official of the licence’s authority who signs its results change it, on a ground', async () => {
    const page = await call(null, 'GET', `/registry/licences?service=${casino.service.id}&status=active&limit=1`);
    const number = page.body.items[0].number as string;
    const change = (who: string, legalGround = 'Order No. 77 of the committee') =>
      call(who, 'POST', `/office/licences/${number}/changes`, {
        transactionId: `${who}-${number}`,
        change: 'suspended',
        legalGround,
      });
    const executor = await change('executor');
    expect([executor.status, executor.body.error.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    const stranger = await change('stranger');
    expect([stranger.status, stranger.body.error.code]).toEqual([404, 'REGISTRY_ENTRY_NOT_FOUND']);
    const suspended = await change('leader');
    expect(suspended.status).toBe(200);
    // The same transaction id with another ground is a client's mistake, not a repeat.
    const reused = await change('leader', 'Order No. 78 of the committee');
    expect([reused.status, reused.body.error.code]).toEqual([409, 'TRANSACTION_ID_REUSED']);
    expect(suspended.body.licence.status).toBe('suspended');
    expect(suspended.body.history.at(-1)).toMatchObject({
      change: 'suspended',
      statusAfter: 'suspended',
      legalGround: 'Order No. 77 of the committee',
    });
    const audited = await store.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('subject', '=', number)
      .execute();
    expect(audited).toEqual([{ actor: 'staff:нұрғалиева', action: 'licence.suspended' }]);
  });

  it('records every verification by number, found or not, and tells a typo from an unknown number', async () => {
    const number = (await call(null, 'GET', '/registry/licences?limit=1')).body.items[0].number as string;
    const found = await call(null, 'GET', `/verify/licences/${number}`);
    // A synthetic licence has no signed document: the registry still answers for its status.
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ licence: { number }, document: null, signature: null });
    const unknown = formatLicenceNumber({ year: 2099, serial: 99_999_999 });
    const missing = await call(null, 'GET', `/verify/licences/${unknown}`);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'REGISTRY_ENTRY_NOT_FOUND']);
    const typo = await call(null, 'GET', `/verify/licences/${unknown.replace('KZ99', 'KZ98')}`);
    expect([typo.status, typo.body.error.code]).toEqual([400, 'LICENCE_NUMBER_INVALID']);
    const rows = await store.db.selectFrom('verifications').select(['licence_number', 'via', 'found']).execute();
    expect(rows).toEqual(
      expect.arrayContaining([
        { licence_number: number, via: 'number', found: true },
        { licence_number: unknown, via: 'number', found: false },
      ]),
    );
    const page = await app.inject({ method: 'GET', url: '/verify/no-such-document-id?lang=kk' });
    expect([page.statusCode, page.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    expect(page.body).toContain('Тізілімде мұндай лицензия немесе құжат жоқ.');
  });
});
