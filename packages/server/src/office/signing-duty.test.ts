import type { ApplicationState, Regulation } from '@ruqsat/core';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../regulations/catalogue.js';
import { signerCommittedBy } from './signing-duty.js';

const catalogue = await loadCatalogue();
// Executor checks, drafts; the head of department agrees; the leadership signs; the executor sends.
const casino = catalogue.get('casino@2015-mcs-181') as Regulation;
// The authorised person signs; E-licensing (a system) sends a refusal by itself.
const poisons = catalogue.get('poisons@2012-mint-364') as Regulation;

const stateAfter = (steps: readonly { stepId: string; by: string }[]): ApplicationState =>
  ({
    processId: 'issue',
    completedSteps: steps.map((s) => ({ ...s, outcome: 'done', at: '2026-03-02T04:00:00Z' })),
  }) as unknown as ApplicationState;

describe('who signs what a completion decides', () => {
  it('is the official completing a signing step, with their own key', () => {
    const state = stateAfter([{ stepId: 'agree_decision', by: 'staff:head' }]);
    expect(signerCommittedBy(state, casino, { stepId: 'sign_decision', outcome: 'signed', by: 'staff:leader' })).toBe(
      'staff:leader',
    );
  });

  it('is whoever signed before, when sending the result ends the process', () => {
    const state = stateAfter([{ stepId: 'sign_decision', by: 'staff:leader' }]);
    const sending = { stepId: 'send_result', outcome: 'licence_issued', by: 'staff:executor' };
    expect(signerCommittedBy(state, casino, sending)).toBe('staff:leader');
  });

  it('is the official who ends the process where nobody signed before', () => {
    const sending = { stepId: 'send_result', outcome: 'refusal_sent', by: 'staff:executor' };
    expect(signerCommittedBy(stateAfter([]), casino, sending)).toBe('staff:executor');
  });

  it('looks through the steps a system runs by itself to the end they lead to', () => {
    const process = poisons.processes.find((p) => p.id === 'issue');
    const systems = new Set(poisons.roles.filter((r) => r.kind === 'system').map((r) => r.id));
    const intoSystem = process?.steps
      .filter((s) => !systems.has(s.actor))
      .flatMap((s) => s.outcomes.map((o) => ({ step: s, outcome: o })))
      .find(
        ({ outcome }) =>
          'next' in outcome && systems.has(process.steps.find((x) => x.id === outcome.next)?.actor ?? ''),
      );
    expect(intoSystem).toBeDefined();
    const completion = {
      stepId: intoSystem?.step.id ?? '',
      outcome: intoSystem?.outcome.id ?? '',
      by: 'staff:officer',
    };
    expect(signerCommittedBy(stateAfter([]), poisons, completion)).toBe('staff:officer');
  });

  it('is nobody for a step that neither signs nor ends the process', () => {
    const checking = { stepId: 'check_completeness', outcome: 'complete', by: 'staff:executor' };
    expect(signerCommittedBy(stateAfter([]), casino, checking)).toBeNull();
  });
});
