import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { pdfText } from '../../packages/server/src/test-support/poppler.js';
import type { JourneyContext } from '../support/journey-context.js';
import { expectVerifiedValid } from './registry-steps.js';

/** The company's director signs the portal's applications (every service in force is for companies). */
const HOLDER = 'company-head';

/**
 * The whole way, seen from its two ends: the application the applicant started on the portal
 * (journey 1) and staff decided (journey 3) is a licence in the applicant's "My licences"; its
 * signed PDF prints the address its QR code carries; and that address, opened as a phone's camera
 * would, says the licence is valid and signed.
 */
export async function licenceInHandJourney(context: JourneyContext): Promise<void> {
  const application = context.shared.portalApplication;
  const number = context.shared.licenceNumber;
  expect(application, 'journey 1 submits an application on the portal').toBeDefined();
  expect(number, 'journey 3 issues its licence').toMatch(/^KZ\d{2}-\d{8}-\d{2}$/);
  if (!application || !number) return;

  const page = await context.page();
  await context.signIn(page, HOLDER, '/my/licences');
  // Each licence is a card headed by its number.
  await page.getByRole('heading', { level: 2, name: new RegExp(number) }).waitFor({ timeout: 60_000 });
  await context.look(page, 'licence-in-hand-my-licences');

  // The result on the application's own page: the PDF exactly as signed, saved to disk.
  await page.goto(`/my/applications/${encodeURIComponent(application.id)}`);
  await page.getByRole('heading', { level: 2, name: 'Нәтиже' }).waitFor();
  await page.getByRole('button', { name: 'PDF құжатын алу' }).click({ timeout: 60_000 });
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'PDF-ті сақтау' }).click();
  const pdf = readFileSync(await (await download).path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfText(pdf);
  expect(text).toContain(number);
  await context.look(page, 'licence-in-hand-result');

  // The address under the QR code, as printed on the licence, is where a camera goes.
  const qrAddress = text.match(/https?:\/\/\S+\/verify\/[A-Za-z0-9_-]+/)?.[0];
  expect(qrAddress, `the licence prints its verification address:\n${text}`).toBeDefined();
  const camera = await context.page({ phone: true });
  await camera.goto(qrAddress ?? '');
  await expectVerifiedValid(camera, number, 'kk');
  await context.look(camera, 'licence-in-hand-verified-from-qr');
  await camera.context().close();
  await page.context().close();
}
