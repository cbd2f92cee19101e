import { Temporal } from 'temporal-polyfill';
import { RuqsatError } from '../errors/ruqsat-error.js';
import { checkBin, checkIin } from '../identifiers/identifier.js';
import { isInForce } from '../regulations/catalogue.js';
import type { Process, Regulation, Step } from '../regulations/schema.js';
import type { Actor, ApplicationState, Command, EngineContext, EngineEvent, WorkItem } from './types.js';

type NewEvent = EngineEvent extends infer E ? (E extends EngineEvent ? Omit<E, 'at' | 'by'> : never) : never;

/**
 * What a command does to an application under its regulation version: the events to append, or a
 * RuqsatError naming why it is refused. Pure and deterministic: "now" and the legal clock come in
 * through `context`, and the result depends on nothing else. An empty list means nothing to do.
 */
export function decide(
  regulation: Regulation,
  state: ApplicationState | null,
  command: Command,
  actor: Actor,
  context: EngineContext,
): EngineEvent[] {
  const stamp = (events: NewEvent[]): EngineEvent[] =>
    events.map(
      (e) =>
        ({
          ...e,
          at: context.now.toString(),
          by: actor.userId,
          ...(actor.kind === 'staff' && actor.onBehalfOf !== undefined ? { onBehalfOf: actor.onBehalfOf } : {}),
        }) as EngineEvent,
    );

  if (command.type === 'submit') return stamp(submit(regulation, state, command, actor, context));
  if (state === null) throw new RuqsatError('APPLICATION_NOT_FOUND');
  if (state.regulationId !== regulation.id) {
    // The application is pinned to the version it was submitted under; the caller must load that one.
    throw new Error(`application ${state.id} runs under ${state.regulationId}, not ${regulation.id}`);
  }
  const process = processOf(regulation, state.processId);
  if (command.type === 'sweep') {
    requireSystem(actor);
    return stamp(sweep(regulation, process, state, context));
  }
  if (state.status === 'completed' || state.status === 'withdrawn') {
    throw new RuqsatError('APPLICATION_CLOSED', { status: state.status });
  }

  switch (command.type) {
    case 'withdraw':
      requireApplicant(actor, state);
      return stamp([{ type: 'withdrawn' }]);
    case 'resume': {
      if (state.status !== 'waiting_applicant') throw new RuqsatError('NOT_WAITING_ON_APPLICANT');
      // The applicant answers, or an official of the competent authority records their answer.
      if (actor.kind === 'staff') requireAuthorityStaff(regulation, actor);
      else requireApplicant(actor, state);
      return stamp([resume(state, context)]);
    }
    default:
      break;
  }
  // While the applicant is asked, the office waits; an outside system's answer is still taken in
  // (its own term does not stop), or a timely answer would be lost to a timeout after the resume.
  if (state.status === 'waiting_applicant' && command.type !== 'answer_external_check') {
    throw new RuqsatError('WAITING_ON_APPLICANT');
  }
  const item = state.workItem;
  if (item === null) throw new Error(`application ${state.id} is in progress without an open step`);
  const step = stepOf(process, item.stepId);

  switch (command.type) {
    case 'assign': {
      requireOpen(item, command.stepId);
      requireAuthorityStaff(regulation, actor);
      return stamp([{ type: 'step_assigned', stepId: item.stepId, assignee: command.assignee }]);
    }
    case 'return_to_applicant': {
      requireRole(regulation, actor, step.actor);
      return stamp([{ type: 'returned_to_applicant', reason: command.reason }]);
    }
    case 'request_external_check': {
      requireOpen(item, command.stepId);
      requireRole(regulation, actor, step.actor);
      const check = regulation.externalChecks.find((c) => c.id === step.externalCheck);
      if (!check) throw new RuqsatError('EXTERNAL_CHECK_NOT_PENDING', { stepId: step.id, reason: 'no_check_at_step' });
      if (item.externalCheck !== null && !checkSettled(item)) {
        throw new RuqsatError('EXTERNAL_CHECK_PENDING', { stepId: step.id });
      }
      const answerDue = check.answerWithin ? context.clock.due(context.now, check.answerWithin).toString() : null;
      return stamp([{ type: 'external_check_requested', stepId: step.id, checkId: check.id, answerDue }]);
    }
    case 'answer_external_check': {
      requireOpen(item, command.stepId);
      // The answer arrives from the gateway (the system) or is keyed in by the step's official.
      if (actor.kind !== 'system') requireRole(regulation, actor, step.actor);
      if (item.externalCheck === null || checkSettled(item)) {
        throw new RuqsatError('EXTERNAL_CHECK_NOT_PENDING', { stepId: step.id });
      }
      const answered: NewEvent = {
        type: 'external_check_answered',
        stepId: step.id,
        checkId: item.externalCheck.checkId,
        answer: command.answer,
        ...(command.summary !== undefined ? { summary: command.summary } : {}),
      };
      return stamp([answered]);
    }
    case 'complete': {
      requireOpen(item, command.stepId);
      requireRole(regulation, actor, step.actor);
      const outcome = step.outcomes.find((o) => o.id === command.outcome);
      if (!outcome) {
        throw new RuqsatError('OUTCOME_NOT_DEFINED', { stepId: step.id, outcomes: step.outcomes.map((o) => o.id) });
      }
      if (step.externalCheck !== undefined && !checkSettled(item)) {
        throw new RuqsatError('EXTERNAL_CHECK_PENDING', { stepId: step.id, checkId: step.externalCheck });
      }
      if (step.action === 'sign' || step.action === 'agree') requireOtherThanDrafter(process, state, actor);
      const completed: NewEvent = {
        type: 'step_completed',
        stepId: step.id,
        outcome: outcome.id,
        ...(command.comment !== undefined ? { comment: command.comment } : {}),
      };
      return stamp([completed, ...follow(process, state, outcome, context)]);
    }
  }
}

function submit(
  regulation: Regulation,
  state: ApplicationState | null,
  command: Extract<Command, { type: 'submit' }>,
  actor: Actor,
  context: EngineContext,
): NewEvent[] {
  if (state !== null) throw new RuqsatError('APPLICATION_ALREADY_EXISTS');
  const { clock, now } = context;
  const receivedOn = clock.localDate(now).toString();
  if (!isInForce(regulation, receivedOn)) {
    throw new RuqsatError('REGULATION_NOT_IN_FORCE', {
      regulationId: regulation.id,
      date: receivedOn,
      effectiveFrom: regulation.effectiveFrom,
      repealedOn: regulation.repealedOn,
    });
  }
  const spec = regulation.requestKinds.find((k) => k.kind === command.requestKind);
  if (!spec) throw new RuqsatError('REQUEST_KIND_NOT_OFFERED', { requestKind: command.requestKind });
  if (!regulation.channels.includes(command.channel)) {
    throw new RuqsatError('CHANNEL_NOT_OFFERED', { channel: command.channel, channels: regulation.channels });
  }
  if (!regulation.applicantKinds.includes(command.applicant.kind)) {
    throw new RuqsatError('APPLICANT_KIND_NOT_ALLOWED', {
      applicantKind: command.applicant.kind,
      allowed: regulation.applicantKinds,
    });
  }
  // A legal entity is named by its BIN; a person and a sole entrepreneur by their IIN.
  const identifier =
    command.applicant.kind === 'legal_entity' ? checkBin(command.applicant.id) : checkIin(command.applicant.id);
  if (!identifier.valid) throw new RuqsatError(identifier.reason, { field: 'applicant.id' });
  requireSubmitter(regulation, actor, command);

  const registrationDate = clock.registrationDate(now);
  // The first step's time runs from registration: a request in after the cutoff or on a day off
  // spends none of it before the office has registered it.
  const registeredFrom = registrationDate.equals(clock.localDate(now)) ? now : clock.opening(registrationDate);
  const process = processOf(regulation, spec.process);
  const submitted: NewEvent = {
    type: 'submitted',
    regulationId: regulation.id,
    processId: process.id,
    requestKind: spec.kind,
    channel: command.channel,
    applicant: command.applicant,
    registrationDate: registrationDate.toString(),
    termDue: clock.overallDue(registrationDate, spec.term).toString(),
  };
  return [
    submitted,
    open(stepOf(process, entryStep(regulation, process, command.channel)), {}, { ...context, now: registeredFrom }),
  ];
}

/**
 * Where a request of a channel enters the authority's process: the channel's pre-flow says so in
 * its submit node (`entersAt`) — e.g. a portal request of the 2015 gambling acts is registered by
 * the portal itself and enters at the completeness check; `start`, or a step this request kind's
 * process does not have, means the process's first step.
 */
function entryStep(regulation: Regulation, process: Process, channel: string): string {
  const flow = regulation.preFlows.find((p) => p.channel === channel);
  const submit = flow?.nodes.find((n) => n.kind === 'submit');
  const entersAt = submit?.kind === 'submit' ? submit.entersAt : 'start';
  return entersAt !== 'start' && process.steps.some((s) => s.id === entersAt) ? entersAt : process.start;
}

/** After a step's outcome: the next step opened, or the process completed with its result. */
function follow(
  process: Process,
  state: ApplicationState,
  outcome: Step['outcomes'][number],
  context: EngineContext,
): NewEvent[] {
  if ('end' in outcome) return [{ type: 'completed', result: outcome.end }];
  return [open(stepOf(process, outcome.next), state.termDues, context)];
}

/**
 * Opens a step as a work item. Its term runs from now, unless the step shares the term of an
 * earlier one or is opened again (a decision returned for redrafting): then the term already
 * running continues — a loop back never grants a fresh term.
 */
function open(step: Step, termDues: Readonly<Record<string, string>>, context: EngineContext): NewEvent {
  const termOf = step.withinTermOf ?? step.id;
  const running = termDues[termOf];
  if (step.withinTermOf !== undefined && running === undefined) {
    throw new Error(`step ${step.id} shares the term of ${step.withinTermOf}, which was never opened`);
  }
  const due = running ?? context.clock.due(context.now, requireDuration(step)).toString();
  return { type: 'step_opened', stepId: step.id, role: step.actor, due, termOf };
}

/**
 * Resuming after the applicant answered: the term and the open step get back the office time
 * they had left when the clock stopped, counted from now.
 */
function resume(state: ApplicationState, context: EngineContext): NewEvent {
  const { clock, now } = context;
  const stoppedAt = Temporal.Instant.from(state.stoppedAt ?? now.toString());
  // A due instant that had already passed when the clock stopped stays where it was (and overdue):
  // there is no time to give back, and moving it would mark and escalate the step a second time.
  const remainingFrom = (due: string) => {
    const instant = Temporal.Instant.from(due);
    if (Temporal.Instant.compare(instant, stoppedAt) <= 0) return due;
    return clock.addWorkingTime(now, clock.workingTimeBetween(stoppedAt, instant)).toString();
  };
  return {
    type: 'resumed',
    termDue: remainingFrom(state.termDue),
    stepDue: state.workItem ? remainingFrom(state.workItem.due) : now.toString(),
    stoppedMs: Math.max(0, now.epochMilliseconds - stoppedAt.epochMilliseconds),
  };
}

/** What is overdue now: the step (escalated to the head), the overall term, a silent outside system. */
function sweep(regulation: Regulation, process: Process, state: ApplicationState, context: EngineContext): NewEvent[] {
  if (state.status !== 'in_progress') return [];
  const now = context.now;
  const past = (instant: string) => Temporal.Instant.compare(now, Temporal.Instant.from(instant)) > 0;
  const events: NewEvent[] = [];
  const item = state.workItem;
  if (item && !item.overdue && past(item.due)) {
    events.push({ type: 'step_overdue', stepId: item.stepId, due: item.due });
    events.push({
      type: 'escalated',
      stepId: item.stepId,
      toRole: headRole(regulation, process, item),
      reason: 'step_overdue',
    });
  }
  if (!state.termOverdue && past(state.termDue)) events.push({ type: 'term_overdue', due: state.termDue });
  const check = item?.externalCheck;
  if (item && check?.status === 'requested' && check.answerDue !== null && past(check.answerDue)) {
    const rule = regulation.externalChecks.find((c) => c.id === check.checkId)?.onSilence ?? 'wait';
    events.push({ type: 'external_check_timed_out', stepId: item.stepId, checkId: check.checkId, rule });
    if (rule === 'escalate') {
      events.push({
        type: 'escalated',
        stepId: item.stepId,
        toRole: headRole(regulation, process, item),
        reason: 'external_check_silent',
      });
    }
    const refusal = stepOf(process, item.stepId).outcomes.find((o) => 'end' in o && o.end === 'motivated_refusal');
    if (rule === 'refuse' && refusal) {
      events.push({ type: 'step_completed', stepId: item.stepId, outcome: refusal.id });
      events.push(...follow(process, state, refusal, context));
    }
  }
  return events;
}

/** Who hears of an overdue step: the role that signs the process's decision, else the step's own role. */
function headRole(regulation: Regulation, process: Process, item: WorkItem): string {
  const signer = process.steps.find((s) => s.action === 'sign' && s.actor !== item.role);
  const signerRole = regulation.roles.find((r) => r.id === signer?.actor && r.kind === 'authority');
  return signerRole?.id ?? item.role;
}

/**
 * Whether the step's outside check no longer holds it: answered, or silent past its deadline under
 * a rule that lets the official go on (proceed, refuse, escalate). Under "wait" it still holds.
 */
function checkSettled(item: WorkItem): boolean {
  const check = item.externalCheck;
  if (check === null) return false;
  return check.status === 'answered' || (check.status === 'timed_out' && check.timeoutRule !== 'wait');
}

function requireOpen(item: WorkItem, stepId: string): void {
  if (item.stepId !== stepId) throw new RuqsatError('STEP_NOT_OPEN', { stepId, openStep: item.stepId });
}

/** The step's actor: staff holding its role, or the system for a system role. */
function requireRole(regulation: Regulation, actor: Actor, roleId: string): void {
  const role = regulation.roles.find((r) => r.id === roleId);
  if (role?.kind === 'system') {
    if (actor.kind === 'system') return;
  } else if (actor.kind === 'staff' && actor.roles.includes(roleId)) {
    if (role?.kind === 'authority') requireCompetentAuthority(regulation, actor);
    return;
  }
  throw new RuqsatError('ROLE_NOT_ALLOWED', { requiredRole: roleId });
}

function requireAuthorityStaff(regulation: Regulation, actor: Actor): void {
  const authorityRoles = regulation.roles.filter((r) => r.kind === 'authority').map((r) => r.id);
  if (actor.kind === 'staff' && actor.roles.some((r) => authorityRoles.includes(r))) {
    requireCompetentAuthority(regulation, actor);
    return;
  }
  throw new RuqsatError('ROLE_NOT_ALLOWED', { requiredRole: authorityRoles });
}

/**
 * An official acts only for the authority the regulation names: its id, or `<id>:<unit>` for one
 * of its territorial units. (Which unit an application is routed to is decided at intake.)
 */
function requireCompetentAuthority(regulation: Regulation, actor: Extract<Actor, { kind: 'staff' }>): void {
  const id = regulation.authority.id;
  if (actor.authorityId === id || actor.authorityId.startsWith(`${id}:`)) return;
  throw new RuqsatError('AUTHORITY_NOT_COMPETENT', { authorityId: id });
}

/**
 * Who may submit through which channel: on the portal the applicant themselves; at a service
 * centre an operator (a role of kind service_centre); at the authority's office its own staff.
 */
function requireSubmitter(regulation: Regulation, actor: Actor, command: Extract<Command, { type: 'submit' }>): void {
  switch (command.channel) {
    case 'portal':
      if (actor.kind === 'applicant' && actor.subjectId === command.applicant.id) return;
      throw new RuqsatError('ROLE_NOT_ALLOWED', { requiredRole: 'applicant', channel: command.channel });
    case 'service_centre': {
      const operatorRoles = regulation.roles.filter((r) => r.kind === 'service_centre').map((r) => r.id);
      if (actor.kind === 'staff' && actor.roles.some((r) => operatorRoles.includes(r))) return;
      throw new RuqsatError('ROLE_NOT_ALLOWED', { requiredRole: operatorRoles, channel: command.channel });
    }
    case 'authority_office':
      requireAuthorityStaff(regulation, actor);
      return;
  }
}

/**
 * Four eyes: whoever drafted the decision now on the table may not agree or sign it. The latest
 * draft counts — a decision returned and redrafted by someone else may be signed by the first drafter.
 */
function requireOtherThanDrafter(process: Process, state: ApplicationState, actor: Actor): void {
  const draftSteps = new Set(process.steps.filter((s) => s.action === 'draft_decision').map((s) => s.id));
  const draft = state.completedSteps.findLast((c) => draftSteps.has(c.stepId));
  if (draft !== undefined && draft.by === actor.userId) {
    throw new RuqsatError('FOUR_EYES', { draftedBy: draft.by, draftStep: draft.stepId });
  }
}

function requireApplicant(actor: Actor, state: ApplicationState): void {
  if (actor.kind === 'applicant' && actor.subjectId === state.applicant.id) return;
  throw new RuqsatError('ROLE_NOT_ALLOWED', { requiredRole: 'applicant' });
}

function requireSystem(actor: Actor): void {
  if (actor.kind !== 'system') throw new RuqsatError('ROLE_NOT_ALLOWED', { requiredRole: 'system' });
}

function processOf(regulation: Regulation, processId: string): Process {
  const process = regulation.processes.find((p) => p.id === processId);
  if (!process) throw new Error(`${regulation.id} has no process ${processId}`);
  return process;
}

function stepOf(process: Process, stepId: string): Step {
  const step = process.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`process ${process.id} has no step ${stepId}`);
  return step;
}

function requireDuration(step: Step) {
  if (!step.duration) throw new Error(`step ${step.id} has no term`);
  return step.duration;
}
