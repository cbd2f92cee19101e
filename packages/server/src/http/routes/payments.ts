import { z } from 'zod';
import type { PaymentService } from '../../payments/payment-service.js';
import { ErrorEnvelopeSchema } from '../schemas.js';
import type { ZodApp } from '../zod-app.js';

const Payment = z
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
 * The payment gateway's callback, and an invoice's status. The callback is verified on its raw
 * bytes (HMAC-SHA256, `X-Signature: sha256=…`), so this route reads the body as text itself.
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

  app.get(
    '/api/v1/payments/:invoiceId',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['payments'],
        summary: 'An invoice and what the payment gateway last said of it.',
        params: z.object({ invoiceId: z.string().min(1).max(200) }),
        response: { 200: Payment, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => payments.get(request.params.invoiceId),
  );
}
