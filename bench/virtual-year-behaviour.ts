// How the simulated people and systems behave: how long an official works on a step, which
// outcome they choose, how often an application goes back to the applicant and how long the
// applicant takes, how fast an outside system answers. These are assumptions of the benchmark,
// not rules of the product: the rules (what may follow what, the terms, the calendar) are the
// engine's and the regulations', untouched.
import type { ExternalCheck, RequestKind, Step, StepAction } from '@ruqsat/core';
import type { Draws } from './virtual-year-random.js';

export const BEHAVIOUR = {
  /** Median minutes of office time an official spends on a step of an issue; the spread of its logarithm. */
  workMinutes: {
    register: 6,
    assign: 4,
    check_completeness: 25,
    external_check: 8,
    review: 20,
    draft_decision: 75,
    agree: 12,
    sign: 5,
    issue: 6,
    notify: 3,
    deliver: 5,
  } satisfies Record<StepAction, number>,
  workSpread: 0.6,
  /** A reissue or a duplicate is lighter work than a first issue. */
  kindFactor: { issue: 1, reissue: 0.6, reissue_reorganisation: 0.8, duplicate: 0.3 } satisfies Record<
    RequestKind,
    number
  >,
  /** What happens to an application in the end, decided when it arrives. */
  incompleteShare: 0.04,
  refusedShare: 0.07,
  /** A decision sent back for redrafting by the head or the leadership (at most once). */
  sentBackShare: 0.05,
  /** At the first step that examines the package: asked for more from the applicant (at most once). */
  returnedShare: 0.06,
  /** Of those asked, how many withdraw instead of answering. */
  withdrawsWhenReturned: 0.12,
  /** Median calendar hours the applicant takes to answer, and its spread. */
  applicantAnswerHours: 50,
  applicantAnswerSpread: 1.1,
  /** Median seconds an outside system takes to answer, by system; its spread. */
  answerSeconds: {
    gbd_fl: 20,
    gbd_ul: 20,
    payment_gateway: 10,
    certification_authority: 5,
    legal_statistics: 86_400,
    other: 14_400,
  } satisfies Record<ExternalCheck['system'], number>,
  answerSpread: 1.2,
  /** An outside system that stays silent past its answer deadline, then answers a few days late. */
  silentShare: 0.02,
  negativeAnswerShare: 0.03,
  /** A system step (a system role) is done this many seconds after it opens. */
  systemStepSeconds: 5,
  /** Where the result may be an annex to a licence (communications): the share of annexes. */
  annexShare: 0.15,
} as const;

/** The end an application is headed for, decided at arrival; an outside system's "no" can change it. */
export type Fate = 'granted' | 'incomplete' | 'refused';

export function fateOf(draws: Draws): Fate {
  const x = draws.next();
  if (x < BEHAVIOUR.incompleteShare) return 'incomplete';
  if (x < BEHAVIOUR.incompleteShare + BEHAVIOUR.refusedShare) return 'refused';
  return 'granted';
}

/** Milliseconds of office time an official works on the step. */
export function workMs(step: Step, kind: RequestKind, draws: Draws): number {
  const median = BEHAVIOUR.workMinutes[step.action] * BEHAVIOUR.kindFactor[kind];
  return Math.max(30_000, Math.round(draws.logNormal(median, BEHAVIOUR.workSpread) * 60_000));
}

/** The mean of `workMs`, for sizing the staff. */
export function meanWorkMs(step: Step, kind: RequestKind): number {
  const median = BEHAVIOUR.workMinutes[step.action] * BEHAVIOUR.kindFactor[kind];
  return median * Math.exp(BEHAVIOUR.workSpread ** 2 / 2) * 60_000;
}

/**
 * What an outcome means to the simulated official. The regulations name outcomes freely, so the
 * ones the simulated years meet are listed here, and an outcome missing from the list stops the
 * run (`classifyOutcomes`) rather than being chosen blindly.
 */
export const OUTCOME_MEANING = {
  proceed: [
    'registered',
    'complete',
    'drafted',
    'agreed',
    'signed',
    'assigned',
    'passed_on',
    'drawn_up',
    'approved',
    'reported',
    'checked',
    'refusal_drafted',
    'compliant',
  ],
  /** Leads to a refusal: chosen on the refusal route. `incomplete` only for an incomplete package. */
  refuse: ['incomplete', 'refusal_ground', 'refusal_sent', 'not_compliant', 'violations', 'refused'],
  /** Sends a drafted decision back for redrafting. */
  sendBack: ['returned'],
  /** The result handed over when the licence is granted; `annex` for an annex instead. */
  grant: ['licence_issued', 'licence_reissued', 'duplicate_issued', 'issued'],
  annex: ['annex_issued'],
} as const;

type Meaning = keyof typeof OUTCOME_MEANING;

const MEANINGS = new Map<string, Meaning>(
  Object.entries(OUTCOME_MEANING).flatMap(([meaning, ids]) => ids.map((id) => [id, meaning as Meaning] as const)),
);

/** Throws when a step has an outcome the simulation does not know how to choose. */
export function classifyOutcomes(regulationId: string, steps: readonly Step[]): void {
  for (const step of steps) {
    for (const outcome of step.outcomes) {
      if (!MEANINGS.has(outcome.id)) {
        throw new Error(`${regulationId}: the virtual year does not know what outcome ${step.id}→${outcome.id} means`);
      }
    }
  }
}

/** Whether an outcome is the usual way on to a licence (for sizing the staff). */
export function leadsOn(outcomeId: string): boolean {
  const meaning = MEANINGS.get(outcomeId);
  return meaning === 'proceed' || meaning === 'grant';
}

/** What the application's path so far says the official should choose. */
export interface Course {
  fate: Fate;
  sentBack: boolean;
}

/** The outcome an official chooses at the end of their work on a step. */
export function chooseOutcome(step: Step, course: Course, draws: Draws): string {
  const by = (meaning: Meaning) => step.outcomes.find((o) => MEANINGS.get(o.id) === meaning)?.id;
  if (course.fate !== 'granted') {
    const refusal = step.outcomes.find(
      (o) => MEANINGS.get(o.id) === 'refuse' && (o.id !== 'incomplete' || course.fate === 'incomplete'),
    );
    if (refusal) return refusal.id;
  }
  const sendBack = by('sendBack');
  if (sendBack && !course.sentBack && draws.chance(BEHAVIOUR.sentBackShare)) {
    course.sentBack = true;
    return sendBack;
  }
  const annex = by('annex');
  if (annex && course.fate === 'granted' && draws.chance(BEHAVIOUR.annexShare)) return annex;
  const onward = by('grant') ?? by('proceed') ?? by('annex');
  if (onward) return onward;
  // A step whose only way on is a refusal (a refusal letter's own step): that way.
  const only = step.outcomes[0];
  if (!only) throw new Error(`step ${step.id} has no outcome`);
  return only.id;
}

/** Milliseconds until an outside system answers; the silent ones answer past `dueMs` from now. */
export function answerDelayMs(check: ExternalCheck, dueMs: number | null, draws: Draws): number {
  if (dueMs !== null && draws.chance(BEHAVIOUR.silentShare)) {
    return dueMs + Math.round(draws.logNormal(2 * 86_400_000, 0.5));
  }
  return Math.max(
    1000,
    Math.round(draws.logNormal(BEHAVIOUR.answerSeconds[check.system], BEHAVIOUR.answerSpread) * 1000),
  );
}
