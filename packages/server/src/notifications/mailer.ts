import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /**
   * The same for every sending of one message (e.g. outbox message × recipient). A message sent
   * again after a crash between sending and recording it keeps its Message-ID, so mail systems
   * (and the sink folder, which names the file by it) hold it once.
   */
  readonly messageKey?: string;
}

/**
 * A Message-ID made of the message's key, stable across sendings, at the sender's own domain (the
 * one MAIL_FROM names): a Message-ID must be unique in the world, and mail systems drop a message
 * whose id they have seen before.
 */
export function messageIdOf(mail: Mail, from: string): string | undefined {
  if (mail.messageKey === undefined) return undefined;
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'ruqsat.local';
  return `<${mail.messageKey}@${domain}>`;
}

/** Where e-mail goes: an SMTP server, or a local folder on the embedded default. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** A real SMTP server (SMTP_URL, e.g. `smtp://user:pass@mail.example.kz:587`). */
export class SmtpMailer implements Mailer {
  readonly #transport: nodemailer.Transporter;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.#transport = nodemailer.createTransport(url);
  }

  async send(mail: Mail): Promise<void> {
    const messageId = messageIdOf(mail, this.from);
    await this.#transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(messageId ? { messageId } : {}),
    });
  }
}

/**
 * The embedded default's post office: each message written as an RFC 5322 `.eml` file in a
 * folder, which any mail client opens — so a demo shows real e-mail without a mail server. A
 * message with a key is written under that key, whole or not at all: sent again, it replaces itself.
 */
export class MailSink implements Mailer {
  readonly #transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  #count = 0;
  constructor(
    private readonly dir: string,
    private readonly from: string,
  ) {}

  async send(mail: Mail): Promise<void> {
    const messageId = messageIdOf(mail, this.from);
    const info = await this.#transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(messageId ? { messageId } : {}),
    });
    await mkdir(this.dir, { recursive: true });
    const unique = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${++this.#count}`;
    const name = `${mail.messageKey?.replace(/[^A-Za-z0-9._-]/g, '_') ?? unique}.eml`;
    const partial = path.join(this.dir, `.${unique}.partial`);
    await writeFile(partial, info.message as Buffer);
    await rename(partial, path.join(this.dir, name));
  }
}

/** The configured mailer: SMTP when SMTP_URL is set, else the sink folder. */
export function configuredMailer(config: {
  readonly SMTP_URL?: string | undefined;
  readonly MAIL_FROM: string;
  readonly DATA_DIR: string;
}): Mailer {
  return config.SMTP_URL
    ? new SmtpMailer(config.SMTP_URL, config.MAIL_FROM)
    : new MailSink(path.join(config.DATA_DIR, 'mail'), config.MAIL_FROM);
}
