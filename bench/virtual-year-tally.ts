import type { ApplicationState, ResultKind } from '@ruqsat/core';

/** Met or missed: a step completed by its due instant, an application decided within its term. */
export interface OnTime {
  onTime: number;
  late: number;
}

/** Why an application is still open when the year ends. */
export const OPEN_REASONS = ['queued', 'in_work', 'waiting_applicant', 'external_check', 'system_step'] as const;
export type OpenReason = (typeof OPEN_REASONS)[number];

export interface OpenAtYearEnd {
  total: number;
  /** Its overall term had already run out. */
  overdue: number;
  byReason: Record<OpenReason, number>;
}

export interface AuthorityFigures {
  readonly authorityId: string;
  submitted: number;
  /** Decided (licence or refusal issued) within the overall term, or after it. */
  decided: OnTime;
  granted: number;
  refused: number;
  withdrawn: number;
  open: OpenAtYearEnd;
  /** Steps the deadline sweep marked overdue and escalated. */
  stepsMarkedOverdue: number;
}

export interface StepFigures {
  /** The regulation's authority (territorial units together). */
  readonly authorityId: string;
  readonly stepId: string;
  completed: OnTime;
  /** Open at year end, and of those past their due instant. */
  open: number;
  openOverdue: number;
}

export interface MonthFigures {
  readonly month: number;
  submitted: number;
  /** Decisions in the month, by whether they met the overall term. */
  decided: OnTime;
}

export interface Compliance {
  readonly authorities: readonly AuthorityFigures[];
  readonly steps: readonly StepFigures[];
  readonly months: readonly MonthFigures[];
  readonly totals: {
    readonly submitted: number;
    readonly decided: OnTime;
    readonly withdrawn: number;
    readonly open: OpenAtYearEnd;
    readonly stepsCompleted: OnTime;
  };
}

const DECISIONS: readonly ResultKind[] = ['licence', 'reissued_licence', 'duplicate', 'licence_annex'];

/** Counts what happened to the year's applications as the simulation goes. */
export class Tally {
  readonly #authorities = new Map<string, AuthorityFigures>();
  readonly #steps = new Map<string, StepFigures>();
  readonly #months: MonthFigures[] = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    submitted: 0,
    decided: { onTime: 0, late: 0 },
  }));

  constructor(readonly monthOf: (epochMs: number) => number) {}

  submitted(authorityId: string, at: number): void {
    this.#authority(authorityId).submitted++;
    this.#month(at).submitted++;
  }

  stepCompleted(authorityId: string, stepId: string, at: number, dueMs: number): void {
    const completed = this.#step(authorityId, stepId).completed;
    if (at <= dueMs) completed.onTime++;
    else completed.late++;
  }

  stepMarkedOverdue(authorityId: string): void {
    this.#authority(authorityId).stepsMarkedOverdue++;
  }

  closed(authorityId: string, state: ApplicationState): void {
    const figures = this.#authority(authorityId);
    if (state.status === 'withdrawn') {
      figures.withdrawn++;
      return;
    }
    const closedAt = Date.parse(state.closedAt ?? '');
    const onTime = closedAt <= Date.parse(state.termDue);
    for (const decided of [figures.decided, this.#month(closedAt).decided]) {
      if (onTime) decided.onTime++;
      else decided.late++;
    }
    if (state.result !== null && DECISIONS.includes(state.result)) figures.granted++;
    else figures.refused++;
  }

  openAtYearEnd(authorityId: string, state: ApplicationState, reason: OpenReason, yearEnd: number): void {
    const open = this.#authority(authorityId).open;
    open.total++;
    open.byReason[reason]++;
    if (Date.parse(state.termDue) < yearEnd) open.overdue++;
    const item = state.workItem;
    if (item) {
      const step = this.#step(authorityId, item.stepId);
      step.open++;
      if (Date.parse(item.due) < yearEnd) step.openOverdue++;
    }
  }

  figures(): Compliance {
    const authorities = [...this.#authorities.values()].sort((a, b) => a.authorityId.localeCompare(b.authorityId));
    const steps = [...this.#steps.values()].sort(
      (a, b) => a.authorityId.localeCompare(b.authorityId) || a.stepId.localeCompare(b.stepId),
    );
    const sum = (pick: (a: AuthorityFigures) => number) => authorities.reduce((n, a) => n + pick(a), 0);
    return {
      authorities,
      steps,
      months: this.#months,
      totals: {
        submitted: sum((a) => a.submitted),
        decided: { onTime: sum((a) => a.decided.onTime), late: sum((a) => a.decided.late) },
        withdrawn: sum((a) => a.withdrawn),
        open: {
          total: sum((a) => a.open.total),
          overdue: sum((a) => a.open.overdue),
          byReason: Object.fromEntries(OPEN_REASONS.map((r) => [r, sum((a) => a.open.byReason[r])])) as Record<
            OpenReason,
            number
          >,
        },
        stepsCompleted: {
          onTime: steps.reduce((n, s) => n + s.completed.onTime, 0),
          late: steps.reduce((n, s) => n + s.completed.late, 0),
        },
      },
    };
  }

  #authority(authorityId: string): AuthorityFigures {
    let figures = this.#authorities.get(authorityId);
    if (!figures) {
      figures = {
        authorityId,
        submitted: 0,
        decided: { onTime: 0, late: 0 },
        granted: 0,
        refused: 0,
        withdrawn: 0,
        open: {
          total: 0,
          overdue: 0,
          byReason: Object.fromEntries(OPEN_REASONS.map((r) => [r, 0])) as Record<OpenReason, number>,
        },
        stepsMarkedOverdue: 0,
      };
      this.#authorities.set(authorityId, figures);
    }
    return figures;
  }

  #step(authorityId: string, stepId: string): StepFigures {
    const regulationAuthority = authorityId.split(':')[0] ?? authorityId;
    const key = `${regulationAuthority}\u0000${stepId}`;
    let figures = this.#steps.get(key);
    if (!figures) {
      figures = {
        authorityId: regulationAuthority,
        stepId,
        completed: { onTime: 0, late: 0 },
        open: 0,
        openOverdue: 0,
      };
      this.#steps.set(key, figures);
    }
    return figures;
  }

  #month(epochMs: number): MonthFigures {
    const month = this.#months[this.monthOf(epochMs) - 1];
    if (!month) throw new RangeError(`no month for ${epochMs}`);
    return month;
  }
}
