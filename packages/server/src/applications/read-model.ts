import { type ApplicationState, canonicalJson } from '@ruqsat/core';

/**
 * The `applications` row as the state says it should be: written with each command, and
 * recomputed from the replayed events by `audit verify`, which compares the two.
 */
export function readModelColumns(state: ApplicationState) {
  const item = state.workItem;
  return {
    status: state.status,
    current_step: item?.stepId ?? null,
    step_role: item?.role ?? null,
    assignee: item?.assignee ?? null,
    step_due: item ? new Date(item.due) : null,
    step_overdue: item?.overdue ?? false,
    term_due: new Date(state.termDue),
    term_overdue: state.termOverdue,
    result: state.result,
    closed_at: state.closedAt ? new Date(state.closedAt) : null,
    next_sweep_at: nextSweepAt(state),
    version: state.version,
    state: canonicalJson(state),
  };
}

/** The earliest deadline not yet marked: when the sweeper should look at the application again. */
export function nextSweepAt(state: ApplicationState): Date | null {
  if (state.status !== 'in_progress') return null;
  const candidates: string[] = [];
  const item = state.workItem;
  if (item && !item.overdue) candidates.push(item.due);
  if (!state.termOverdue) candidates.push(state.termDue);
  const check = item?.externalCheck;
  if (check?.status === 'requested' && check.answerDue !== null) candidates.push(check.answerDue);
  if (candidates.length === 0) return null;
  return new Date(Math.min(...candidates.map((c) => Date.parse(c))));
}
