import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { JourneyContext } from '../support/journey-context.js';

const REGULATION = 'casino@2015-mcs-181';
const AUTHORITY = 'mcs-sport-committee';

interface Localized {
  readonly kk: string;
  readonly ru: string;
  readonly en: string;
}

/**
 * The administrator: dashboards with figures from the demo and a new period, a regulation's
 * process as a BPMN diagram beside its steps table, a post opened, its roles changed and closed,
 * and the 2026 calendar with its holidays and their reasons. Russian on a desktop; Kazakh on a phone.
 */
export async function adminJourney(context: JourneyContext): Promise<void> {
  const page = await context.page({ language: 'ru' });
  await context.signIn(page, 'administrator', '/admin');
  await dashboards(context, page);
  await regulation(context, page);
  await staff(context, page);
  await calendar(context, page);
  await page.context().close();

  const phone = await context.page({ phone: true });
  await context.signIn(phone, 'administrator', '/admin/calendars/2026');
  await phone.locator('td[data-date="2026-03-22"].day-holiday').waitFor();
  await context.look(phone, 'admin-calendar-phone');
  await phone.getByRole('link', { name: 'Көрсеткіштер' }).click();
  await figureName(phone, 'Мәртебесі бойынша өтініштер');
  await context.look(phone, 'admin-dashboard-phone');
  await phone.context().close();
}

/** The numbers an accessible chart name says ("… Выдано: 12; Отказано: 3 …"), added up. */
async function figureName(page: Page, title: string): Promise<string> {
  const figure = page.locator('figure').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
  const chart = figure.getByRole('img');
  await chart.waitFor();
  return (await chart.getAttribute('aria-label')) ?? '';
}

function sumOf(label: string): number {
  return [...label.matchAll(/: (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

async function dashboards(context: JourneyContext, page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Показатели администратора' }).waitFor();
  await expect.poll(() => page.getByText(/Поступило за период: \d+/).textContent()).not.toMatch(/: 0$/);
  expect(sumOf(await figureName(page, 'Заявления по статусу'))).toBeGreaterThan(0);
  expect(sumOf(await figureName(page, 'Заявления по каналу подачи'))).toBeGreaterThan(0);
  expect(await figureName(page, 'Соблюдение сроков по лицензиарам')).toMatch(/\d+\s?%/);
  await page.getByRole('heading', { name: 'Анкетирование' }).waitFor();
  // The same figures as a table, opened from the chart.
  const byStatus = page.locator('figure').filter({ has: page.getByRole('heading', { name: 'Заявления по статусу' }) });
  await byStatus.getByText('Показать таблицей').click();
  await byStatus
    .getByRole('table', { name: 'Заявления по статусу' })
    .getByRole('columnheader', { name: 'Выдано' })
    .waitFor();
  await context.look(page, 'admin-dashboard');

  // Another period: the reports are asked again, for the new dates, and the address keeps them.
  const to = await page.getByLabel('Конец (включительно)').inputValue();
  const from = isoDaysBefore(to, 13);
  const asked = page.waitForRequest(
    (r) => r.url().includes('/admin/reports/deadlines') && r.url().includes(`from=${from}`),
  );
  const askedApplications = page.waitForRequest(
    (r) => r.url().includes('/admin/reports/applications') && r.url().includes(`from=${from}`),
  );
  await page.getByLabel('Начало').fill(from);
  await page.getByRole('button', { name: 'Показать', exact: true }).click();
  await Promise.all([asked, askedApplications]);
  await page.waitForURL((url) => url.searchParams.get('from') === from);
  await figureName(page, 'Заявления по статусу');

  // A preset period is one link away.
  const preset = page.waitForRequest(
    (r) => r.url().includes('/admin/reports/survey') && !r.url().includes(`from=${from}`),
  );
  await page.getByRole('link', { name: 'Последние 30 дней' }).click();
  await preset;
}

function isoDaysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

async function regulation(context: JourneyContext, page: Page): Promise<void> {
  const full = (await (await fetch(`${context.server.baseUrl}/api/v1/regulations/${REGULATION}`)).json()) as {
    service: { name: Localized };
    processes: { id: string; steps: { name: Localized }[] }[];
  };
  await page
    .getByRole('navigation', { name: 'Разделы администрирования' })
    .getByRole('link', { name: 'Процессы' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Процессы оказания услуг' }).waitFor();
  await context.look(page, 'admin-regulations');
  await page.getByRole('link', { name: full.service.name.ru, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: full.service.name.ru }).waitFor();

  // The diagram, drawn by bpmn-js: its shapes, and the names of the process's tasks in them.
  const diagram = page.getByRole('figure', { name: /Диаграмма BPMN: Выдача лицензии/ });
  await diagram.locator('svg .djs-element.djs-shape').first().waitFor();
  expect(await diagram.locator('svg [data-element-id]').count()).toBeGreaterThan(10);
  const steps = full.processes.find((p) => p.id === 'issue')?.steps ?? [];
  expect(steps.length).toBeGreaterThan(3);
  const squeeze = (text: string) => text.replace(/\s+/g, '');
  const drawn = squeeze((await diagram.locator('svg').first().textContent()) ?? '');
  for (const step of steps) expect(drawn).toContain(squeeze(step.name.ru));

  // Beside it, the steps table says the same in words, with terms and sources.
  const table = page.getByRole('table', { name: 'Шаги процесса «Выдача лицензии»' });
  for (const step of steps) await table.getByRole('rowheader', { name: step.name.ru }).waitFor();
  await table.getByText('2 раб. дн.').first().waitFor();
  await table.getByText('000_afb18e1b515c3bad.txt').first().waitFor();
  await context.look(page, 'admin-regulation');

  // Another request kind draws its own process.
  await page.getByRole('link', { name: 'Дубликат', exact: true }).click();
  await page
    .getByRole('figure', { name: /Диаграмма BPMN: Дубликат/ })
    .locator('svg .djs-shape')
    .first()
    .waitFor();
  await page.getByRole('table', { name: 'Шаги процесса «Дубликат»' }).waitFor();
}

/** A valid IIN nobody in the demo has: a birth date, a century digit, a serial, the control digit. */
function newIin(): string {
  for (let serial = Date.now() % 9000; ; serial += 1) {
    const digits = `9005153${String(1000 + (serial % 9000)).padStart(4, '0')}`.split('').map(Number);
    const weigh = (weights: number[]) => digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0) % 11;
    let control = weigh([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if (control === 10) control = weigh([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    if (control < 10) return `${digits.join('')}${control}`;
  }
}

async function staff(context: JourneyContext, page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Сотрудники и роли' }).click();
  await page.getByRole('heading', { level: 1, name: 'Сотрудники и роли' }).waitFor();
  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Открыть должность' }) });
  const organisations = (await (
    await fetch(`${context.server.baseUrl}/api/v1/admin/organisations`, {
      headers: { authorization: `Bearer ${await page.evaluate(() => sessionStorage.getItem('ruqsat.token'))}` },
    })
  ).json()) as { items: { id: string; name: Localized }[] };
  const authority = organisations.items.find((o) => o.id === AUTHORITY)?.name.ru ?? AUTHORITY;
  await form.getByLabel('Организация').selectOption({ label: authority });
  await page.getByRole('table', { name: new RegExp(`^${escapeRegExp(authority)}: открытые должности`) }).waitFor();
  await context.look(page, 'admin-staff');

  // The API's error stands next to the field it concerns.
  const name = 'ТЕСТОВА ӘСЕЛ';
  await form.getByLabel('ИИН').fill('900515300000');
  await form.getByLabel('Фамилия и имя').fill(name);
  await form.getByRole('checkbox', { name: 'Ответственный исполнитель' }).check();
  await form.getByRole('button', { name: 'Открыть должность' }).click();
  const iinField = form.locator('.field').filter({ has: page.getByLabel('ИИН') });
  await iinField.locator('.field-error').waitFor();
  await expect.poll(() => form.getByLabel('ИИН').getAttribute('aria-invalid')).toBe('true');
  await context.look(page, 'admin-staff-error');

  await form.getByLabel('ИИН').fill(newIin());
  await form.getByRole('button', { name: 'Открыть должность' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Должность открыта: ${name}` })
    .waitFor();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  await row.getByText('Ответственный исполнитель').waitFor();

  await row.getByRole('button', { name: `Изменить роли: ${name}` }).click();
  const roles = row.getByRole('group', { name: `Роли: ${name}` });
  await roles.getByRole('checkbox', { name: 'Руководитель управления' }).check();
  await roles.getByRole('checkbox', { name: 'Ответственный исполнитель' }).uncheck();
  await context.look(page, 'admin-staff-roles');
  await row.getByRole('button', { name: 'Сохранить роли' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Роли изменены: ${name}` })
    .waitFor();
  await row.getByText('Руководитель управления').waitFor();
  expect(await row.getByText('Ответственный исполнитель').count()).toBe(0);

  await row.getByRole('button', { name: `Закрыть должность: ${name}` }).click();
  await row.getByRole('button', { name: `Да, закрыть должность: ${name}` }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Должность закрыта: ${name}` })
    .waitFor();
  await expect.poll(() => page.getByRole('rowheader', { name }).count()).toBe(0);
  await context.look(page, 'admin-staff-closed');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function calendar(context: JourneyContext, page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Производственный календарь' }).click();
  await page.getByRole('heading', { level: 1, name: /^Производственный календарь на \d{4} год$/ }).waitFor();
  await page.goto('/admin/calendars/2026');
  await page.getByRole('heading', { level: 1, name: 'Производственный календарь на 2026 год' }).waitFor();
  const march = page.getByRole('table', { name: /март 2026/i });
  const womensDay = march.locator('td[data-date="2026-03-08"]');
  await expect.poll(() => womensDay.getAttribute('class')).toContain('day-holiday');
  expect(await womensDay.textContent()).toContain('Международный женский день');
  const nauryz = page.locator('li[data-date="2026-03-22"]');
  expect(await nauryz.textContent()).toContain('Наурыз мейрамы');
  expect(await nauryz.textContent()).toContain('Праздник');
  expect(await page.locator('li[data-date="2026-03-09"]').textContent()).toContain('выходной перенесён');
  await context.look(page, 'admin-calendar');
}
