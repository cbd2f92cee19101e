import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Temporal } from '@ruqsat/core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationService } from '../applications/application-service.js';
import { OutboxWorker } from '../applications/outbox-worker.js';
import { loadLegalTime } from '../calendar/legal-time.js';
import { loadCatalogue } from '../regulations/catalogue.js';
import { StaffAdmin } from '../staff/staff-admin.js';
import type { Store } from '../store/store.js';
import { identifierFrom } from '../test-support/engine-driver.js';
import { openTestStore } from '../test-support/test-store.js';
import { emailingNotificationHandler } from './email-notifications.js';
import { MailSink, messageIdOf, SmtpMailer } from './mailer.js';

const COMPANY = '150740012345';

describe('notifications by e-mail', () => {
  let store: Store;
  let smtp: SMTPServer;
  let port = 0;
  const received: { to: string[]; data: string }[] = [];
  let failNext = false;
  let now = Temporal.Instant.from('2026-03-02T04:00:00Z');

  beforeAll(async () => {
    // A real SMTP server speaking the protocol, standing in for the mail relay.
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (failNext) {
            failNext = false;
            return callback(new Error('451 try again later'));
          }
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as { port: number }).port;
    store = await openTestStore('pglite');
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await store.close();
  });

  it('mails the applicant in their language and the officials of the waiting role, once each', async () => {
    const catalogue = await loadCatalogue();
    const service = new ApplicationService(store.db, catalogue, await loadLegalTime(), () => now);
    const admin = new StaffAdmin(store.db);
    const name = { kk: 'Комитет (kk)', ru: 'Комитет', en: 'Committee' };
    await admin.addOrganisation('test', { id: 'mcs-sport-committee', kind: 'authority', name });
    await admin.addStaffMember('test', {
      iin: identifierFrom('80020230001'),
      name: 'Ерлан',
      organisationId: 'mcs-sport-committee',
      roles: ['responsible_executor'],
      email: 'erlan@sport.gov.kz',
      locale: 'kk',
    });
    await admin.addStaffMember('test', {
      iin: identifierFrom('75050530003'),
      name: 'Қайрат',
      organisationId: 'mcs-sport-committee',
      roles: ['head_of_department'],
      email: 'kairat@sport.gov.kz',
    });
    await store.db
      .insertInto('applicant_contacts')
      .values({
        subject_id: COMPANY,
        email: 'office@almaty-gaming.kz',
        locale: 'ru',
        updated_by: 'test',
        updated_at: new Date(),
      })
      .execute();
    await service.execute({
      applicationId: 'APP-MAIL-1',
      transactionId: 'APP-MAIL-1:submit',
      regulationId: 'casino@2015-mcs-181',
      command: {
        type: 'submit',
        requestKind: 'issue',
        channel: 'portal',
        applicant: { kind: 'legal_entity', id: COMPANY },
      },
      actor: { kind: 'applicant', userId: 'iin:850101300015', subjectId: COMPANY },
    });
    const handler = emailingNotificationHandler(
      new SmtpMailer(`smtp://127.0.0.1:${port}`, 'Ruqsat <no-reply@ruqsat.kz>'),
    );
    const worker = new OutboxWorker(store.db, { notify_applicant: handler, notify_role: handler }, 'test', () => now);

    // The relay refuses the first message: the outbox tries again later, and nobody is mailed twice.
    failNext = true;
    const first = await worker.runOnce();
    expect(first.failed).toBe(1);
    now = now.add({ hours: 1 });
    await worker.runOnce();
    await worker.runOnce();
    const toApplicant = received.filter((m) => m.to.includes('office@almaty-gaming.kz'));
    const toExecutor = received.filter((m) => m.to.includes('erlan@sport.gov.kz'));
    expect(toApplicant).toHaveLength(1);
    expect(toApplicant[0]?.data).toContain('Subject: =?UTF-8?');
    expect(decoded(toApplicant[0]?.data ?? '')).toContain('Ваше заявление зарегистрировано');
    expect(toExecutor).toHaveLength(1);
    expect(decoded(toExecutor[0]?.data ?? '')).toContain('Жаңа жұмыс');
    expect(received.some((m) => m.to.includes('kairat@sport.gov.kz'))).toBe(false);
    const notifications = await store.db.selectFrom('notifications').select('kind').execute();
    expect(notifications.map((n) => n.kind).sort()).toEqual(['registered', 'work_item']);
  });

  it('writes each message to the sink folder as an .eml file on the embedded default', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-mail-'));
    try {
      await new MailSink(dir, 'Ruqsat <no-reply@ruqsat.local>').send({
        to: 'askar@example.kz',
        subject: 'Ruqsat · Өтініш 1',
        text: 'Нәтиже дайын: лицензия берілді',
      });
      const [file] = await readdir(dir);
      const eml = await readFile(path.join(dir, file ?? ''), 'utf8');
      expect(eml).toContain('To: askar@example.kz');
      expect(decoded(eml)).toContain('Нәтиже дайын');
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe('the Message-ID', () => {
  it('is the message key at the domain the sender address names', () => {
    const mail = { to: 'a@example.kz', subject: 's', text: 't', messageKey: 'KZ-1.3.outbox-9.ab' };
    expect(messageIdOf(mail, 'Ruqsat <no-reply@e-license.gov.kz>')).toBe('<KZ-1.3.outbox-9.ab@e-license.gov.kz>');
    expect(messageIdOf(mail, 'no-reply@ruqsat.kz')).toBe('<KZ-1.3.outbox-9.ab@ruqsat.kz>');
    expect(messageIdOf({ ...mail, messageKey: undefined }, 'no-reply@ruqsat.kz')).toBeUndefined();
  });
});

describe('the sink folder, sent the same message again', () => {
  it('keeps one file per message key, so a delivery repeated after a crash is not a second e-mail', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ruqsat-mail-'));
    try {
      const sink = new MailSink(dir, 'Ruqsat <no-reply@ruqsat.local>');
      const mail = {
        to: 'askar@example.kz',
        subject: 'Ruqsat · Өтініш 1',
        text: 'Тіркелді',
        messageKey: 'outbox-7-ab',
      };
      await sink.send(mail);
      await sink.send(mail);
      await sink.send({ ...mail, messageKey: 'outbox-8-ab' });
      const files = (await readdir(dir)).sort();
      expect(files).toEqual(['outbox-7-ab.eml', 'outbox-8-ab.eml']);
      expect(await readFile(path.join(dir, 'outbox-7-ab.eml'), 'utf8')).toContain(
        'Message-ID: <outbox-7-ab@ruqsat.local>',
      );
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

/** The text of a MIME message body (quoted-printable or base64), for reading its words. */
function decoded(raw: string): string {
  const message = raw.replace(/\r\n/g, '\n');
  const headers = message.slice(0, message.indexOf('\n\n'));
  const body = message.slice(headers.length + 2);
  if (/Content-Transfer-Encoding: base64/i.test(headers))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  const qp = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return Buffer.from(qp, 'latin1').toString('utf8');
}
