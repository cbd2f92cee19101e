import { expect } from 'vitest';
import type { JourneyContext } from '../support/journey-context.js';

/** The frame every journey stands on: language, sign-in by key, sign-out. */
export async function smokeJourney(context: JourneyContext): Promise<void> {
  const page = await context.page();
  await page.goto('/');
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('kk');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await context.look(page, 'home-kk');

  await page.getByRole('button', { name: 'Русский' }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ru');
  await page.reload();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ru');

  await context.signIn(page, 'applicant');
  await page.getByRole('button', { name: 'Выйти' }).waitFor();
  await context.look(page, 'home-signed-in');
  await page.getByRole('button', { name: 'Выйти' }).click();
  await page.getByRole('link', { name: 'Войти' }).first().waitFor();
  await page.context().close();
}
