import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { testClock as clock } from '../calendar/test-calendar.js';
import { parseRegulation } from '../regulations/parse.js';
import type { Regulation } from '../regulations/schema.js';
import { decide } from './decide.js';
import { evolve, replay } from './evolve.js';
import type { Actor, ApplicationState, Command, EngineEvent } from './types.js';

function load(path: string): Regulation {
  const file = new URL(`../../../../regulations/${path}`, import.meta.url);
  const result = parseRegulation(readFileSync(file, 'utf8'), path);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.regulation;
}

const casino = load('casino/2015-mcs-181.yaml');
const guard = load('security-guard/2018-mia-895.yaml');
const BIN = '150740012345';
const applicant: Actor = { kind: 'applicant', userId: 'u-applicant', subjectId: BIN };
const AUTHORITY = casino.authority.id;
const executor: Actor = { kind: 'staff', userId: 'u-exec', authorityId: AUTHORITY, roles: ['responsible_executor'] };
const head: Actor = { kind: 'staff', userId: 'u-head', authorityId: AUTHORITY, roles: ['head_of_department'] };
const leader: Actor = { kind: 'staff', userId: 'u-lead', authorityId: AUTHORITY, roles: ['leadership'] };
const system: Actor = { kind: 'system', userId: 'system' };
const at = (iso: string) => Temporal.Instant.from(iso);

/** Runs commands in order, like the store does: decide, then fold the events in. */
class Run {
  state: ApplicationState | null = null;
  readonly events: EngineEvent[] = [];
  constructor(readonly regulation: Regulation) {}
  do(command: Command, actor: Actor, now: string): EngineEvent[] {
    const events = decide(this.regulation, this.state, command, actor, { now: at(now), clock });
    for (const event of events) this.state = evolve(this.state, event, 'APP-1');
    this.events.push(...events);
    return events;
  }
  get s(): ApplicationState {
    if (!this.state) throw new Error('not submitted');
    return this.state;
  }
}

const operator: Actor = {
  kind: 'staff',
  userId: 'u-op',
  authorityId: 'con-almaty',
  roles: ['service_centre_operator'],
};

/** Submitted at a service centre: the whole process from its first step, registration included. */
function submitted(
  regulation = casino,
  kind: 'issue' | 'reissue' | 'duplicate' = 'issue',
  now = '2023-06-05T17:30:00+06:00',
) {
  const run = new Run(regulation);
  run.do(
    { type: 'submit', requestKind: kind, channel: 'service_centre', applicant: { kind: 'legal_entity', id: BIN } },
    operator,
    now,
  );
  return run;
}

describe('the process engine over a regulation', () => {
  it('registers a submission and opens the first step with its due instant', () => {
    const run = submitted(casino, 'issue', '2023-06-05T18:30:00+06:00'); // Monday, after the 18:00 cutoff
    expect(run.s.registrationDate).toBe('2023-06-06');
    // 15 working days after Tuesday 6 June 2023: Tuesday 27 June, close of business.
    expect(clock.format(at(run.s.termDue))).toBe('2023-06-27T18:30:00+06:00');
    expect(run.s.workItem).toMatchObject({ stepId: 'register', role: 'responsible_executor', assignee: null });
    // The step's «1 күн» also counts from registration: the working day after Tuesday.
    expect(clock.format(at(run.s.workItem?.due ?? ''))).toBe('2023-06-07T18:30:00+06:00');
  });

  it('lets a portal request enter where the regulation says: the portal has registered it already', () => {
    const run = new Run(casino);
    run.do(
      { type: 'submit', requestKind: 'issue', channel: 'portal', applicant: { kind: 'legal_entity', id: BIN } },
      applicant,
      '2023-06-05T10:00:00+06:00',
    );
    // Order 181's portal flow enters at the completeness check, «within two working days after registration».
    expect(run.s.workItem).toMatchObject({ stepId: 'check_completeness' });
    expect(clock.format(at(run.s.workItem?.due ?? ''))).toBe('2023-06-07T18:30:00+06:00');
    expect(run.s.completedSteps).toEqual([]);
  });

  it('spends no office time of the first step before the request is registered', () => {
    // Monday 18:10, after the cutoff, with the office open till 18:30: the hour starts on Tuesday.
    // (The security-guard regulation, in force 2018–2020, moved into the test calendar's years.)
    const guardNow: Regulation = { ...guard, effectiveFrom: '2023-01-01', repealedOn: null };
    const onPortal = (now: string) => {
      const run = new Run(guardNow);
      const request = { kind: 'legal_entity', id: BIN } as const;
      run.do({ type: 'submit', requestKind: 'issue', channel: 'portal', applicant: request }, applicant, now);
      return run;
    };
    const late = onPortal('2023-06-05T18:10:00+06:00');
    expect(late.s.registrationDate).toBe('2023-06-06');
    expect(clock.format(at(late.s.workItem?.due ?? ''))).toBe('2023-06-06T10:00:00+06:00');
    // Received before the cutoff, the hour runs from receipt.
    const early = onPortal('2023-06-05T17:00:00+06:00');
    expect(clock.format(at(early.s.workItem?.due ?? ''))).toBe('2023-06-05T18:00:00+06:00');
  });

  it('drives the issue path to a licence, sharing the decision term between three officials', () => {
    const run = submitted();
    run.do({ type: 'assign', stepId: 'register', assignee: 'u-exec' }, head, '2023-06-06T09:10:00+06:00');
    run.do({ type: 'complete', stepId: 'register', outcome: 'registered' }, executor, '2023-06-06T10:00:00+06:00');
    run.do(
      { type: 'complete', stepId: 'check_completeness', outcome: 'complete' },
      executor,
      '2023-06-07T10:00:00+06:00',
    );
    const draftDue = run.s.workItem?.due;
    expect(clock.format(at(draftDue ?? ''))).toBe('2023-06-23T18:30:00+06:00'); // 12 working days after 7 June
    run.do({ type: 'complete', stepId: 'draft_decision', outcome: 'drafted' }, executor, '2023-06-12T10:00:00+06:00');
    expect(run.s.workItem).toMatchObject({ stepId: 'agree_decision', role: 'head_of_department', due: draftDue });
    run.do({ type: 'complete', stepId: 'agree_decision', outcome: 'returned' }, head, '2023-06-13T10:00:00+06:00');
    // Redrafting continues the running term; it does not start a new one.
    expect(run.s.workItem).toMatchObject({ stepId: 'draft_decision', due: draftDue });
    run.do({ type: 'complete', stepId: 'draft_decision', outcome: 'drafted' }, executor, '2023-06-14T10:00:00+06:00');
    run.do({ type: 'complete', stepId: 'agree_decision', outcome: 'agreed' }, head, '2023-06-14T11:00:00+06:00');
    run.do({ type: 'complete', stepId: 'sign_decision', outcome: 'signed' }, leader, '2023-06-14T12:00:00+06:00');
    const last = run.do(
      { type: 'complete', stepId: 'send_result', outcome: 'licence_issued' },
      executor,
      '2023-06-15T10:00:00+06:00',
    );
    expect(last.map((e) => e.type)).toEqual(['step_completed', 'completed']);
    expect(run.s).toMatchObject({ status: 'completed', result: 'licence', workItem: null });
    expect(replay('APP-1', run.events)).toEqual(run.s);
    expect(run.s.version).toBe(run.events.length);
  });

  it('ends in a motivated refusal when the documents are incomplete', () => {
    const run = submitted(casino, 'duplicate');
    run.do({ type: 'complete', stepId: 'register', outcome: 'registered' }, executor, '2023-06-06T10:00:00+06:00');
    run.do(
      { type: 'complete', stepId: 'check_completeness', outcome: 'incomplete' },
      executor,
      '2023-06-06T11:00:00+06:00',
    );
    run.do({ type: 'complete', stepId: 'send_result', outcome: 'refusal_sent' }, executor, '2023-06-06T12:00:00+06:00');
    expect(run.s).toMatchObject({ status: 'completed', result: 'motivated_refusal' });
  });

  it('refuses the wrong step, the wrong role, an unknown outcome and any command after the end', () => {
    const run = submitted();
    const now = '2023-06-06T10:00:00+06:00';
    const code = (command: Command, actor: Actor) => {
      try {
        run.do(command, actor, now);
        return 'accepted';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    expect(code({ type: 'complete', stepId: 'draft_decision', outcome: 'drafted' }, executor)).toBe('STEP_NOT_OPEN');
    expect(code({ type: 'complete', stepId: 'register', outcome: 'registered' }, head)).toBe('ROLE_NOT_ALLOWED');
    expect(code({ type: 'complete', stepId: 'register', outcome: 'registered' }, applicant)).toBe('ROLE_NOT_ALLOWED');
    expect(code({ type: 'complete', stepId: 'register', outcome: 'approved' }, executor)).toBe('OUTCOME_NOT_DEFINED');
    expect(code({ type: 'assign', stepId: 'register', assignee: 'x' }, applicant)).toBe('ROLE_NOT_ALLOWED');
    const elsewhere: Actor = { ...executor, authorityId: 'another-ministry' } as Actor;
    expect(code({ type: 'complete', stepId: 'register', outcome: 'registered' }, elsewhere)).toBe(
      'AUTHORITY_NOT_COMPETENT',
    );
    expect(
      code({ type: 'assign', stepId: 'register', assignee: 'x' }, { ...head, authorityId: `${AUTHORITY}x` } as Actor),
    ).toBe('AUTHORITY_NOT_COMPETENT');
    expect(code({ type: 'resume' }, applicant)).toBe('NOT_WAITING_ON_APPLICANT');
    expect(code({ type: 'sweep' }, executor)).toBe('ROLE_NOT_ALLOWED');
    expect(
      code(
        { type: 'submit', requestKind: 'issue', channel: 'portal', applicant: { kind: 'legal_entity', id: BIN } },
        applicant,
      ),
    ).toBe('APPLICATION_ALREADY_EXISTS');
    expect(run.s.version).toBe(2); // nothing of the refused commands was applied
    expect(code({ type: 'withdraw' }, applicant)).toBe('accepted');
    expect(code({ type: 'complete', stepId: 'register', outcome: 'registered' }, executor)).toBe('APPLICATION_CLOSED');
    expect(code({ type: 'withdraw' }, applicant)).toBe('APPLICATION_CLOSED');
  });

  it('refuses a submission the regulation does not allow', () => {
    const code = (regulation: Regulation, command: Command, now: string) => {
      try {
        new Run(regulation).do(command, applicant, now);
        return 'accepted';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    const base = {
      type: 'submit',
      requestKind: 'issue',
      channel: 'portal',
      applicant: { kind: 'legal_entity', id: BIN },
    } as const;
    expect(code(guard, base, '2023-06-05T10:00:00+06:00')).toBe('REGULATION_NOT_IN_FORCE'); // repealed 2020
    expect(code(casino, { ...base, requestKind: 'reissue_reorganisation' }, '2023-06-05T10:00:00+06:00')).toBe(
      'REQUEST_KIND_NOT_OFFERED',
    );
    expect(code(casino, { ...base, channel: 'authority_office' }, '2023-06-05T10:00:00+06:00')).toBe(
      'CHANNEL_NOT_OFFERED',
    );
    expect(code(casino, { ...base, applicant: { kind: 'individual', id: BIN } }, '2023-06-05T10:00:00+06:00')).toBe(
      'APPLICANT_KIND_NOT_ALLOWED',
    );
    expect(
      code(casino, { ...base, applicant: { kind: 'legal_entity', id: '990740000019' } }, '2023-06-05T10:00:00+06:00'),
    ).toBe('ROLE_NOT_ALLOWED');
    const wrongCheckDigit = { kind: 'legal_entity', id: '150740012346' } as const;
    const asOperator: Actor = { kind: 'staff', userId: 'op', authorityId: 'con', roles: ['service_centre_operator'] };
    expect(() =>
      new Run(casino).do({ ...base, applicant: wrongCheckDigit }, asOperator, '2023-06-05T10:00:00+06:00'),
    ).toThrow(expect.objectContaining({ code: 'IDENTIFIER_CONTROL_DIGIT_MISMATCH' }));
  });

  it('takes a submission only from whoever the channel belongs to', () => {
    const submit = (channel: 'portal' | 'service_centre' | 'authority_office', actor: Actor, regulation = casino) => {
      try {
        new Run(regulation).do(
          { type: 'submit', requestKind: 'issue', channel, applicant: { kind: 'legal_entity', id: BIN } },
          actor,
          '2023-06-05T10:00:00+06:00',
        );
        return 'accepted';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    const operator: Actor = { kind: 'staff', userId: 'op', authorityId: 'con', roles: ['service_centre_operator'] };
    expect(submit('portal', applicant)).toBe('accepted');
    expect(submit('service_centre', operator)).toBe('accepted');
    expect(submit('portal', operator)).toBe('ROLE_NOT_ALLOWED'); // the portal is the applicant's own
    expect(submit('service_centre', applicant)).toBe('ROLE_NOT_ALLOWED');
    expect(submit('service_centre', executor)).toBe('ROLE_NOT_ALLOWED'); // an official is no operator
    expect(submit('portal', system)).toBe('ROLE_NOT_ALLOWED');
    // An office intake, as munitions-destruction has, on the guard regulation moved into 2023.
    const guardNow: Regulation = {
      ...guard,
      effectiveFrom: '2023-01-01',
      repealedOn: null,
      channels: ['portal', 'authority_office'],
    };
    const officer: Actor = {
      kind: 'staff',
      userId: 'o',
      authorityId: `${guard.authority.id}:almaty`,
      roles: ['kqb_officer'],
    };
    expect(submit('authority_office', officer, guardNow)).toBe('accepted');
    expect(submit('authority_office', { ...officer, authorityId: 'another' } as Actor, guardNow)).toBe(
      'AUTHORITY_NOT_COMPETENT',
    );
    expect(submit('authority_office', operator, guardNow)).toBe('ROLE_NOT_ALLOWED');
  });

  it('resuming does not move, re-mark or re-escalate a step that was overdue before the stop', () => {
    const run = submitted();
    const due = run.s.workItem?.due;
    expect(run.do({ type: 'sweep' }, system, '2023-06-07T18:31:00+06:00').map((e) => e.type)).toEqual([
      'step_overdue',
      'escalated',
    ]);
    run.do({ type: 'return_to_applicant', reason: 'a page is missing' }, executor, '2023-06-08T10:00:00+06:00');
    run.do({ type: 'resume' }, applicant, '2023-06-12T10:00:00+06:00');
    expect(run.s.workItem).toMatchObject({ due, overdue: true });
    expect(run.do({ type: 'sweep' }, system, '2023-06-12T10:01:00+06:00')).toEqual([]);
  });

  it('stops the clock while the application waits on the applicant and gives the time back on resume', () => {
    const run = submitted();
    run.do({ type: 'complete', stepId: 'register', outcome: 'registered' }, executor, '2023-06-06T10:00:00+06:00');
    const stepDue = run.s.workItem?.due ?? '';
    const termDue = run.s.termDue;
    expect(clock.format(at(stepDue))).toBe('2023-06-08T18:30:00+06:00');
    // Stopped on Wednesday 7 June at 10:00, resumed a week later.
    run.do({ type: 'return_to_applicant', reason: 'the charter is unreadable' }, executor, '2023-06-07T10:00:00+06:00');
    expect(run.s.status).toBe('waiting_applicant');
    const refused = () =>
      run.do(
        { type: 'complete', stepId: 'check_completeness', outcome: 'complete' },
        executor,
        '2023-06-08T10:00:00+06:00',
      );
    expect(refused).toThrow(expect.objectContaining({ code: 'WAITING_ON_APPLICANT' }));
    const foreignOfficial = { ...executor, authorityId: 'another-ministry' } as Actor;
    expect(() => run.do({ type: 'resume' }, foreignOfficial, '2023-06-14T10:00:00+06:00')).toThrow(
      expect.objectContaining({ code: 'AUTHORITY_NOT_COMPETENT' }),
    );
    run.do({ type: 'resume' }, applicant, '2023-06-14T10:00:00+06:00');
    expect(run.s.status).toBe('in_progress');
    // The office time left at the stop remains after the resume: both due instants move by
    // exactly the working time the clock was stopped.
    const stopped = clock.workingTimeBetween(at('2023-06-07T10:00:00+06:00'), at('2023-06-14T10:00:00+06:00'));
    expect(clock.workingTimeBetween(at(stepDue), at(run.s.workItem?.due ?? ''))).toBe(stopped);
    expect(clock.workingTimeBetween(at(termDue), at(run.s.termDue))).toBe(stopped);
  });

  it('sweeps: marks an overdue step once, escalates it to the signing head, marks the overall term', () => {
    const run = submitted();
    expect(run.do({ type: 'sweep' }, system, '2023-06-06T18:00:00+06:00')).toEqual([]);
    const late = run.do({ type: 'sweep' }, system, '2023-06-06T18:31:00+06:00');
    expect(late.map((e) => e.type)).toEqual(['step_overdue', 'escalated']);
    expect(late[1]).toMatchObject({ toRole: 'leadership', reason: 'step_overdue' });
    expect(run.do({ type: 'sweep' }, system, '2023-06-07T10:00:00+06:00')).toEqual([]);
    expect(run.do({ type: 'sweep' }, system, '2023-07-01T10:00:00+06:00').map((e) => e.type)).toEqual(['term_overdue']);
  });

  it('waits for an outside system before a check step completes, and applies its silence rule', () => {
    // The security-guard regulation (in force 2018–2020) moved into the test calendar's years.
    const moved: Regulation = { ...guard, effectiveFrom: '2023-01-01', repealedOn: null };
    const unit = `${guard.authority.id}:almaty`;
    const officer: Actor = { kind: 'staff', userId: 'u-off', authorityId: unit, roles: ['kqb_officer'] };
    const chief: Actor = { kind: 'staff', userId: 'u-chief', authorityId: unit, roles: ['provider_head'] };
    const run = new Run(moved);
    run.do(
      { type: 'submit', requestKind: 'issue', channel: 'portal', applicant: { kind: 'legal_entity', id: BIN } },
      applicant,
      '2023-06-05T10:00:00+06:00',
    );
    expect(clock.format(at(run.s.workItem?.due ?? ''))).toBe('2023-06-05T11:00:00+06:00'); // 1 working hour
    run.do({ type: 'complete', stepId: 'assign_executor', outcome: 'assigned' }, chief, '2023-06-05T10:30:00+06:00');
    run.do(
      { type: 'complete', stepId: 'check_completeness', outcome: 'complete' },
      officer,
      '2023-06-05T11:00:00+06:00',
    );
    const complete = () =>
      run.do(
        { type: 'complete', stepId: 'qualification_checks', outcome: 'checked' },
        officer,
        '2023-06-05T12:00:00+06:00',
      );
    expect(complete).toThrow(expect.objectContaining({ code: 'EXTERNAL_CHECK_PENDING' }));
    run.do({ type: 'request_external_check', stepId: 'qualification_checks' }, officer, '2023-06-05T12:00:00+06:00');
    const check = run.s.workItem?.externalCheck;
    expect(check).toMatchObject({ checkId: 'legal_statistics_request', status: 'requested' });
    expect(clock.format(at(check?.answerDue ?? ''))).toBe('2023-06-13T18:30:00+06:00'); // 6 working days
    expect(complete).toThrow(expect.objectContaining({ code: 'EXTERNAL_CHECK_PENDING' }));
    // The applicant is asked for something meanwhile: the office waits, the outside system does not.
    const waiting = new Run(moved);
    for (const event of run.events) waiting.state = evolve(waiting.state, event, 'APP-1');
    waiting.do({ type: 'return_to_applicant', reason: 'a copy is unreadable' }, officer, '2023-06-06T10:00:00+06:00');
    waiting.do(
      { type: 'answer_external_check', stepId: 'qualification_checks', answer: 'positive' },
      system,
      '2023-06-07T10:00:00+06:00',
    );
    waiting.do({ type: 'resume' }, applicant, '2023-06-20T10:00:00+06:00');
    expect(waiting.s.workItem?.externalCheck?.status).toBe('answered');
    expect(waiting.do({ type: 'sweep' }, system, '2023-06-20T10:01:00+06:00').map((e) => e.type)).not.toContain(
      'external_check_timed_out',
    );
    // Silent past its deadline under "wait": recorded, and the step still waits for the answer.
    const sweep = run.do({ type: 'sweep' }, system, '2023-06-14T09:00:00+06:00');
    expect(sweep.map((e) => e.type)).toContain('external_check_timed_out');
    expect(complete).toThrow(expect.objectContaining({ code: 'EXTERNAL_CHECK_PENDING' }));
    run.do(
      { type: 'answer_external_check', stepId: 'qualification_checks', answer: 'positive' },
      system,
      '2023-06-14T10:00:00+06:00',
    );
    expect(run.s.workItem?.externalCheck?.status).toBe('answered');
    complete();
    expect(run.s.workItem?.stepId).toBe('dismissed_persons_check');
  });

  it('property: any walk through any request kind keeps its dues after receipt, ends only in a result the kind allows, and replays to the same state', () => {
    const kinds = ['issue', 'reissue', 'duplicate'] as const;
    let completed = 0;
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (kind, choices) => {
        const run = submitted(casino, kind);
        let now = at('2023-06-06T09:30:00+06:00');
        const staff = [executor, head, leader];
        for (const choice of choices) {
          if (run.s.status !== 'in_progress') break;
          const item = run.s.workItem;
          if (!item) break;
          const step = casino.processes.find((p) => p.id === run.s.processId)?.steps.find((s) => s.id === item.stepId);
          const outcomes = step?.outcomes ?? [];
          // Prefer forward outcomes so that walks finish; loops still occur.
          const outcome = outcomes[choice % outcomes.length];
          const actor = staff.find((a) => a.kind === 'staff' && a.roles.includes(item.role));
          now = now.add({ minutes: 30 });
          run.do(
            { type: 'complete', stepId: item.stepId, outcome: outcome?.id ?? '' },
            actor ?? executor,
            now.toString(),
          );
          const state = run.s;
          if (state.workItem) {
            expect(Temporal.Instant.compare(at(state.workItem.due), at(state.receivedAt))).toBeGreaterThan(0);
          }
        }
        expect(replay('APP-1', run.events)).toEqual(run.state);
        expect(run.s.version).toBe(run.events.length);
        if (run.s.status === 'completed') {
          completed += 1;
          const spec = casino.requestKinds.find((k) => k.kind === kind);
          expect(spec?.results).toContain(run.s.result);
        }
      }),
      { numRuns: 200 },
    );
    // Walks do reach their end (loops notwithstanding), so the result check above is exercised.
    expect(completed).toBeGreaterThan(100);
  });
});
