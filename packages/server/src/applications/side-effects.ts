import type { ApplicationState, EngineEvent } from '@ruqsat/core';

/** A side effect that leaves with the event that causes it, through the outbox. */
export interface SideEffect {
  readonly kind: 'notify_applicant' | 'notify_role' | 'external_request';
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * What an event asks of the world. Notifications tell the applicant what happened to their
 * application and a role what is waiting for it; an external request goes to the gateway.
 */
export function sideEffectsOf(event: EngineEvent, state: ApplicationState): SideEffect[] {
  const applicant = (what: string, extra: Record<string, unknown> = {}): SideEffect => ({
    kind: 'notify_applicant',
    payload: { to: state.applicant.id, what, ...extra },
  });
  switch (event.type) {
    case 'submitted':
      return [applicant('registered', { registrationDate: event.registrationDate, termDue: event.termDue })];
    case 'step_opened':
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
    case 'completed':
      return [applicant('result', { result: event.result })];
    case 'withdrawn':
      return [applicant('withdrawn')];
    default:
      return [];
  }
}
