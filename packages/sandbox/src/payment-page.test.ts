import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnUrlOf } from './payment-gateway.js';
import { buildSandbox } from './sandbox-app.js';

describe('the payment page', () => {
  let base: string;
  let sandbox: ReturnType<typeof buildSandbox>;

  beforeAll(async () => {
    sandbox = buildSandbox({
      paymentSecret: 'payment-page-secret',
      faults: { payment_gateway: { callbackLossRate: 1 } },
    });
    base = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    sandbox.server.closeAllConnections();
    await sandbox.close();
  });

  const invoice = async (): Promise<string> => {
    const created = await fetch(`${base}/payments/invoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        merchantReference: 'APP-RETURN',
        amount: 4_325,
        currency: 'KZT',
        description: 'Лицензиялық алым',
        callbackUrl: 'http://127.0.0.1:9/lost',
      }),
    });
    return (await created.json()).paymentUrl;
  };

  it('is paid by its HTML form, and links back to the merchant page it was given', async () => {
    const paymentUrl = await invoice();
    const back = 'http://127.0.0.1:9/drafts/20261130-ABC?x=1&y="2"';
    const shown = await (await fetch(`${paymentUrl}?return=${encodeURIComponent(back)}`)).text();
    const action = shown.match(/action="([^"]+)"/)?.[1]?.replaceAll('&#38;', '&');
    expect(action).toBe(`${new URL(paymentUrl).pathname}?return=${encodeURIComponent(new URL(back).toString())}`);
    // As a browser posts the form: urlencoded, empty.
    const paid = await fetch(`${base}${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(paid.status).toBe(200);
    const html = await paid.text();
    expect(html).toContain('Оплачено');
    expect(html).toContain('href="http://127.0.0.1:9/drafts/20261130-ABC?x=1&#38;y=%222%22"');
  });

  it('links back only to the merchant who made the invoice, never to another site or a script', async () => {
    const paymentUrl = await invoice();
    const shown = await (await fetch(`${paymentUrl}?return=${encodeURIComponent('javascript:alert(1)')}`)).text();
    expect(shown).not.toContain('javascript');
    expect(shown).not.toContain('<a ');
    const phishing = await (
      await fetch(`${paymentUrl}?return=${encodeURIComponent('https://ruqsat-pay.example/x')}`)
    ).text();
    expect(phishing).not.toContain('ruqsat-pay.example');
    const merchant = 'https://ruqsat.kz';
    expect(returnUrlOf('data:text/html,<p>', merchant)).toBeNull();
    expect(returnUrlOf('not a url', merchant)).toBeNull();
    expect(returnUrlOf('https://evil.example/drafts/1', merchant)).toBeNull();
    expect(returnUrlOf('https://ruqsat.kz/drafts/1', merchant)).toBe('https://ruqsat.kz/drafts/1');
  });
});
