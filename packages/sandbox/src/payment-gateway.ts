import { createHmac, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FaultInjector } from './faults.js';

export interface Invoice {
  readonly invoiceId: string;
  readonly merchantReference: string;
  readonly amount: number;
  readonly currency: 'KZT';
  readonly description: string;
  readonly callbackUrl: string;
  readonly createdAt: string;
  readonly payments: { readonly paymentId: string; readonly amount: number; readonly paidAt: string }[];
}

const NewInvoice = z.strictObject({
  merchantReference: z.string().min(1).max(200),
  amount: z.number().int().positive(),
  currency: z.literal('KZT'),
  description: z.string().min(1).max(500),
  callbackUrl: z.url(),
});

/**
 * The payment gateway (ПШЭП): invoices, a payment page, and a signed callback to the merchant.
 * The callback carries `X-Signature: sha256=<HMAC of the body>` with the merchant's secret, and is
 * sent once; a lost callback is the merchant's to recover by asking the invoice's status. Paying an
 * invoice twice is possible (two banks, two windows) and shows as two payments.
 */
export function registerPaymentGateway(
  app: FastifyInstance,
  options: { readonly secret: string; readonly faults: FaultInjector; readonly now: () => Date },
): void {
  const invoices = new Map<string, Invoice>();

  app.post('/payments/invoices', async (request, reply) => {
    const parsed = NewInvoice.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ code: 'INVALID_INVOICE', issues: parsed.error.issues });
    const invoice: Invoice = {
      invoiceId: `INV-${randomUUID()}`,
      ...parsed.data,
      createdAt: options.now().toISOString(),
      payments: [],
    };
    invoices.set(invoice.invoiceId, invoice);
    const base = `${request.protocol}://${request.host}`;
    return reply.code(201).send({ invoiceId: invoice.invoiceId, paymentUrl: `${base}/pay/${invoice.invoiceId}` });
  });

  app.get<{ Params: { id: string } }>('/payments/invoices/:id', async (request, reply) => {
    const invoice = invoices.get(request.params.id);
    if (!invoice) return reply.code(404).send({ code: 'INVOICE_NOT_FOUND' });
    return statusOf(invoice);
  });

  // The payment page's button posts an HTML form; its (empty) body carries nothing the page needs.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  app.get<{ Params: { id: string }; Querystring: { return?: string } }>('/pay/:id', async (request, reply) => {
    const invoice = invoices.get(request.params.id);
    if (!invoice)
      return reply.code(404).type('text/html; charset=utf-8').send(page('Шот табылмады / Счёт не найден', ''));
    const back = returnUrlOf(request.query.return, new URL(invoice.callbackUrl).origin);
    const paid = invoice.payments.length > 0;
    const action = `/pay/${encodeURIComponent(invoice.invoiceId)}${back ? `?return=${encodeURIComponent(back)}` : ''}`;
    const body = `<p>${escapeHtml(invoice.description)}</p>
<p><strong>${invoice.amount.toLocaleString('ru-RU')} ₸</strong></p>
${paid ? '<p role="status">Төленді / Оплачено</p>' : ''}
<form method="post" action="${escapeHtml(action)}"><button type="submit">Төлеу / Оплатить</button></form>
${returnLink(back)}`;
    return reply.type('text/html; charset=utf-8').send(page('Төлем / Оплата — SANDBOX', body));
  });

  app.post<{ Params: { id: string }; Querystring: { return?: string } }>('/pay/:id', async (request, reply) => {
    const invoice = invoices.get(request.params.id);
    if (!invoice) return reply.code(404).send({ code: 'INVOICE_NOT_FOUND' });
    const payment = { paymentId: `PAY-${randomUUID()}`, amount: invoice.amount, paidAt: options.now().toISOString() };
    invoice.payments.push(payment);
    if (!options.faults.loseCallback()) void sendCallback(invoice, payment, options.secret, request.log);
    return reply
      .type('text/html; charset=utf-8')
      .send(
        page(
          'Төленді / Оплачено',
          `<p role="status">${escapeHtml(payment.paymentId)}</p>${returnLink(returnUrlOf(request.query.return, new URL(invoice.callbackUrl).origin))}`,
        ),
      );
  });
}

/**
 * Where the payer asked to be sent back after paying: a page of the merchant who made the invoice
 * (the origin of its callback address), as real gateways fix the back link to the merchant's site.
 * Anything else — another site a phishing link names, a javascript: or data: URL — is ignored,
 * never linked under the words "back to Ruqsat".
 */
export function returnUrlOf(value: unknown, merchantOrigin: string): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  try {
    const url = new URL(value);
    const web = url.protocol === 'http:' || url.protocol === 'https:';
    return web && url.origin === merchantOrigin ? url.toString() : null;
  } catch {
    return null;
  }
}

function returnLink(url: string | null): string {
  return url ? `<p><a href="${escapeHtml(url)}">Ruqsat-қа оралу / Вернуться в Ruqsat</a></p>` : '';
}

export function statusOf(invoice: Invoice) {
  return {
    invoiceId: invoice.invoiceId,
    merchantReference: invoice.merchantReference,
    amount: invoice.amount,
    currency: invoice.currency,
    status: invoice.payments.length > 0 ? 'paid' : 'pending',
    payments: invoice.payments,
  };
}

/** The merchant's check of a callback: HMAC-SHA256 of the raw body with the shared secret. */
export function callbackSignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

async function sendCallback(
  invoice: Invoice,
  payment: Invoice['payments'][number],
  secret: string,
  log: { warn: (o: object, m: string) => void },
): Promise<void> {
  const body = JSON.stringify({
    invoiceId: invoice.invoiceId,
    merchantReference: invoice.merchantReference,
    ...payment,
  });
  try {
    await fetch(invoice.callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': callbackSignature(body, secret) },
      body,
      signal: AbortSignal.timeout(5_000),
    });
  } catch (error) {
    // Sent once, as real gateways often do; the merchant reconciles.
    log.warn({ err: error, invoiceId: invoice.invoiceId }, 'payment callback not delivered');
  }
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="kk"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f6f9;color:#1a1d21}main{max-width:32rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #c4ccd6;border-radius:6px}button{font:inherit;font-weight:600;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#00457c;color:#fff;cursor:pointer}a{color:#00457c}</style>
<main><h1>${escapeHtml(title)}</h1>${body}</main></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
