import type { ApplicationState, EngineEvent, Regulation } from '@ruqsat/core';

/** A side effect that leaves with the event that causes it, through the outbox. */
export interface SideEffect {
  readonly kind: 'notify_applicant' | 'notify_role' | 'external_request' | 'run_system_step' | 'issue_result';
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * What an event asks of the world. Notifications tell the applicant what happened to their
 * application and a role what is waiting for it; an external request goes to the gateway; a step
 * of a system role (E-licensing registering or sending a result) is run by the system itself; a
 * decided application's result is issued as a signed document, which then tells the applicant.
 */
export function sideEffectsOf(event: EngineEvent, state: ApplicationState, regulation: Regulation): SideEffect[] {
  const applicant = (what: string, extra: Record<string, unknown> = {}): SideEffect => ({
    kind: 'notify_applicant',
    payload: { to: state.applicant.id, what, ...extra },
  });
  switch (event.type) {
    case 'submitted':
      return [applicant('registered', { registrationDate: event.registrationDate, termDue: event.termDue })];
    case 'step_opened':
      if (regulation.roles.some((r) => r.id === event.role && r.kind === 'system')) {
        return [{ kind: 'run_system_step', payload: { stepId: event.stepId, role: event.role } }];
      }
      return [
        { kind: 'notify_role', payload: { to: event.role, what: 'work_item', stepId: event.stepId, due: event.due } },
      ];
    case 'escalated':
      return [{ kind: 'notify_role', payload: { to: event.toRole, what: event.reason, stepId: event.stepId } }];
    case 'external_check_requested':
      return [
        {
          kind: 'external_request',
          payload: { checkId: event.checkId, stepId: event.stepId, answerDue: event.answerDue },
        },
      ];
    case 'returned_to_applicant':
      return [applicant('returned', { reason: event.reason })];
    case 'resumed':
      return [applicant('resumed', { termDue: event.termDue })];
    // The result is issued as a signed document first; the applicant is told once it exists.
    case 'completed':
      return [{ kind: 'issue_result', payload: { result: event.result } }];
    case 'withdrawn':
      return [applicant('withdrawn')];
    default:
      return [];
  }
}
