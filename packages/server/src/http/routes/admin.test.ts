import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../audit/audit-log.js';
import type { StaffAdmin } from '../../staff/staff-admin.js';
import type { Store } from '../../store/store.js';
import { identifierFrom } from '../../test-support/engine-driver.js';
import { TestSignIns } from '../../test-support/signed-in.js';
import { openTestApp } from '../../test-support/test-app.js';
import { openTestStore, TEST_DRIVERS } from '../../test-support/test-store.js';
import type { ZodApp } from '../zod-app.js';

const ADMIN = { iin: identifierFrom('70121240004'), surname: 'ӘКІМШІ', name: 'ЖАНАР' };
const OFFICIAL = { iin: identifierFrom('80020230001'), surname: 'СЕРІКБАЕВ', name: 'ЕРЛАН' };
const name = { kk: 'Спорт комитеті', ru: 'Комитет по спорту', en: 'Sport committee' };

describe.each(TEST_DRIVERS)('administration on %s', (driver) => {
  let store: Store;
  let app: ZodApp;
  let admin: StaffAdmin;
  let signIns: TestSignIns;
  const token: Record<string, string> = {};
  const call = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const response = await app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token[who]}` },
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: response.body ? response.json() : null };
  };

  beforeAll(async () => {
    store = await openTestStore(driver);
    signIns = await TestSignIns.create(store.db);
    const opened = await openTestApp(store, { signIns });
    app = opened.app;
    admin = opened.services.admin;
    // The first administrator is put in place from outside the API (the CLI or the demo data).
    await admin.addOrganisation('bootstrap', { id: 'ministry', kind: 'ministry', name });
    await admin.addStaffMember('bootstrap', {
      iin: ADMIN.iin,
      name: 'Жанар Әкімші',
      organisationId: 'ministry',
      roles: ['administrator'],
    });
    token.admin = await signIns.tokenFor(ADMIN);
    token.official = await signIns.tokenFor(OFFICIAL);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('opens an authority and a post, changes its roles and closes it, each taking effect at once and audited', async () => {
    const added = await call('admin', 'POST', '/admin/organisations', {
      id: 'mcs-sport-committee',
      kind: 'authority',
      name,
    });
    expect(added.status).toBe(201);
    const duplicate = await call('admin', 'POST', '/admin/organisations', {
      id: 'mcs-sport-committee',
      kind: 'authority',
      name,
    });
    expect([duplicate.status, duplicate.body.error.code]).toEqual([409, 'ORGANISATION_EXISTS']);
    const orphan = await call('admin', 'POST', '/admin/organisations', {
      id: 'mcs-sport-committee:almaty',
      kind: 'authority_unit',
      name,
    });
    expect([orphan.status, orphan.body.error.code]).toEqual([422, 'ORGANISATION_INVALID']);
    // A unit is named under its own authority: the prefix is what the engine reads.
    await call('admin', 'POST', '/admin/organisations', { id: 'other-committee', kind: 'authority', name });
    const misnamed = await call('admin', 'POST', '/admin/organisations', {
      id: 'other-committee:almaty',
      kind: 'authority_unit',
      parentId: 'mcs-sport-committee',
      name,
    });
    expect([misnamed.status, misnamed.body.error.code]).toEqual([422, 'ORGANISATION_INVALID']);
    const unit = await call('admin', 'POST', '/admin/organisations', {
      id: 'mcs-sport-committee:almaty',
      kind: 'authority_unit',
      parentId: 'mcs-sport-committee',
      name,
    });
    expect(unit.status).toBe(201);

    // Not yet on the staff: the back office is closed to them.
    expect((await call('official', 'GET', '/office/queue')).body.error.code).toBe('STAFF_ONLY');
    const post = await call('admin', 'POST', '/admin/staff', {
      iin: OFFICIAL.iin,
      name: 'Ерлан Серікбаев',
      organisationId: 'mcs-sport-committee',
      roles: ['responsible_executor'],
    });
    expect(post.status).toBe(201);
    const nowhere = await call('admin', 'POST', '/admin/staff', {
      iin: OFFICIAL.iin,
      name: 'Ерлан Серікбаев',
      organisationId: 'no-such-body',
      roles: [],
    });
    expect([nowhere.status, nowhere.body.error.code]).toEqual([404, 'ORGANISATION_NOT_FOUND']);
    // A second post at the same authority (its unit) would let one person draft and sign.
    const second = await call('admin', 'POST', '/admin/staff', {
      iin: OFFICIAL.iin,
      name: 'Ерлан Серікбаев',
      organisationId: 'mcs-sport-committee:almaty',
      roles: ['leadership'],
    });
    expect([second.status, second.body.error.code]).toEqual([409, 'STAFF_POST_EXISTS']);
    expect((await call('official', 'GET', '/office/me')).body.member.roles).toEqual(['responsible_executor']);

    const roles = await call('admin', 'PUT', `/admin/staff/${post.body.id}/roles`, { roles: ['head_of_department'] });
    expect(roles.status).toBe(204);
    expect((await call('official', 'GET', '/office/me')).body.member.roles).toEqual(['head_of_department']);
    const staff = await call('admin', 'GET', '/admin/organisations/mcs-sport-committee/staff');
    expect(staff.body.items).toMatchObject([{ id: post.body.id, iin: OFFICIAL.iin, roles: ['head_of_department'] }]);

    expect((await call('admin', 'POST', `/admin/staff/${post.body.id}/close`)).status).toBe(204);
    expect((await call('official', 'GET', '/office/me')).body.error.code).toBe('STAFF_ONLY');
    // Two requests at once for the same person at the authority and at its unit: one post, not two
    // (tried for several people, as the race is a matter of timing).
    for (const eleven of ['86071140002', '86071140003', '86071140004', '86071140005', '86071140007']) {
      const racing = await Promise.allSettled(
        ['mcs-sport-committee', 'mcs-sport-committee:almaty'].map((organisationId) =>
          admin.addStaffMember('staff:admin', {
            iin: identifierFrom(eleven),
            name: 'Дина',
            organisationId,
            roles: ['leadership'],
          }),
        ),
      );
      expect(racing.map((r) => r.status).sort(), eleven).toEqual(['fulfilled', 'rejected']);
    }
    // Closed, the post may be given again; the old one stays, closed, under the acts it did.
    const reopened = await call('admin', 'POST', '/admin/staff', {
      iin: OFFICIAL.iin,
      name: 'Ерлан Серікбаев',
      organisationId: 'mcs-sport-committee',
      roles: ['responsible_executor'],
    });
    expect(reopened.status).toBe(201);
    expect((await call('official', 'GET', '/office/me')).body.member.id).toBe(reopened.body.id);
    const unknown = await call('admin', 'POST', '/admin/staff/no-such-post/close');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'STAFF_MEMBER_NOT_FOUND']);

    const audit = await store.db.selectFrom('audit_log').select(['actor', 'action']).orderBy('seq').execute();
    expect(audit.filter((a) => a.actor.startsWith('staff:')).map((a) => a.action)).toEqual([
      'organisation.added',
      'organisation.added',
      'organisation.added',
      'staff.added',
      'staff.roles_set',
      'staff.post_closed',
      ...Array(5).fill('staff.added'),
      'staff.added',
    ]);
    expect((await verifyAuditChain(store.db)).intact).toBe(true);
  });

  it('tells each signed-in person which posts they hold, so a client offers the right workspaces', async () => {
    const own = await call('admin', 'GET', '/auth/posts');
    expect(own.status).toBe(200);
    expect(own.body.posts).toEqual([
      {
        id: expect.any(String),
        organisationId: 'ministry',
        organisationKind: 'ministry',
        organisationName: name,
        roles: ['administrator'],
      },
    ]);
    // The official's post was reopened above: one active post, at the committee, with its roles now.
    const official = await call('official', 'GET', '/auth/posts');
    expect(official.body.posts).toMatchObject([
      { organisationId: 'mcs-sport-committee', organisationKind: 'authority', roles: ['responsible_executor'] },
    ]);
    const applicant = { iin: identifierFrom('91010150001'), surname: 'ӨТІНІШ', name: 'БЕРУШІ' };
    token.applicant = await signIns.tokenFor(applicant);
    expect((await call('applicant', 'GET', '/auth/posts')).body).toEqual({ posts: [] });
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/posts' })).statusCode).toBe(401);
  });
});
