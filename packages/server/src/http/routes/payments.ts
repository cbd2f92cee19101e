import { z } from 'zod';
import type { PaymentService } from '../../payments/payment-service.js';
import { ErrorEnvelopeSchema } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';

export const Payment = z
  .object({
    invoiceId: z.string(),
    reference: z.string(),
    requestKind: z.string(),
    mci: z.number().describe('the fee in monthly calculation indices (АЕК/МРП)'),
    mciValue: z.number().describe('the MCI value in tenge on the day the invoice was made'),
    amount: z.number().describe('tenge'),
    paymentUrl: z.url(),
    status: z.enum(['pending', 'paid', 'double_paid']),
    paidAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Payment' });

/**
 * The payment gateway's callback, verified on its raw bytes (HMAC-SHA256, `X-Signature:
 * sha256=…`), so this route reads the body as text itself. Applicants read their invoice through
 * their draft (`GET /api/v1/drafts/{id}/invoice`), never by invoice id alone.
 */
export function registerPaymentRoutes(app: ZodApp, payments: PaymentService): void {
  app.register(async (scoped) => {
    scoped.removeContentTypeParser('application/json');
    scoped.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_request, body, done) => done(null, body),
    );
    scoped.post(
      '/api/v1/payments/callback',
      {
        config: { access: 'public' },
        schema: {
          tags: ['payments'],
          summary: 'The payment gateway says an invoice was paid; believed only after asking the gateway.',
          headers: z.object({ 'x-signature': z.string().max(200).optional() }),
          response: { 200: Payment, 401: ErrorEnvelopeSchema, 404: ErrorEnvelopeSchema, 503: ErrorEnvelopeSchema },
        },
      },
      async (request) => {
        const signature = request.headers['x-signature'];
        return payments.callback(String(request.body ?? ''), typeof signature === 'string' ? signature : undefined);
      },
    );
  });
}
