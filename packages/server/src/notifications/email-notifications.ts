import { createHash } from 'node:crypto';
import type { Locale } from '@ruqsat/core';
import type { Kysely } from 'kysely';
import { notificationText } from '../applications/history-words.js';
import { notificationHandler, type OutboxHandler } from '../applications/outbox-worker.js';
import type { DatabaseSchema } from '../store/schema.js';
import type { Mailer } from './mailer.js';

interface Recipient {
  readonly email: string;
  readonly locale: Locale;
}

const SUBJECT: Record<Locale, string> = { kk: 'Өтініш', ru: 'Заявление', en: 'Application' };

/**
 * Notifications in the personal cabinet and by e-mail, in each recipient's language: the
 * applicant at the address they gave (a company at the address an employee gave for it), and the
 * officials of the authority who hold the role a step waits on. Each e-mail of an outbox message
 * is recorded once sent, so a message delivered again does not mail anyone twice; one that fails
 * to send is tried again by the outbox.
 */
export function emailingNotificationHandler(mailer: Mailer): OutboxHandler {
  return async (message, db, now) => {
    await notificationHandler(message, db, now);
    const what = String(message.payload.what);
    const to = String(message.payload.to);
    const recipients =
      message.kind === 'notify_applicant'
        ? await applicantRecipients(db, to)
        : await roleRecipients(db, message.applicationId, to);
    for (const recipient of recipients) {
      const sent = await db
        .selectFrom('email_deliveries')
        .select('outbox_id')
        .where('outbox_id', '=', message.id)
        .where('recipient', '=', recipient.email)
        .executeTakeFirst();
      if (sent) continue;
      const text = notificationText(what, message.payload, recipient.locale);
      await mailer.send({
        to: recipient.email,
        subject: `Ruqsat · ${SUBJECT[recipient.locale]} ${message.applicationId}`,
        text: `${text}\n\n${SUBJECT[recipient.locale]}: ${message.applicationId}\n`,
        // A crash after sending but before recording sends again: the same key keeps it one message.
        // The application and its event name it too: outbox ids alone start again in a database
        // set up anew (a staging reset), and a mail system would take a new message for an old one.
        messageKey: `${message.applicationId}.${message.sequence}.outbox-${message.id}.${createHash('sha256').update(recipient.email).digest('hex').slice(0, 16)}`,
      });
      await db
        .insertInto('email_deliveries')
        .values({ outbox_id: message.id, recipient: recipient.email, sent_at: now })
        .onConflict((oc) => oc.columns(['outbox_id', 'recipient']).doNothing())
        .execute();
    }
  };
}

async function applicantRecipients(db: Kysely<DatabaseSchema>, subjectId: string): Promise<Recipient[]> {
  const contact = await db
    .selectFrom('applicant_contacts')
    .select(['email', 'locale'])
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return contact ? [contact] : [];
}

/** The officials holding the role at the application's authority (or one of its units) who gave an address. */
async function roleRecipients(db: Kysely<DatabaseSchema>, applicationId: string, role: string): Promise<Recipient[]> {
  const application = await db
    .selectFrom('applications')
    .select('authority_id')
    .where('id', '=', applicationId)
    .executeTakeFirst();
  if (!application) return [];
  const staff = await db
    .selectFrom('staff_members as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select(['s.email', 's.locale', 's.roles'])
    .where((eb) => eb.or([eb('o.id', '=', application.authority_id), eb('o.parent_id', '=', application.authority_id)]))
    .where('s.active', '=', true)
    .where('s.email', 'is not', null)
    .execute();
  return staff.filter((s) => s.roles.includes(role)).map((s) => ({ email: s.email as string, locale: s.locale }));
}
