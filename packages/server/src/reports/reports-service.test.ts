import { type Regulation, Temporal } from '@ruqsat/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationService } from '../applications/application-service.js';
import { loadLegalTime } from '../calendar/legal-time.js';
import { loadCatalogue } from '../regulations/catalogue.js';
import type { Store } from '../store/store.js';
import { actorFor } from '../test-support/engine-driver.js';
import { openTestStore } from '../test-support/test-store.js';
import { ReportsService } from './reports-service.js';

const catalogue = await loadCatalogue();
const legalTime = await loadLegalTime();
const casino = catalogue.get('casino@2015-mcs-181') as Regulation;
const COMPANY = '150740012345';

describe('deadline compliance', () => {
  let store: Store;
  let now = Temporal.Instant.from('2026-03-02T04:00:00Z');
  const clock = () => now;

  beforeAll(async () => {
    store = await openTestStore('pglite');
  });
  afterAll(async () => store.close());

  it('counts a step late only when the office let its due pass: not while the applicant had it, not after a withdrawal', async () => {
    const service = new ApplicationService(store.db, catalogue, legalTime, clock);
    const executor = actorFor(casino, 'responsible_executor');
    const applicant = { kind: 'applicant' as const, userId: 'iin:850101300015', subjectId: COMPANY };
    const submit = (id: string) =>
      service.execute({
        applicationId: id,
        transactionId: `${id}:submit`,
        regulationId: casino.id,
        command: {
          type: 'submit',
          requestKind: 'issue',
          channel: 'portal',
          applicant: { kind: 'legal_entity', id: COMPANY },
        },
        actor: applicant,
      });
    const run = (
      id: string,
      n: number,
      command: Parameters<ApplicationService['execute']>[0]['command'],
      actor = executor,
    ) => service.execute({ applicationId: id, transactionId: `${id}:${n}`, command, actor });

    // Returned for a week, resumed, completed after the first due but within the moved one: on time.
    await submit('PAUSED');
    const due = Temporal.Instant.from((await service.get('PAUSED'))?.workItem?.due ?? '');
    await run('PAUSED', 1, { type: 'return_to_applicant', reason: 'the fee receipt is unreadable' });
    now = now.add({ hours: 24 * 7 });
    await run('PAUSED', 2, { type: 'resume' }, applicant);
    now = due.add({ hours: 2 });
    await run('PAUSED', 3, { type: 'complete', stepId: 'check_completeness', outcome: 'complete' });
    // Withdrawn before anyone acted, then its due passed: nobody's lateness.
    now = Temporal.Instant.from('2026-03-02T05:00:00Z');
    await submit('WITHDRAWN');
    await run('WITHDRAWN', 1, { type: 'withdraw' }, applicant);
    // Left open past its due: late.
    await submit('FORGOTTEN');
    now = Temporal.Instant.from('2026-03-31T04:00:00Z');

    const reports = new ReportsService(store.db, catalogue, legalTime, clock);
    const period = {
      from: Temporal.Instant.from('2026-03-01T00:00:00Z'),
      to: Temporal.Instant.from('2026-04-01T00:00:00Z'),
    };
    const steps = await reports.deadlines(period, 'en');
    const completeness = steps.find((s) => s.stepId === 'check_completeness');
    expect(completeness).toMatchObject({ opened: 3, completed: 1, completedOnTime: 1, late: 1, compliance: 0.5 });
    // Two working days of office time at most, though a week passed between opening and completion.
    expect(completeness?.averageWorkingHours).toBeLessThanOrEqual(2 * 9);
  });
});
