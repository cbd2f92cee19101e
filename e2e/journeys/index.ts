import { afterAll, beforeAll, describe, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../support/browser.js';
import { JourneyContext } from '../support/journey-context.js';
import { type Driver, startRuqsat } from '../support/ruqsat-server.js';
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
  });
}
