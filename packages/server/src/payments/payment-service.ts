import { createHmac, timingSafeEqual } from 'node:crypto';
import { feeFor, type MciTable, type Regulation, RuqsatError, Temporal } from '@ruqsat/core';
import { type Kysely, sql } from 'kysely';
import type { InvoiceStatus, PaymentGateway } from '../gateway/payment-gateway.js';
import type { DatabaseSchema, PaymentsTable } from '../store/schema.js';

export interface PaymentView {
  readonly invoiceId: string;
  readonly reference: string;
  readonly requestKind: string;
  readonly mci: number;
  readonly mciValue: number;
  readonly amount: number;
  readonly paymentUrl: string;
  readonly status: PaymentsTable['status'];
  readonly paidAt: string | null;
}

export interface PaymentLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * Fees through the payment gateway. The fact of payment is the gateway's answer to a status
 * question: a callback only prompts the question (after its signature is checked), and a
 * reconciliation pass asks about every pending invoice, so a lost callback cannot leave a paid
 * fee unseen and a forged or repeated one cannot mark an unpaid fee paid.
 */
export class PaymentService {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly gateway: PaymentGateway,
    private readonly options: {
      readonly mci: MciTable;
      /** Where the gateway sends its callbacks (this server's public URL + the callback route). */
      readonly callbackUrl: string | (() => string);
      readonly callbackSecret: string;
      readonly now: () => Date;
      readonly logger?: PaymentLogger;
    },
  ) {}

  /**
   * The invoice for a reference (an application or draft) and request kind; made once, then reused.
   * Two requests racing may both open an invoice at the gateway; only the first is stored and ever
   * shown, and the other stays unpaid at the gateway.
   */
  async invoiceFor(reference: string, regulation: Regulation, requestKind: string, requestedBy: string) {
    const stored = () => this.invoiceOf(reference, requestKind);
    const existing = await stored();
    if (existing) return existing;
    const now = this.options.now();
    // The MCI value of the day in Almaty, where the fee is paid (not of the UTC date).
    const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO('Asia/Almaty').toPlainDate();
    const fee = feeFor(regulation, requestKind, this.options.mci, today.toString());
    const created = await this.gateway.createInvoice(
      {
        reference,
        amount: fee.tenge,
        description: `${regulation.service.name.kk} / ${regulation.service.name.ru}: ${fee.mci} АЕК/МРП`,
        callbackUrl:
          typeof this.options.callbackUrl === 'string' ? this.options.callbackUrl : this.options.callbackUrl(),
      },
      { requestedBy, applicationId: reference },
    );
    await this.db
      .insertInto('payments')
      .values({
        invoice_id: created.invoiceId,
        reference,
        regulation_id: regulation.id,
        request_kind: requestKind,
        mci: fee.mci,
        mci_value: fee.mciValue,
        amount: fee.tenge,
        payment_url: created.paymentUrl,
        status: 'pending',
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['reference', 'request_kind']).doNothing())
      .execute();
    const invoice = await stored();
    if (!invoice) throw new Error(`the invoice for ${reference} ${requestKind} was neither stored nor found`);
    return invoice;
  }

  async get(invoiceId: string): Promise<PaymentView> {
    const view = await this.#row(this.db.selectFrom('payments').selectAll().where('invoice_id', '=', invoiceId));
    if (!view) throw new RuqsatError('PAYMENT_NOT_FOUND', { invoiceId });
    return view;
  }

  /** The invoice for a reference and request kind, if one was made. */
  async invoiceOf(reference: string, requestKind: string): Promise<PaymentView | null> {
    return this.#row(
      this.db
        .selectFrom('payments')
        .selectAll()
        .where('reference', '=', reference)
        .where('request_kind', '=', requestKind),
    );
  }

  /**
   * The invoice of a reference and request kind as the gateway sees it now: a pending one is asked
   * about first, since its callback may have been lost. A silent gateway throws; it never makes an
   * invoice look unpaid.
   */
  async currentInvoiceOf(reference: string, requestKind: string, requestedBy: string): Promise<PaymentView | null> {
    const invoice = await this.invoiceOf(reference, requestKind);
    if (invoice?.status !== 'pending') return invoice;
    return this.confirm(invoice.invoiceId, requestedBy);
  }

  /**
   * A callback from the gateway, as raw bytes with its signature header. Every callback is kept;
   * one whose signature does not verify is refused. A genuine one makes us ask the gateway.
   */
  async callback(body: string, signature: string | undefined): Promise<PaymentView> {
    const valid = signature !== undefined && this.#signatureValid(body, signature);
    const invoiceId = invoiceIdOf(body);
    const received_at = this.options.now();
    if (!valid) {
      await this.db
        .insertInto('payment_callbacks')
        .values({
          received_at,
          invoice_id: invoiceId,
          signature_valid: false,
          body,
          outcome: 'refused: forged signature',
        })
        .execute();
      this.options.logger?.warn({ invoiceId }, 'payment callback with a bad signature refused');
      throw new RuqsatError('PAYMENT_CALLBACK_FORGED');
    }
    if (!invoiceId || !(await this.#exists(invoiceId))) {
      await this.db
        .insertInto('payment_callbacks')
        .values({
          received_at,
          invoice_id: invoiceId,
          signature_valid: true,
          body,
          outcome: 'refused: unknown invoice',
        })
        .execute();
      throw new RuqsatError('PAYMENT_NOT_FOUND', { invoiceId });
    }
    const keep = (outcome: string) =>
      this.db
        .insertInto('payment_callbacks')
        .values({ received_at, invoice_id: invoiceId, signature_valid: true, body, outcome })
        .execute();
    try {
      const view = await this.confirm(invoiceId, 'payment-callback');
      await keep(`confirmed: ${view.status}`);
      return view;
    } catch (error) {
      // The gateway could not be asked now; reconciliation will ask. The callback is kept either way.
      await keep(`not confirmed: ${error instanceof RuqsatError ? error.code : 'error'}`);
      throw error;
    }
  }

  /** Asks the gateway about an invoice and records what it says. */
  async confirm(invoiceId: string, requestedBy: string): Promise<PaymentView> {
    const before = await this.get(invoiceId);
    const status = await this.gateway.status(invoiceId, { requestedBy, applicationId: before.reference });
    if (!status) throw new RuqsatError('PAYMENT_NOT_FOUND', { invoiceId });
    await this.#apply(before, status);
    return this.get(invoiceId);
  }

  /**
   * The reconciliation pass: pending invoices not asked about in the last `quietMs` are asked about;
   * returns how many turned paid. Every instance runs this job, so the pass first claims its
   * invoices — stamping `checked_at` in one statement over rows taken with SKIP LOCKED — and an
   * invoice claimed by one instance is left alone by the others until it is due again: the gateway
   * hears each question once per interval, not once per instance.
   */
  async reconcile(limit = 100, quietMs = 30_000): Promise<{ checked: number; paid: number; failed: number }> {
    const now = this.options.now();
    const dueBefore = new Date(now.getTime() - quietMs);
    const { rows: pending } = await sql<{ invoice_id: string }>`
      UPDATE payments SET checked_at = ${now}
      WHERE invoice_id IN (
        SELECT invoice_id FROM payments
        WHERE status = 'pending' AND (checked_at IS NULL OR checked_at <= ${dueBefore})
        ORDER BY checked_at NULLS FIRST
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING invoice_id`.execute(this.db);
    let paid = 0;
    let failed = 0;
    for (const { invoice_id } of pending) {
      try {
        if ((await this.confirm(invoice_id, 'payment-reconciliation')).status !== 'pending') paid++;
      } catch (error) {
        failed++; // the gateway is down: the next pass asks again
        this.options.logger?.warn(
          { err: error, invoiceId: invoice_id },
          'reconciliation could not ask about an invoice',
        );
      }
    }
    return { checked: pending.length, paid, failed };
  }

  /**
   * Records what the gateway said, never undoing what an earlier answer showed: payments are merged
   * by id (a slower, staler answer racing a newer one cannot drop a payment), and the status only
   * moves forward — pending → paid → double_paid.
   */
  async #apply(before: PaymentView, status: InvoiceStatus): Promise<void> {
    if (status.invoiceId !== before.invoiceId || status.amount !== before.amount) {
      throw new RuqsatError('GATEWAY_REFUSED', {
        system: 'payment_gateway',
        reason: 'the answer is about another invoice or amount',
      });
    }
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('payments')
        .select(['status', 'gateway_payments', 'paid_at'])
        .where('invoice_id', '=', before.invoiceId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const known = (row.gateway_payments ?? []) as InvoiceStatus['payments'];
      const merged = [...known, ...status.payments.filter((p) => !known.some((k) => k.paymentId === p.paymentId))];
      const total = merged.reduce((sum, p) => sum + p.amount, 0);
      const seen = total >= 2 * before.amount ? 'double_paid' : total >= before.amount ? 'paid' : 'pending';
      const next = RANK[seen] > RANK[row.status] ? seen : row.status;
      if (next === 'double_paid' && row.status !== 'double_paid') {
        this.options.logger?.warn(
          { invoiceId: before.invoiceId, reference: before.reference, payments: merged.map((p) => p.paymentId) },
          'fee paid more than once: refund to be arranged',
        );
      }
      const firstFull = merged.find((p) => p.amount >= before.amount) ?? merged.at(-1);
      await trx
        .updateTable('payments')
        .set({
          status: next,
          gateway_payments: JSON.stringify(merged),
          paid_at: row.paid_at ?? (next !== 'pending' && firstFull ? new Date(firstFull.paidAt) : null),
          checked_at: this.options.now(),
        })
        .where('invoice_id', '=', before.invoiceId)
        .execute();
    });
  }

  #signatureValid(body: string, signature: string): boolean {
    const expected = Buffer.from(
      `sha256=${createHmac('sha256', this.options.callbackSecret).update(body).digest('hex')}`,
    );
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  async #exists(invoiceId: string): Promise<boolean> {
    return (
      (await this.db
        .selectFrom('payments')
        .select('invoice_id')
        .where('invoice_id', '=', invoiceId)
        .executeTakeFirst()) !== undefined
    );
  }

  async #row(query: { executeTakeFirst(): Promise<unknown> }) {
    const row = (await query.executeTakeFirst()) as unknown as
      | (Omit<PaymentsTable, 'mci' | 'gateway_payments'> & { mci: string; gateway_payments: unknown })
      | undefined;
    if (!row) return null;
    return {
      invoiceId: row.invoice_id,
      reference: row.reference,
      requestKind: row.request_kind,
      mci: Number(row.mci),
      mciValue: row.mci_value,
      amount: Number(row.amount),
      paymentUrl: row.payment_url,
      status: row.status,
      paidAt: row.paid_at ? row.paid_at.toISOString() : null,
    } satisfies PaymentView;
  }
}

const RANK = { pending: 0, paid: 1, double_paid: 2 } as const;

/**
 * The invoice a callback names, or null when it names none we could look up or keep. The body is
 * read as text, so the door's NUL check sees only a raw NUL; an escaped `\u0000` appears here, and
 * PostgreSQL text cannot hold it.
 */
function invoiceIdOf(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    const id = (parsed as { invoiceId?: unknown } | null)?.invoiceId;
    return typeof id === 'string' && id.length <= 200 && !id.includes('\u0000') ? id : null;
  } catch {
    return null;
  }
}
