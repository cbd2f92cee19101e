import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { OUTCOMES_NEEDING_REASONS } from '../../packages/core/src/index.js';
import type { DemoPerson, JourneyContext } from '../support/journey-context.js';

/**
 * Reusable steps of the authority's back office, through the UI in English: signing in as the
 * official of a step's role (`<authorityId>_<role>` in the demo), taking the step and completing it
 * toward a licence or a refusal, until the application is decided.
 */

export type Goal = 'issue' | 'refuse';

/** Roles that hand work out (the server's ASSIGNING_ROLES): they can assign and bulk-assign. */
export const ASSIGNING_ROLES = ['leadership', 'head_of_department', 'provider_head', 'unit_head', 'office_employee'];

interface Outcome {
  readonly id: string;
  readonly next?: string;
  readonly end?: string;
}
interface Step {
  readonly id: string;
  readonly actor: string;
  readonly action: string;
  readonly externalCheck?: string;
  readonly outcomes: readonly Outcome[];
}
interface RegulationView {
  readonly id: string;
  readonly processes: readonly { readonly id: string; readonly steps: readonly Step[] }[];
  readonly requestKinds: readonly { readonly kind: string; readonly process: string }[];
}

/** What the file page says of an application (its data attributes). */
export interface FileState {
  readonly status: string;
  readonly stepId: string;
  readonly role: string;
  readonly regulationId: string;
  readonly requestKind: string;
  readonly result: string;
}

const pages = new WeakMap<JourneyContext, Map<DemoPerson, Page>>();
const authorities = new WeakMap<JourneyContext, Map<string, string>>();

/** The demo's officials: `<authority>_<role>` folders (service-centre operators are not officials). */
export function demoOfficials(context: JourneyContext): { person: DemoPerson; authority: string; role: string }[] {
  return readdirSync(context.server.demoDir)
    .filter((name) => name.includes('_') && !name.startsWith('con-'))
    .map((person) => {
      const at = person.indexOf('_');
      return { person, authority: person.slice(0, at), role: person.slice(at + 1) };
    });
}

/** A page signed in as the official, kept for the journey (each in its own browser context). */
export async function officePage(context: JourneyContext, person: DemoPerson): Promise<Page> {
  let byPerson = pages.get(context);
  if (!byPerson) {
    byPerson = new Map();
    pages.set(context, byPerson);
  }
  const open = byPerson.get(person);
  if (open && !open.isClosed()) return open;
  const page = await context.page({ language: 'en' });
  await context.signIn(page, person, '/office');
  await page.getByRole('heading', { level: 1, name: /Inbox|Choose your organisation/ }).waitFor();
  byPerson.set(person, page);
  return page;
}

/** Closes the officials' pages the journey opened. */
export async function closeOfficePages(context: JourneyContext): Promise<void> {
  for (const page of pages.get(context)?.values() ?? []) await page.context().close();
  pages.delete(context);
}

/** Opens the application's file and reads where it stands; null when this official cannot see it. */
export async function openFile(page: Page, number: string): Promise<FileState | null> {
  await page.goto(`/office/applications/${encodeURIComponent(number)}`);
  const file = page.locator(`[data-application="${number}"]`);
  await Promise.race([file.waitFor(), page.locator('main [role=alert]').first().waitFor()]);
  if ((await file.count()) === 0) return null;
  const attribute = async (name: string) => (await file.getAttribute(name)) ?? '';
  const stepId = await attribute('data-step');
  let role = '';
  if (stepId !== '') {
    const roleCell = page.locator('dd[data-role]');
    await roleCell.waitFor();
    role = (await roleCell.getAttribute('data-role')) ?? '';
  }
  return {
    status: await attribute('data-status'),
    stepId,
    role,
    regulationId: await attribute('data-regulation'),
    requestKind: await attribute('data-request-kind'),
    result: await attribute('data-result'),
  };
}

/** Which authority's officials see the application: asked of one official of each authority in turn. */
export async function authorityOf(context: JourneyContext, number: string): Promise<string> {
  let known = authorities.get(context);
  if (!known) {
    known = new Map();
    authorities.set(context, known);
  }
  const cached = known.get(number);
  if (cached) return cached;
  const seen = new Set<string>();
  for (const { person, authority } of demoOfficials(context)) {
    if (seen.has(authority)) continue;
    seen.add(authority);
    if (await openFile(await officePage(context, person), number)) {
      known.set(number, authority);
      return authority;
    }
  }
  throw new Error(`no demo official sees application ${number}`);
}

async function regulationOf(context: JourneyContext, id: string): Promise<RegulationView> {
  const response = await fetch(`${context.server.baseUrl}/api/v1/regulations/${encodeURIComponent(id)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as RegulationView;
}

/** Steps from each step of the process to an end of the goal's kind (none: not in the map). */
function distancesToGoal(steps: readonly Step[], goal: Goal): Map<string, number> {
  const distance = new Map<string, number>();
  const endsWell = (o: Outcome) => o.end !== undefined && (goal === 'refuse') === (o.end === 'motivated_refusal');
  // Toward a licence, an outcome that refuses or sends back is never taken, even if a licence could follow.
  const allowed = (o: Outcome) => goal === 'refuse' || !OUTCOMES_NEEDING_REASONS.includes(o.id);
  for (let changed = true; changed; ) {
    changed = false;
    for (const step of steps) {
      const best = Math.min(
        ...step.outcomes
          .filter(allowed)
          .map((o) => (endsWell(o) ? 0 : o.next && distance.has(o.next) ? 1 + (distance.get(o.next) ?? 0) : Infinity)),
      );
      if (best < (distance.get(step.id) ?? Infinity)) {
        distance.set(step.id, best);
        changed = true;
      }
    }
  }
  return distance;
}

/** The outcome that leads soonest to the goal; refusing, the first outcome that refuses with reasons. */
export function outcomeToward(regulation: RegulationView, requestKind: string, step: Step, goal: Goal): Outcome {
  const process = regulation.processes.find(
    (p) => p.id === regulation.requestKinds.find((k) => k.kind === requestKind)?.process,
  );
  const distance = distancesToGoal(process?.steps ?? [], goal);
  const rank = (o: Outcome) => {
    if (goal === 'issue' && OUTCOMES_NEEDING_REASONS.includes(o.id)) return Infinity;
    const steps =
      o.end !== undefined
        ? (goal === 'refuse') === (o.end === 'motivated_refusal')
          ? 0
          : Infinity
        : (distance.get(o.next ?? '') ?? Infinity);
    return goal === 'refuse' && OUTCOMES_NEEDING_REASONS.includes(o.id) && steps < Infinity ? -1 : steps;
  };
  const best = [...step.outcomes].sort((a, b) => rank(a) - rank(b))[0];
  if (!best || rank(best) === Infinity) throw new Error(`${step.id} has no outcome toward ${goal}`);
  return best;
}

function stepIn(regulation: RegulationView, requestKind: string, stepId: string): Step {
  const processId = regulation.requestKinds.find((k) => k.kind === requestKind)?.process;
  const step = regulation.processes.find((p) => p.id === processId)?.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`${regulation.id} has no step ${stepId} for ${requestKind}`);
  return step;
}

/**
 * Does one action and waits for the page to say it was done — this action: the page clears what
 * it said before when an action starts, and a message still shown from an earlier one is refused
 * here rather than taken for this one's. Throws the error the page shows instead, or the timeout.
 */
async function succeeded(page: Page, message: string | RegExp, action: () => Promise<void>): Promise<void> {
  const done = page.locator('main [role=status]').filter({ hasText: message });
  const failed = page.locator('.office-actions [role=alert]');
  expect(await done.count(), `«${message}» is still shown from an earlier action`).toBe(0);
  await action();
  await done.or(failed).first().waitFor({ timeout: 30_000 });
  if ((await done.count()) > 0) return;
  throw new Error(`the action failed: ${await failed.first().textContent()}`);
}

/** Takes the open step when it is nobody's yet (or a colleague the official stands in for). */
export async function takeStep(page: Page): Promise<void> {
  // Whether it can be taken is known once the page knows who the official is.
  const taking = page.locator('[data-taking]:not([data-taking="unknown"])');
  await taking.waitFor();
  if ((await taking.getAttribute('data-taking')) !== 'can-take') return;
  await succeeded(page, 'You took the step.', () => page.getByRole('button', { name: 'Take it' }).click());
}

/** Asks the outside system, or records the outside body's answer when none comes by itself. */
async function settleExternalCheck(page: Page, number: string): Promise<boolean> {
  const state = await page.locator('.office-actions').getAttribute('data-external');
  if (state === 'ask') {
    await succeeded(page, 'The outside system was asked', () =>
      page.getByRole('button', { name: 'Ask the outside system' }).click(),
    );
    return true;
  }
  if (state === 'waiting') {
    // A state system answers by itself within seconds; another agency's letter is keyed in.
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(1_000);
      await openFile(page, number);
      if ((await page.locator('.office-actions').getAttribute('data-external')) !== 'waiting') return true;
    }
    await page.getByText('Record an outside body’s answer').click();
    await page.getByLabel('Positive (no obstacle)').check();
    await page.getByLabel('What the body answered').fill('No obstacle found (letter of the outside body).');
    await succeeded(page, 'The outside body’s answer was recorded.', () =>
      page.getByRole('button', { name: 'Record the answer' }).click(),
    );
    return true;
  }
  return false;
}

/** Completes the open step with the outcome toward the goal, with a refusal letter when it refuses. */
export async function completeStep(
  page: Page,
  outcome: Outcome,
  lookAtLetter?: (page: Page) => Promise<void>,
): Promise<void> {
  await page.locator(`input[name=outcome][value="${outcome.id}"]`).check();
  if (OUTCOMES_NEEDING_REASONS.includes(outcome.id)) {
    await page
      .getByLabel('Legal grounds')
      .fill('Law of the Republic of Kazakhstan «On permits and notifications», art. 48, para 1, sub-para 3');
    await page
      .getByLabel('Refusal letter (the reasons)')
      .fill('The documents do not show the title to the premises required by the regulation’s list, item 3.');
    await lookAtLetter?.(page);
  }
  await succeeded(page, 'The step was completed.', () =>
    page.locator('form:has(input[name=outcome]) button[type=submit]').click(),
  );
}

/**
 * Decides any application through the UI: for each open step, the demo official of its role signs
 * in, takes it, settles its outside check, and completes it toward the goal — until it is decided.
 * Answers the result the file shows (e.g. "licence", "motivated_refusal").
 */
export async function decideInOffice(
  context: JourneyContext,
  applicationNumber: string,
  outcome: Goal,
  options: { readonly lookAtRefusal?: boolean } = {},
): Promise<void> {
  const authority = await authorityOf(context, applicationNumber);
  const officials = demoOfficials(context).filter((o) => o.authority === authority);
  let page = await officePage(context, officials[0]?.person ?? '');
  let regulation: RegulationView | null = null;
  for (let turn = 0; turn < 40; turn++) {
    const state = await openFile(page, applicationNumber);
    if (!state) throw new Error(`${applicationNumber} is not visible to ${authority}`);
    if (state.status === 'completed') {
      expect(state.result === 'motivated_refusal', `${applicationNumber} ended in ${state.result}`).toBe(
        outcome === 'refuse',
      );
      return;
    }
    if (state.status !== 'in_progress')
      throw new Error(`${applicationNumber} is ${state.status}, not open to the office`);
    regulation ??= await regulationOf(context, state.regulationId);
    const person = `${authority}_${state.role}`;
    if (!officials.some((o) => o.person === person)) throw new Error(`no demo official ${person}`);
    page = await officePage(context, person);
    await openFile(page, applicationNumber);
    if (await settleExternalCheck(page, applicationNumber)) continue;
    await takeStep(page);
    const step = stepIn(regulation, state.requestKind, state.stepId);
    const look = options.lookAtRefusal ? (shown: Page) => context.look(shown, 'office-refusal-letter') : undefined;
    await completeStep(page, outcomeToward(regulation, state.requestKind, step, outcome), look);
  }
  throw new Error(`${applicationNumber} was not decided in 40 turns`);
}
