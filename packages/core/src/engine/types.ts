import type { Temporal } from 'temporal-polyfill';
import type { OfficeClock } from '../calendar/office-clock.js';
import type { ApplicantKind, Channel, RequestKind, ResultKind } from '../regulations/schema.js';

/** Instants in events and state are ISO 8601 strings in UTC (Temporal.Instant#toString). */
export type IsoInstant = string;

export interface Applicant {
  readonly kind: ApplicantKind;
  /** IIN of a person or sole entrepreneur, BIN of a legal entity. */
  readonly id: string;
}

/**
 * Who issues a command. Staff carry the regulation role ids they hold at the authority;
 * the applicant is recognised by the IIN/BIN of their certificate; the system runs sweeps and
 * records answers of outside systems.
 */
export type Actor =
  | {
      readonly kind: 'staff';
      readonly userId: string;
      /** The regulation's authority id, or `<id>:<unit>` for a territorial unit; a centre's id for its operators. */
      readonly authorityId: string;
      readonly roles: readonly string[];
      /** The absent colleague a substitute acts for under a delegation: both are recorded. */
      readonly onBehalfOf?: string;
    }
  | { readonly kind: 'applicant'; readonly userId: string; readonly subjectId: string }
  | { readonly kind: 'system'; readonly userId: string };

/** What the decider needs besides the state: the legal clock of the authority and "now". */
export interface EngineContext {
  readonly now: Temporal.Instant;
  readonly clock: OfficeClock;
}

export type ExternalAnswer = 'positive' | 'negative';

export type Command =
  | {
      readonly type: 'submit';
      readonly requestKind: RequestKind;
      readonly channel: Channel;
      readonly applicant: Applicant;
    }
  | { readonly type: 'assign'; readonly stepId: string; readonly assignee: string }
  | { readonly type: 'complete'; readonly stepId: string; readonly outcome: string; readonly comment?: string }
  | { readonly type: 'request_external_check'; readonly stepId: string }
  | {
      readonly type: 'answer_external_check';
      readonly stepId: string;
      readonly answer: ExternalAnswer;
      readonly summary?: string;
    }
  | { readonly type: 'return_to_applicant'; readonly reason: string }
  | { readonly type: 'resume' }
  | { readonly type: 'withdraw' }
  /** The deadline sweep: marks what is overdue at `now` and escalates it. */
  | { readonly type: 'sweep' };

export type CommandType = Command['type'];

interface EventBase {
  readonly at: IsoInstant;
  /** userId of the actor. */
  readonly by: string;
  /** userId of the colleague the actor substituted for, when acting under a delegation. */
  readonly onBehalfOf?: string;
}

export type EngineEvent = EventBase &
  (
    | {
        readonly type: 'submitted';
        readonly regulationId: string;
        readonly processId: string;
        readonly requestKind: RequestKind;
        readonly channel: Channel;
        readonly applicant: Applicant;
        readonly registrationDate: string;
        readonly termDue: IsoInstant;
      }
    | {
        readonly type: 'step_opened';
        readonly stepId: string;
        readonly role: string;
        readonly due: IsoInstant;
        /** The step whose term this one runs in (itself, or its `withinTermOf`). */
        readonly termOf: string;
      }
    | { readonly type: 'step_assigned'; readonly stepId: string; readonly assignee: string }
    | { readonly type: 'step_completed'; readonly stepId: string; readonly outcome: string; readonly comment?: string }
    | {
        readonly type: 'external_check_requested';
        readonly stepId: string;
        readonly checkId: string;
        readonly answerDue: IsoInstant | null;
      }
    | {
        readonly type: 'external_check_answered';
        readonly stepId: string;
        readonly checkId: string;
        readonly answer: ExternalAnswer;
        readonly summary?: string;
      }
    | {
        readonly type: 'external_check_timed_out';
        readonly stepId: string;
        readonly checkId: string;
        readonly rule: 'proceed' | 'refuse' | 'wait' | 'escalate';
      }
    | { readonly type: 'returned_to_applicant'; readonly reason: string }
    | {
        readonly type: 'resumed';
        readonly termDue: IsoInstant;
        readonly stepDue: IsoInstant;
        readonly stoppedMs: number;
      }
    | { readonly type: 'withdrawn' }
    | { readonly type: 'step_overdue'; readonly stepId: string; readonly due: IsoInstant }
    | { readonly type: 'term_overdue'; readonly due: IsoInstant }
    /** A notification to the role that answers for the step (the head). */
    | {
        readonly type: 'escalated';
        readonly stepId: string;
        readonly toRole: string;
        readonly reason: 'step_overdue' | 'external_check_silent';
      }
    | { readonly type: 'completed'; readonly result: ResultKind }
  );

export type EventType = EngineEvent['type'];

export type ApplicationStatus = 'in_progress' | 'waiting_applicant' | 'completed' | 'withdrawn';

export interface ExternalCheckState {
  readonly checkId: string;
  readonly status: 'requested' | 'answered' | 'timed_out';
  readonly requestedAt: IsoInstant;
  readonly answerDue: IsoInstant | null;
  readonly answer?: ExternalAnswer;
  readonly timeoutRule?: 'proceed' | 'refuse' | 'wait' | 'escalate';
}

/** The open step: a work item for a role, with an assignee once assigned and a due instant. */
export interface WorkItem {
  readonly stepId: string;
  readonly role: string;
  readonly assignee: string | null;
  readonly openedAt: IsoInstant;
  readonly due: IsoInstant;
  readonly termOf: string;
  readonly overdue: boolean;
  readonly externalCheck: ExternalCheckState | null;
}

export interface ApplicationState {
  readonly id: string;
  /** How many events the application has; the next event's sequence is version + 1. */
  readonly version: number;
  readonly regulationId: string;
  readonly processId: string;
  readonly requestKind: RequestKind;
  readonly channel: Channel;
  readonly applicant: Applicant;
  readonly status: ApplicationStatus;
  readonly receivedAt: IsoInstant;
  readonly registrationDate: string;
  readonly termDue: IsoInstant;
  readonly termOverdue: boolean;
  readonly workItem: WorkItem | null;
  /** Due instants of the terms opened so far, by the step that owns the term. */
  readonly termDues: Readonly<Record<string, IsoInstant>>;
  /** When the application began waiting on the applicant, while it waits. */
  readonly stoppedAt: IsoInstant | null;
  readonly stoppedMs: number;
  /** Each completed step with who completed it (the four-eyes rule reads `by`). */
  readonly completedSteps: readonly {
    readonly stepId: string;
    readonly outcome: string;
    readonly at: IsoInstant;
    readonly by: string;
  }[];
  readonly result: ResultKind | null;
  readonly closedAt: IsoInstant | null;
}
