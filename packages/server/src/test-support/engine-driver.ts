// Drives applications through a regulation in tests, as the officials would: at each open step
// the acting role takes the outcome that leads soonest to the wanted kind of result.
import {
  type Actor,
  controlDigit,
  distancesToGoal,
  type EngineEvent,
  type Goal,
  outcomeToward,
  type Regulation,
  Temporal,
} from '@ruqsat/core';
import type { ApplicationService, ExecuteResult } from '../applications/application-service.js';

export type { Goal } from '@ruqsat/core';
export { distancesToGoal } from '@ruqsat/core';

/** A check-digit-valid IIN or BIN built from eleven digits, for test applicants. */
export function identifierFrom(eleven: string): string {
  const digits = [...eleven].map(Number);
  const control = controlDigit(digits);
  if (control === null) throw new Error(`no identifier starts with ${eleven}`);
  return `${eleven}${control}`;
}

export const TEST_BIN = identifierFrom('15074001234');
export const TEST_IIN = identifierFrom('90051730001');

/** The actor who does a step: staff holding its role, or the system for a system role. */
export function actorFor(regulation: Regulation, roleId: string): Actor {
  const role = regulation.roles.find((r) => r.id === roleId);
  if (role?.kind === 'system') return { kind: 'system', userId: `system:${roleId}` };
  return { kind: 'staff', userId: `staff:${roleId}`, authorityId: regulation.authority.id, roles: [roleId] };
}

export interface DriveOptions {
  readonly service: ApplicationService;
  readonly regulation: Regulation;
  readonly applicationId: string;
  readonly goal: Goal;
  /** Advances the virtual clock before each command and returns the new instant. */
  readonly tick: () => Temporal.Instant;
  /** Called after every accepted command with its events. */
  readonly onEvents?: (events: readonly EngineEvent[], at: Temporal.Instant) => void;
}

/** Takes a submitted application to its end; returns the last result. */
export async function driveToEnd(options: DriveOptions): Promise<ExecuteResult> {
  const { service, regulation, applicationId, goal } = options;
  let state = await service.get(applicationId);
  if (!state) throw new Error(`no application ${applicationId}`);
  const distance = distancesToGoal(regulation, state.processId, goal);
  const process = regulation.processes.find((p) => p.id === state?.processId);
  let last: ExecuteResult | null = null;
  let n = 0;
  const run = async (command: Parameters<ApplicationService['execute']>[0]['command'], actor: Actor) => {
    const at = options.tick();
    const result = await service.execute({
      applicationId,
      transactionId: `${applicationId}:${++n}`,
      expectedVersion: state?.version,
      command,
      actor,
    });
    options.onEvents?.(result.events, at);
    state = result.state;
    last = result;
    return result;
  };
  for (let guard = 0; state.status === 'in_progress' && guard < 50; guard++) {
    const item = state.workItem;
    if (!item) throw new Error('in progress without an open step');
    const step = process?.steps.find((s) => s.id === item.stepId);
    if (!step) throw new Error(`no step ${item.stepId}`);
    const actor = actorFor(regulation, step.actor);
    if (step.externalCheck !== undefined && item.externalCheck === null) {
      await run({ type: 'request_external_check', stepId: step.id }, actor);
      await run(
        { type: 'answer_external_check', stepId: step.id, answer: 'positive' },
        { kind: 'system', userId: 'gateway' },
      );
      continue;
    }
    const best = outcomeToward(step, distance, goal);
    await run({ type: 'complete', stepId: step.id, outcome: best.id }, actor);
  }
  if (!last) throw new Error('nothing was done');
  return last;
}

/** 10:00 local on the first working day at least a week after the regulation took effect. */
export function submissionInstant(
  regulation: Regulation,
  isWorkingDay: (d: Temporal.PlainDate) => boolean,
): Temporal.Instant {
  let date = Temporal.PlainDate.from(regulation.effectiveFrom).add({ days: 7 });
  while (!isWorkingDay(date)) date = date.add({ days: 1 });
  return date.toZonedDateTime({ timeZone: 'Asia/Almaty', plainTime: Temporal.PlainTime.from('10:00') }).toInstant();
}
