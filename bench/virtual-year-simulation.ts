// The virtual year itself: every application of the plan is submitted, worked step by step by
// simulated officials in their office hours, returned to its applicant, checked with outside
// systems and swept for deadlines — each through the engine's `decide` and `evolve`, with the
// authority's legal clock, exactly as the server would, but in process and on a virtual clock.
// Nothing here decides a term, a due instant or what may follow what: it only chooses, as people
// would, which command to give and when.
import { createHash } from 'node:crypto';
import {
  type Actor,
  type ApplicationState,
  type Command,
  decide,
  type EngineEvent,
  evolve,
  type OfficeClock,
  type Process,
  type Regulation,
  type RegulationCatalogue,
  type Step,
  Temporal,
} from '@ruqsat/core';
import { eventHash } from '../packages/server/src/applications/event-log.js';
import { nextSweepAt } from '../packages/server/src/applications/read-model.js';
import { GENESIS_HASH } from '../packages/server/src/audit/audit-log.js';
import type { LegalTime } from '../packages/server/src/calendar/legal-time.js';
import { Agenda } from './virtual-year-agenda.js';
import { type Arrival, type ArrivalPlan, planArrivals } from './virtual-year-arrivals.js';
import {
  answerDelayMs,
  BEHAVIOUR,
  type Course,
  chooseOutcome,
  classifyOutcomes,
  fateOf,
  leadsOn,
  meanWorkMs,
  workMs,
} from './virtual-year-behaviour.js';
import { OfficeTimeline } from './virtual-year-office-hours.js';
import { Draws } from './virtual-year-random.js';
import { officialsFor, StaffPool } from './virtual-year-staff.js';
import { type Compliance, type OpenReason, Tally } from './virtual-year-tally.js';

/** The deadline sweeper's pass interval in the server (SWEEP_INTERVAL_MS). */
const SWEEP_INTERVAL_MS = 30_000;
/** Histories kept whole for the baseline (evolving the same number of events bare). */
const SAMPLE_HISTORIES = 2_000;

export interface SimulationInput {
  readonly catalogue: RegulationCatalogue;
  readonly legalTime: LegalTime;
  readonly year: number;
  readonly applications: number;
  readonly seed: number;
  /** Officials per role, as a multiple of what the year's average load needs at `utilisation`. */
  readonly staffing: number;
  readonly utilisation: number;
  /** Hash every event into its application's chain, as the store does (SHA-256 over RFC 8785 JSON). */
  readonly hashChains: boolean;
  /** Applications whose commands are recorded for the database slice. */
  readonly recordSlice: (index: number) => boolean;
  /** Told when the virtual clock enters a new month (1–12), with the applications still open. */
  readonly onMonth?: (month: number, open: number) => void;
}

/** One command as the simulation gave it, to be given again to the real store. */
export interface RecordedCommand {
  readonly at: number;
  readonly transactionId: string;
  readonly regulationId: string;
  readonly command: Command;
  readonly actor: Actor;
}

export interface SlicedApplication {
  readonly applicationId: string;
  readonly commands: readonly RecordedCommand[];
  /** The state and chain head the simulation ended with (at close or at year end). */
  readonly state: ApplicationState;
  readonly headHash: string;
}

export interface PoolFigures {
  readonly authorityId: string;
  readonly role: string;
  readonly officials: number;
  /** Share of the officials' office time spent working. */
  readonly utilisation: number;
  readonly peakWaiting: number;
}

export interface SimulationResult {
  readonly plan: Pick<ArrivalPlan, 'year' | 'applications' | 'services'>;
  readonly commands: Readonly<Record<string, number>>;
  readonly events: number;
  readonly compliance: Compliance;
  readonly pools: readonly PoolFigures[];
  /** SHA-256 over every application's last event hash, in the order they closed: one number for the whole year. */
  readonly yearDigest: string;
  readonly sample: readonly (readonly EngineEvent[])[];
  readonly slice: readonly SlicedApplication[];
}

type Where = 'idle' | 'queued' | 'working';

/** An application in flight. */
interface Case {
  readonly arrival: Arrival;
  readonly id: string;
  readonly process: Process;
  readonly clock: OfficeClock;
  readonly pools: ReadonlyMap<string, StaffPool<Queued>>;
  readonly returnStep: string | undefined;
  readonly course: Course;
  state: ApplicationState | null;
  where: Where;
  /** Which queue entry is current: older entries are stale. */
  token: number;
  returned: boolean;
  /** When its next sweep is on the agenda; +∞ when none is. */
  sweepAt: number;
  headHash: string;
  history: EngineEvent[] | null;
  commands: RecordedCommand[] | null;
}

interface Queued {
  readonly c: Case;
  readonly token: number;
}

type Happening =
  | { readonly kind: 'work_done'; readonly c: Case; readonly pool: StaffPool<Queued>; readonly official: string }
  | { readonly kind: 'wake'; readonly pool: StaffPool<Queued> }
  | { readonly kind: 'answer'; readonly c: Case; readonly stepId: string; readonly positive: boolean }
  | { readonly kind: 'applicant'; readonly c: Case; readonly withdraws: boolean }
  | { readonly kind: 'system_step'; readonly c: Case; readonly stepId: string }
  | { readonly kind: 'sweep'; readonly c: Case };

const SYSTEM_ACTORS = {
  gateway: { kind: 'system', userId: 'system:gateway' },
  sweeper: { kind: 'system', userId: 'system:deadline-sweeper' },
} as const satisfies Record<string, Actor>;

export function simulateYear(input: SimulationInput): SimulationResult {
  const { catalogue, legalTime, year } = input;
  if (year + 1 > legalTime.calendar.lastYear || year < legalTime.calendar.firstYear) {
    throw new RangeError(
      `the calendar covers ${legalTime.calendar.firstYear}–${legalTime.calendar.lastYear}; a year's terms run into the next`,
    );
  }
  const zoneClock = legalTime.clockFor();
  const plan = planArrivals({
    catalogue,
    clock: zoneClock,
    year,
    applications: input.applications,
    draws: new Draws(input.seed),
  });
  const draws = new Draws(input.seed ^ 0x5bd1e995);
  const localStart = (month: number, y = year) =>
    Temporal.PlainDate.from({ year: y, month, day: 1 }).toZonedDateTime({ timeZone: zoneClock.zone }).epochMilliseconds;
  const monthStarts = Array.from({ length: 12 }, (_, i) => localStart(i + 1));
  const yearEnd = localStart(1, year + 1);
  const tally = new Tally((ms) => monthStarts.findLastIndex((start) => start <= ms) + 1);
  const pools = sizePools(input, plan);
  const agenda = new Agenda<Happening>();
  const actors = new Map<string, Actor>();
  const commands: Record<string, number> = {};
  const sample: EngineEvent[][] = [];
  const slice: SlicedApplication[] = [];
  const yearDigest = new Hash();
  const open = new Set<Case>();
  let events = 0;
  let now = monthStarts[0] as number;

  const staffActor = (pool: StaffPool<Queued>, official: string): Actor => {
    let actor = actors.get(official);
    if (!actor) {
      actor = { kind: 'staff', userId: official, authorityId: pool.authorityId, roles: [pool.role] };
      actors.set(official, actor);
    }
    return actor;
  };

  /** Gives one command to the engine and keeps what it says, as the store would. */
  const run = (c: Case, command: Command, actor: Actor): void => {
    const before = c.state;
    const produced = decide(c.arrival.regulation, before, command, actor, {
      now: Temporal.Instant.fromEpochMilliseconds(now),
      clock: c.clock,
    });
    commands[command.type] = (commands[command.type] ?? 0) + 1;
    if (produced.length === 0) return;
    const transactionId = `vy:${c.id}:${before?.version ?? 0}`;
    c.commands?.push({ at: now, transactionId, regulationId: c.arrival.regulation.id, command, actor });
    let state = before;
    for (const event of produced) {
      state = evolve(state, event, c.id);
      if (input.hashChains) {
        c.headHash = eventHash(c.headHash, { applicationId: c.id, sequence: state.version, transactionId, event });
      }
      c.history?.push(event);
      if (event.type === 'step_completed' && before?.workItem) {
        tally.stepCompleted(c.arrival.authorityId, event.stepId, now, Date.parse(before.workItem.due));
      } else if (event.type === 'step_overdue') {
        tally.stepMarkedOverdue(c.arrival.authorityId);
      }
    }
    events += produced.length;
    c.state = state;
    if (state && (state.status === 'completed' || state.status === 'withdrawn')) close(c, state);
    else scheduleSweep(c);
  };

  const close = (c: Case, state: ApplicationState): void => {
    open.delete(c);
    tally.closed(c.arrival.authorityId, state);
    yearDigest.add(`${c.id} ${c.headHash} ${state.version} ${state.status} ${state.closedAt}`);
    if (c.history && sample.length < SAMPLE_HISTORIES) sample.push(c.history);
    c.history = null;
    if (c.commands) slice.push({ applicationId: c.id, commands: c.commands, state, headHash: c.headHash });
  };

  const scheduleSweep = (c: Case): void => {
    const due = c.state ? nextSweepAt(c.state) : null;
    if (due === null) return;
    // The sweeper passes every 30 s and marks what is past due (strictly) at its pass.
    const at = (Math.floor(due.getTime() / SWEEP_INTERVAL_MS) + 1) * SWEEP_INTERVAL_MS;
    if (at >= c.sweepAt) return;
    c.sweepAt = at;
    agenda.schedule(at, { kind: 'sweep', c });
  };

  /** Where the application goes next: a work list, the system, or nowhere until someone answers. */
  const route = (c: Case): void => {
    const state = c.state;
    if (c.where !== 'idle' || !state || state.status !== 'in_progress') return;
    const item = state.workItem;
    if (!item) throw new Error(`${c.id} is in progress without an open step`);
    const role = c.arrival.regulation.roles.find((r) => r.id === item.role);
    if (role?.kind === 'system') {
      agenda.schedule(now + BEHAVIOUR.systemStepSeconds * 1000, { kind: 'system_step', c, stepId: item.stepId });
      return;
    }
    const check = item.externalCheck;
    // The official goes on once the outside system answered, or was silent under a rule that lets them.
    if (check && check.status !== 'answered' && !(check.status === 'timed_out' && check.timeoutRule !== 'wait')) return;
    const pool = c.pools.get(item.role);
    if (!pool) throw new Error(`${c.arrival.authorityId} has no ${item.role}`);
    c.where = 'queued';
    c.token++;
    pool.add(Date.parse(item.due), { c, token: c.token });
    dispatch(pool);
  };

  // The officials' office time, per clock (authorities with their own office hours have their own).
  const timelines = new Map<OfficeClock, OfficeTimeline>();
  const timelineOf = (clock: OfficeClock): OfficeTimeline => {
    let timeline = timelines.get(clock);
    if (!timeline) {
      const from = Temporal.PlainDate.from({ year, month: 1, day: 1 });
      timeline = new OfficeTimeline(clock, from, from.add({ years: 2 }));
      timelines.set(clock, timeline);
    }
    return timeline;
  };

  /** Free officials take the most urgent work, in office hours. */
  const dispatch = (pool: StaffPool<Queued>): void => {
    while (pool.freeOfficials > 0 && pool.waiting > 0) {
      const opensAt = timelineOf(legalTime.clockFor(pool.authorityId.split(':')[0])).opensAt(now);
      if (opensAt > now) {
        if (!pool.wakeScheduled) {
          pool.wakeScheduled = true;
          agenda.schedule(opensAt, { kind: 'wake', pool });
        }
        return;
      }
      const queued = pool.nextWork();
      if (!queued || queued.token !== queued.c.token || queued.c.where !== 'queued') continue;
      const { c } = queued;
      const official = pool.takeOfficial() as string;
      const item = c.state?.workItem;
      if (!item) throw new Error(`${c.id} queued without an open step`);
      // The official works it from their role's list without an `assign` command (the back office
      // lets anyone with the role complete unassigned work): one command less per step.
      c.where = 'working';
      const step = stepOf(c.process, item.stepId);
      const ms = workMs(step, c.arrival.requestKind, draws);
      pool.busyMs += ms;
      const doneAt = timelineOf(c.clock).add(now, ms);
      agenda.schedule(doneAt, { kind: 'work_done', c, pool, official });
    }
  };

  /** The official has done their work on the step: they complete it, ask the applicant, or ask a system. */
  const workDone = (c: Case, pool: StaffPool<Queued>, official: string): void => {
    pool.release(official);
    c.where = 'idle';
    const state = c.state;
    const item = state?.workItem;
    if (!state || !item || state.status !== 'in_progress') {
      dispatch(pool);
      return;
    }
    const actor = staffActor(pool, official);
    const step = stepOf(c.process, item.stepId);
    const check = step.externalCheck && c.arrival.regulation.externalChecks.find((x) => x.id === step.externalCheck);
    if (!c.returned && step.id === c.returnStep && draws.chance(BEHAVIOUR.returnedShare)) {
      c.returned = true;
      run(c, { type: 'return_to_applicant', reason: 'documents to complete' }, actor);
      const withdraws = draws.chance(BEHAVIOUR.withdrawsWhenReturned);
      const hours = draws.logNormal(BEHAVIOUR.applicantAnswerHours, BEHAVIOUR.applicantAnswerSpread);
      agenda.schedule(now + Math.round(hours * 3_600_000), { kind: 'applicant', c, withdraws });
    } else if (check && item.externalCheck === null) {
      run(c, { type: 'request_external_check', stepId: step.id }, actor);
      const answerDue = c.state?.workItem?.externalCheck?.answerDue;
      const dueIn = answerDue ? Date.parse(answerDue) - now : null;
      const positive = !draws.chance(BEHAVIOUR.negativeAnswerShare);
      agenda.schedule(now + answerDelayMs(check, dueIn, draws), { kind: 'answer', c, stepId: step.id, positive });
    } else {
      run(c, { type: 'complete', stepId: step.id, outcome: chooseOutcome(step, c.course, draws) }, actor);
    }
    route(c);
    dispatch(pool);
  };

  const happen = (h: Happening): void => {
    switch (h.kind) {
      case 'wake':
        h.pool.wakeScheduled = false;
        dispatch(h.pool);
        return;
      case 'work_done':
        workDone(h.c, h.pool, h.official);
        return;
      case 'sweep': {
        const { c } = h;
        if (c.sweepAt !== now || !open.has(c)) return;
        c.sweepAt = Number.POSITIVE_INFINITY;
        const due = c.state ? nextSweepAt(c.state) : null;
        if (due !== null && due.getTime() < now) run(c, { type: 'sweep' }, SYSTEM_ACTORS.sweeper);
        else scheduleSweep(c);
        if (open.has(c)) route(c);
        return;
      }
      case 'answer': {
        const { c } = h;
        const check = c.state?.workItem?.stepId === h.stepId ? c.state.workItem.externalCheck : null;
        // A late answer to a step the official already went on from finds nothing to answer.
        if (!open.has(c) || !check || (check.status !== 'requested' && check.timeoutRule !== 'wait')) return;
        if (!h.positive && c.course.fate === 'granted') c.course.fate = 'refused';
        run(
          c,
          { type: 'answer_external_check', stepId: h.stepId, answer: h.positive ? 'positive' : 'negative' },
          SYSTEM_ACTORS.gateway,
        );
        if (open.has(c)) route(c);
        return;
      }
      case 'applicant': {
        const { c } = h;
        if (!open.has(c) || c.state?.status !== 'waiting_applicant') return;
        const applicant = c.arrival.applicant;
        const actor: Actor = { kind: 'applicant', userId: `applicant:${applicant.id}`, subjectId: applicant.id };
        run(c, { type: h.withdraws ? 'withdraw' : 'resume' }, actor);
        if (open.has(c)) route(c);
        return;
      }
      case 'system_step': {
        const { c } = h;
        if (!open.has(c) || c.state?.workItem?.stepId !== h.stepId || c.state.status !== 'in_progress') return;
        const [outcome] = stepOf(c.process, h.stepId).outcomes;
        if (!outcome) throw new Error(`system step ${h.stepId} has no outcome`);
        run(
          c,
          { type: 'complete', stepId: h.stepId, outcome: outcome.id },
          { kind: 'system', userId: `system:${c.state.workItem.role}` },
        );
        if (open.has(c)) route(c);
        return;
      }
    }
  };

  const arrive = (arrival: Arrival): void => {
    const regulation = arrival.regulation;
    const spec = regulation.requestKinds.find((k) => k.kind === arrival.requestKind);
    const process = regulation.processes.find((p) => p.id === spec?.process);
    if (!process) throw new Error(`${regulation.id} has no process for ${arrival.requestKind}`);
    const c: Case = {
      arrival,
      id: `vy-${input.seed}-${arrival.index}`,
      process,
      clock: legalTime.clockFor(regulation.authority.id),
      pools: pools.byAuthority.get(arrival.authorityId) ?? new Map(),
      returnStep: examiningStep(process),
      course: { fate: fateOf(draws), sentBack: false },
      state: null,
      where: 'idle',
      token: 0,
      returned: false,
      sweepAt: Number.POSITIVE_INFINITY,
      headHash: GENESIS_HASH,
      history: arrival.index < SAMPLE_HISTORIES ? [] : null,
      commands: input.recordSlice(arrival.index) ? [] : null,
    };
    open.add(c);
    tally.submitted(arrival.authorityId, arrival.at);
    run(
      c,
      { type: 'submit', requestKind: arrival.requestKind, channel: arrival.channel, applicant: arrival.applicant },
      submitter(arrival),
    );
    route(c);
  };

  const arrivals = plan.arrivals();
  let next = arrivals.next();
  let month = 0;
  for (;;) {
    const arrivalAt = next.done ? Number.POSITIVE_INFINITY : next.value.at;
    const at = Math.min(arrivalAt, agenda.peekAt());
    if (at >= yearEnd) break;
    now = at;
    if (month < 12 && now >= (monthStarts[month] as number)) input.onMonth?.(++month, open.size);
    if (!next.done && arrivalAt <= agenda.peekAt()) {
      arrive(next.value);
      next = arrivals.next();
    } else {
      const taken = agenda.take();
      if (taken) happen(taken.item);
    }
  }

  // The year is over: what is still open, and why.
  for (const c of open) {
    const state = c.state as ApplicationState;
    tally.openAtYearEnd(c.arrival.authorityId, state, openReason(c, state), yearEnd);
    yearDigest.add(`${c.id} ${c.headHash} ${state.version} ${state.status} open`);
    if (c.commands) slice.push({ applicationId: c.id, commands: c.commands, state, headHash: c.headHash });
  }

  const officeMs = officeMsOfYear(zoneClock, year);
  return {
    plan: { year, applications: plan.applications, services: plan.services },
    commands,
    events,
    compliance: tally.figures(),
    pools: [...pools.all].map((p) => ({
      authorityId: p.authorityId,
      role: p.role,
      officials: p.officials.length,
      utilisation: p.busyMs / (p.officials.length * officeMs),
      peakWaiting: p.peakWaiting,
    })),
    yearDigest: yearDigest.digest(),
    sample,
    slice: slice.sort((a, b) => a.applicationId.localeCompare(b.applicationId, 'en', { numeric: true })),
  };
}

function openReason(c: Case, state: ApplicationState): OpenReason {
  if (state.status === 'waiting_applicant') return 'waiting_applicant';
  if (c.where === 'working') return 'in_work';
  if (c.where === 'queued') return 'queued';
  const role = c.arrival.regulation.roles.find((r) => r.id === state.workItem?.role);
  return role?.kind === 'system' ? 'system_step' : 'external_check';
}

/** Who submits through a channel: the applicant on the portal, an operator at a centre, the office's own staff. */
function submitter(arrival: Arrival): Actor {
  const { regulation, applicant } = arrival;
  switch (arrival.channel) {
    case 'portal':
      return { kind: 'applicant', userId: `applicant:${applicant.id}`, subjectId: applicant.id };
    case 'service_centre': {
      const role = regulation.roles.find((r) => r.kind === 'service_centre');
      return { kind: 'staff', userId: 'centre/operator', authorityId: 'service-centre', roles: role ? [role.id] : [] };
    }
    case 'authority_office': {
      const role = regulation.roles.find((r) => r.kind === 'authority');
      return {
        kind: 'staff',
        userId: `${arrival.authorityId}/office`,
        authorityId: arrival.authorityId,
        roles: role ? [role.id] : [],
      };
    }
  }
}

/** The step at which the package is examined and the applicant may be asked for more. */
function examiningStep(process: Process): string | undefined {
  for (const action of ['check_completeness', 'review', 'draft_decision'] as const) {
    const step = process.steps.find((s) => s.action === action);
    if (step) return step.id;
  }
  return undefined;
}

function stepOf(process: Process, stepId: string): Step {
  const step = process.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`process ${process.id} has no step ${stepId}`);
  return step;
}

function officeMsOfYear(clock: OfficeClock, year: number): number {
  const from = Temporal.PlainDate.from({ year, month: 1, day: 1 })
    .toZonedDateTime({ timeZone: clock.zone })
    .toInstant();
  const to = Temporal.PlainDate.from({ year: year + 1, month: 1, day: 1 })
    .toZonedDateTime({ timeZone: clock.zone })
    .toInstant();
  return clock.workingTimeBetween(from, to);
}

/**
 * Officials per role and authority: enough for the year's expected work (the plan's volumes along
 * each process's way to a licence) at the target utilisation of their office time, times `staffing`.
 * Busier months then queue work up, quieter ones clear it: compliance is what that capacity gives.
 */
function sizePools(input: SimulationInput, plan: ArrivalPlan) {
  const officeMs = officeMsOfYear(input.legalTime.clockFor(), input.year);
  const work = new Map<string, number>();
  for (const volume of plan.volumes()) {
    const regulation = volume.regulation;
    for (const process of regulation.processes) {
      classifyOutcomes(regulation.id, process.steps);
      // Every role of the authority has someone, even one met only off the usual way (a refusal's branch).
      for (const step of process.steps) {
        if (regulation.roles.find((r) => r.id === step.actor)?.kind !== 'authority') continue;
        for (const [authorityId] of volume.authorities) {
          const key = `${authorityId}\u0000${step.actor}`;
          work.set(key, work.get(key) ?? 0);
        }
      }
    }
    for (const spec of regulation.requestKinds) {
      const process = regulation.processes.find((p) => p.id === spec.process);
      if (!process) continue;
      const count = volume.count * volume.kindShare(spec.kind);
      for (const step of wayToLicence(regulation, process, volume.channel)) {
        if (regulation.roles.find((r) => r.id === step.actor)?.kind !== 'authority') continue;
        for (const [authorityId, share] of volume.authorities) {
          const key = `${authorityId}\u0000${step.actor}`;
          work.set(key, (work.get(key) ?? 0) + count * share * meanWorkMs(step, spec.kind));
        }
      }
    }
  }
  const byAuthority = new Map<string, Map<string, StaffPool<Queued>>>();
  const all: StaffPool<Queued>[] = [];
  for (const [key, ms] of [...work.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [authorityId = '', role = ''] = key.split('\u0000');
    const size = officialsFor(ms, officeMs, input.utilisation / input.staffing);
    const pool = new StaffPool<Queued>(authorityId, role, size);
    all.push(pool);
    const roles = byAuthority.get(authorityId) ?? new Map<string, StaffPool<Queued>>();
    roles.set(role, pool);
    byAuthority.set(authorityId, roles);
  }
  return { byAuthority, all };
}

/**
 * The steps of the usual way to a licence, from where the channel's request enters (for sizing
 * only: the engine itself decides where a request enters and what follows).
 */
function wayToLicence(regulation: Regulation, process: Process, channel: string): Step[] {
  const submit = regulation.preFlows.find((p) => p.channel === channel)?.nodes.find((n) => n.kind === 'submit');
  const entersAt = submit?.kind === 'submit' ? submit.entersAt : 'start';
  let id: string | undefined = process.steps.some((s) => s.id === entersAt) ? entersAt : process.start;
  const way: Step[] = [];
  while (id !== undefined && way.length < process.steps.length) {
    const step = stepOf(process, id);
    way.push(step);
    const onward = step.outcomes.find((o) => leadsOn(o.id));
    id = onward && 'next' in onward ? onward.next : undefined;
  }
  return way;
}

/** A running SHA-256 of strings, in order. */
class Hash {
  readonly #hash = createHash('sha256');
  add(text: string): void {
    this.#hash.update(text);
    this.#hash.update('\n');
  }
  digest(): string {
    return this.#hash.digest('hex');
  }
}
