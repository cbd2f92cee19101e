import { RuqsatError } from '@ruqsat/core';
import { z } from 'zod';
import type { CallContext, GatewayClient } from './gateway-client.js';

/** Invoice ids go into paths: letters, digits and a few separators, never a bare dot or two. */
const InvoiceId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/);

export const InvoiceCreated = z.object({
  invoiceId: InvoiceId,
  // Shown to the applicant as a link: http(s) only, never javascript: or data:.
  paymentUrl: z.url({ protocol: /^https?$/ }),
});
export type InvoiceCreated = z.infer<typeof InvoiceCreated>;

export const InvoiceStatus = z.object({
  invoiceId: z.string(),
  amount: z.number(),
  status: z.enum(['pending', 'paid']),
  payments: z.array(z.object({ paymentId: z.string(), amount: z.number(), paidAt: z.string() })),
});
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

/** The payment gateway (ПШЭП): invoices and their status, the only word on a payment we believe. */
export interface PaymentGateway {
  createInvoice(
    invoice: { reference: string; amount: number; description: string; callbackUrl: string },
    context: CallContext,
  ): Promise<InvoiceCreated>;
  status(invoiceId: string, context: CallContext): Promise<InvoiceStatus | null>;
}

export function httpPaymentGateway(client: GatewayClient): PaymentGateway {
  const parse = <T>(schema: z.ZodType<T>, body: unknown): T => {
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new RuqsatError('GATEWAY_REFUSED', { system: 'payment_gateway', reason: 'malformed answer' });
    return parsed.data;
  };
  return {
    async createInvoice(invoice, context) {
      const answer = await client.call<unknown>(
        {
          operation: 'create_invoice',
          method: 'POST',
          path: 'invoices',
          body: {
            merchantReference: invoice.reference,
            amount: invoice.amount,
            currency: 'KZT',
            description: invoice.description,
            callbackUrl: invoice.callbackUrl,
          },
          // Not repeated on failure: a repeat could open a second invoice for one fee.
          idempotent: false,
        },
        context,
      );
      if (!answer.found) throw new RuqsatError('GATEWAY_REFUSED', { system: 'payment_gateway', reason: 'not found' });
      return parse(InvoiceCreated, answer.body);
    },
    async status(invoiceId, context) {
      if (!InvoiceId.safeParse(invoiceId).success) throw new RuqsatError('PAYMENT_NOT_FOUND', { invoiceId });
      const path = `invoices/${encodeURIComponent(invoiceId)}`;
      const answer = await client.call<unknown>(
        { operation: 'invoice_status', method: 'GET', path, idempotent: true },
        context,
      );
      return answer.found ? parse(InvoiceStatus, answer.body) : null;
    },
  };
}
