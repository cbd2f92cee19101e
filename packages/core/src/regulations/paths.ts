import type { Regulation, Step } from './schema.js';

/** Which kind of result a path through a process leads to: a licence of some kind, or a refusal. */
export type Goal = 'grant' | 'refuse';

/** For each step of a process, how many steps it takes at least to reach a result of the goal. */
export function distancesToGoal(regulation: Regulation, processId: string, goal: Goal): Map<string, number> {
  const process = regulation.processes.find((p) => p.id === processId);
  if (!process) throw new Error(`no process ${processId}`);
  const wanted = (result: string) => (goal === 'refuse') === (result === 'motivated_refusal');
  const distance = new Map<string, number>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const step of process.steps) {
      for (const outcome of step.outcomes) {
        const d =
          'end' in outcome ? (wanted(outcome.end) ? 1 : undefined) : (distance.get(outcome.next) ?? Number.NaN) + 1;
        if (d !== undefined && !Number.isNaN(d) && d < (distance.get(step.id) ?? Number.POSITIVE_INFINITY)) {
          distance.set(step.id, d);
          changed = true;
        }
      }
    }
  }
  return distance;
}

/** The outcome of a step that leads soonest to a result of the goal (given the process's distances). */
export function outcomeToward(
  step: Step,
  distances: ReadonlyMap<string, number>,
  goal: Goal,
): Step['outcomes'][number] {
  const score = (outcome: Step['outcomes'][number]) => {
    if ('end' in outcome)
      return (goal === 'refuse') === (outcome.end === 'motivated_refusal') ? 1 : Number.POSITIVE_INFINITY;
    return (distances.get(outcome.next) ?? Number.POSITIVE_INFINITY) + 1;
  };
  const best = [...step.outcomes].sort((a, b) => score(a) - score(b))[0];
  if (!best) throw new Error(`step ${step.id} has no outcomes`);
  return best;
}
