import type { ApplicationState, EngineEvent, WorkItem } from './types.js';

/**
 * The state an application is in after one more event. Pure; knows nothing of regulations, so a
 * history always replays to the same state whatever has changed in the catalogue since.
 */
export function evolve(state: ApplicationState | null, event: EngineEvent, applicationId: string): ApplicationState {
  if (event.type === 'submitted') {
    if (state !== null) throw new Error(`application ${applicationId} was submitted twice`);
    return {
      id: applicationId,
      version: 1,
      regulationId: event.regulationId,
      processId: event.processId,
      requestKind: event.requestKind,
      channel: event.channel,
      applicant: event.applicant,
      status: 'in_progress',
      receivedAt: event.at,
      registrationDate: event.registrationDate,
      termDue: event.termDue,
      termOverdue: false,
      workItem: null,
      termDues: {},
      stoppedAt: null,
      stoppedMs: 0,
      completedSteps: [],
      result: null,
      closedAt: null,
    };
  }
  if (state === null) throw new Error(`event ${event.type} before the application ${applicationId} was submitted`);
  const next = { ...state, version: state.version + 1 };
  const item = (change: Partial<WorkItem>): ApplicationState => {
    if (!state.workItem) throw new Error(`event ${event.type} without an open step`);
    return { ...next, workItem: { ...state.workItem, ...change } };
  };
  switch (event.type) {
    case 'step_opened':
      return {
        ...next,
        workItem: {
          stepId: event.stepId,
          role: event.role,
          assignee: null,
          openedAt: event.at,
          due: event.due,
          termOf: event.termOf,
          overdue: false,
          externalCheck: null,
        },
        termDues: { ...state.termDues, [event.termOf]: event.due },
      };
    case 'step_assigned':
      return item({ assignee: event.assignee });
    case 'step_completed':
      return {
        ...next,
        workItem: null,
        completedSteps: [
          ...state.completedSteps,
          { stepId: event.stepId, outcome: event.outcome, at: event.at, by: event.by },
        ],
      };
    case 'external_check_requested':
      return item({
        externalCheck: {
          checkId: event.checkId,
          status: 'requested',
          requestedAt: event.at,
          answerDue: event.answerDue,
        },
      });
    case 'external_check_answered':
    case 'external_check_timed_out': {
      const check = state.workItem?.externalCheck;
      if (!check) throw new Error(`event ${event.type} without a requested check`);
      return item({
        externalCheck:
          event.type === 'external_check_answered'
            ? { ...check, status: 'answered', answer: event.answer }
            : { ...check, status: 'timed_out', timeoutRule: event.rule },
      });
    }
    case 'returned_to_applicant':
      return { ...next, status: 'waiting_applicant', stoppedAt: event.at };
    case 'resumed': {
      const termDues = { ...state.termDues };
      if (state.workItem) termDues[state.workItem.termOf] = event.stepDue;
      return {
        ...next,
        status: 'in_progress',
        stoppedAt: null,
        stoppedMs: state.stoppedMs + event.stoppedMs,
        termDue: event.termDue,
        // A due kept as it was (it had passed before the stop) keeps its overdue mark.
        termOverdue: event.termDue === state.termDue && state.termOverdue,
        termDues,
        workItem: state.workItem
          ? {
              ...state.workItem,
              due: event.stepDue,
              overdue: event.stepDue === state.workItem.due && state.workItem.overdue,
            }
          : null,
      };
    }
    case 'withdrawn':
      return { ...next, status: 'withdrawn', workItem: null, closedAt: event.at };
    case 'step_overdue':
      return item({ overdue: true });
    case 'term_overdue':
      return { ...next, termOverdue: true };
    case 'escalated':
      return next;
    case 'completed':
      return { ...next, status: 'completed', result: event.result, workItem: null, closedAt: event.at };
  }
}

/** Replays a history from the first event. */
export function replay(applicationId: string, events: readonly EngineEvent[]): ApplicationState | null {
  let state: ApplicationState | null = null;
  for (const event of events) state = evolve(state, event, applicationId);
  return state;
}
