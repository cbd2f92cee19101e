import { afterAll, beforeAll, describe, it } from 'vitest';
import { chromiumMissing, clearScreenshots, launchChromium } from '../support/browser.js';
import { JourneyContext } from '../support/journey-context.js';
import { type Driver, startRuqsat } from '../support/ruqsat-server.js';
import { adminJourney } from './admin.js';
import { applicantJourney } from './applicant.js';
import { centreJourney } from './centre.js';
import { keyboardJourney } from './keyboard.js';
import { licenceInHandJourney } from './licence-in-hand.js';
import { officeJourney } from './office.js';
import { publicJourney } from './public.js';
import { smokeJourney } from './smoke.js';

const JOURNEY_TIMEOUT_MS = 300_000;

/**
 * The five journeys of every audience, in one browser against one server on `driver`, in order:
 * later journeys finish what earlier ones started (the portal's application is decided by staff,
 * its licence verified by the public).
 */
export function defineJourneys(driver: Driver): void {
  const missing = chromiumMissing();
  const noDatabase = driver === 'postgres' && !process.env.DATABASE_URL;
  if (missing) console.warn(`\n*** ${missing} ***\n`);
  if (noDatabase) console.warn('\n*** the browser journeys on PostgreSQL are SKIPPED: DATABASE_URL is not set ***\n');

  describe.skipIf(missing !== null || noDatabase).sequential(`browser journeys on ${driver}`, () => {
    let context: JourneyContext;
    beforeAll(async () => {
      clearScreenshots(driver);
      const [server, browser] = await Promise.all([startRuqsat(driver), launchChromium()]);
      context = new JourneyContext(server, browser);
    }, 180_000);
    afterAll(async () => {
      await context?.browser.close();
      await context?.server.stop();
    }, 60_000);

    it(
      'the app opens in Kazakh, switches language and signs in with a key file',
      () => smokeJourney(context),
      JOURNEY_TIMEOUT_MS,
    );
    it(
      'by keyboard alone: skip link, language, sign-in with a key file, menu, registry search and a result',
      () => keyboardJourney(context),
      JOURNEY_TIMEOUT_MS,
    );
    it(
      '1. applicant: applies, pays and signs on the portal, follows the status, gets the licence PDF, asks for a reissue and a duplicate',
      () => applicantJourney(context),
      JOURNEY_TIMEOUT_MS,
    );
    it(
      '2. centre operator: books a visit, works the queue, takes a walk-in signed by the operator, prints the receipt, hands a result over',
      () => centreJourney(context),
      JOURNEY_TIMEOUT_MS,
    );
    it(
      '3. authority staff: works the inbox, assigns in bulk, walks an application through every step to a signed licence, refuses another, delegates',
      () => officeJourney(context),
      JOURNEY_TIMEOUT_MS,
    );
    it(
      '4. public: searches the registry, opens a licence and verifies it from its QR code',
      () => publicJourney(context),
      JOURNEY_TIMEOUT_MS,
    );
    it(
      '5. administrator: reads the dashboards over a period, a regulation process as BPMN beside its steps, opens, changes and closes a post, reads the 2026 calendar',
      () => adminJourney(context),
      JOURNEY_TIMEOUT_MS,
    );
    it(
      'end to end: the licence the portal applied for and staff issued is in the holder’s hands, and its QR address verifies it',
      () => licenceInHandJourney(context),
      JOURNEY_TIMEOUT_MS,
    );
  });
}
