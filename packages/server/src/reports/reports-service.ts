import { type Locale, type RegulationCatalogue, type StoppedPeriod, Temporal } from '@ruqsat/core';
import { type Kysely, sql } from 'kysely';
import type { LegalTime } from '../calendar/legal-time.js';
import type { DatabaseSchema } from '../store/schema.js';

/** A half-open period [from, to) of instants. */
export interface Period {
  readonly from: Temporal.Instant;
  readonly to: Temporal.Instant;
}

export interface ApplicationCount {
  readonly serviceId: string;
  readonly authorityId: string;
  readonly channel: string;
  readonly status: string;
  readonly result: string | null;
  readonly count: number;
}

export interface StepCompliance {
  readonly authorityId: string;
  readonly regulationId: string;
  readonly stepId: string;
  readonly stepName: string;
  readonly opened: number;
  readonly completed: number;
  readonly completedOnTime: number;
  /** Completed after the due, or still open past it. */
  readonly late: number;
  /** On time among those whose due has come (completed, or open past the due); null when none has. */
  readonly compliance: number | null;
  /** Average working hours from opening to completion, with the applicant's time taken out. */
  readonly averageWorkingHours: number | null;
}

export interface SurveyIndicator {
  readonly serviceId: string;
  readonly questionId: string;
  readonly indicator: string;
  readonly question: string;
  readonly answers: Record<string, number>;
  readonly responses: number;
  /** The share answering the best of the three answers (the regulations' "satisfied"). */
  readonly satisfiedShare: number | null;
}

/**
 * The administrator's figures: applications by service, authority, channel and status; deadline
 * compliance and working time per step and authority (from the events, so they are the history as
 * it happened); and the survey's indicators per service.
 */
export class ReportsService {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly catalogue: RegulationCatalogue,
    private readonly legalTime: LegalTime,
    private readonly now: () => Temporal.Instant = () => Temporal.Now.instant(),
  ) {}

  /** Applications received in the period, counted by service, authority, channel, status and result. */
  async applications(period: Period): Promise<ApplicationCount[]> {
    const rows = await this.db
      .selectFrom('applications')
      .select([
        'service_id',
        'authority_id',
        'channel',
        'status',
        'result',
        (eb) => eb.fn.countAll<number>().as('count'),
      ])
      .where('received_at', '>=', date(period.from))
      .where('received_at', '<', date(period.to))
      .groupBy(['service_id', 'authority_id', 'channel', 'status', 'result'])
      .orderBy('service_id')
      .orderBy('authority_id')
      .orderBy('channel')
      .orderBy('status')
      .execute();
    return rows.map((r) => ({
      serviceId: r.service_id,
      authorityId: r.authority_id,
      channel: r.channel,
      status: r.status,
      result: r.result,
      count: Number(r.count),
    }));
  }

  /** Steps opened in the period: how many, completed on time or late, and their working time. */
  async deadlines(period: Period, locale: Locale): Promise<StepCompliance[]> {
    // Each opening of a step with the first completion of that step after it, and its due as the
    // last resumption before then moved it (the applicant's time does not count against the office).
    const steps = await sql<{
      application_id: string;
      authority_id: string;
      regulation_id: string;
      status: string;
      step_id: string;
      opened_at: Date;
      due: string;
      completed_at: Date | null;
    }>`
      SELECT o.application_id, a.authority_id, a.regulation_id, a.status, o.event->>'stepId' AS step_id,
             o.at AS opened_at, COALESCE(r.due, o.event->>'due') AS due, c.at AS completed_at
        FROM application_events o
        JOIN applications a ON a.id = o.application_id
        LEFT JOIN LATERAL (
          SELECT e.at, e.sequence FROM application_events e
           WHERE e.application_id = o.application_id AND e.sequence > o.sequence
             AND e.type = 'step_completed' AND e.event->>'stepId' = o.event->>'stepId'
           ORDER BY e.sequence LIMIT 1
        ) c ON true
        LEFT JOIN LATERAL (
          SELECT e.event->>'stepDue' AS due FROM application_events e
           WHERE e.application_id = o.application_id AND e.sequence > o.sequence
             AND (c.sequence IS NULL OR e.sequence < c.sequence) AND e.type = 'resumed'
           ORDER BY e.sequence DESC LIMIT 1
        ) r ON true
       WHERE o.type = 'step_opened' AND o.at >= ${date(period.from)} AND o.at < ${date(period.to)}
    `.execute(this.db);
    const stops = await this.#stoppedPeriods([...new Set(steps.rows.map((r) => r.application_id))]);
    const now = this.now();
    const groups = new Map<
      string,
      { key: Omit<StepCompliance, 'compliance' | 'averageWorkingHours' | 'stepName'>; workMs: number[] }
    >();
    for (const row of steps.rows) {
      const id = `${row.authority_id}\u0000${row.regulation_id}\u0000${row.step_id}`;
      const group = groups.get(id) ?? {
        key: {
          authorityId: row.authority_id,
          regulationId: row.regulation_id,
          stepId: row.step_id,
          opened: 0,
          completed: 0,
          completedOnTime: 0,
          late: 0,
        },
        workMs: [],
      };
      const due = Temporal.Instant.from(row.due);
      const k = group.key as { opened: number; completed: number; completedOnTime: number; late: number };
      k.opened += 1;
      if (row.completed_at) {
        const completed = instant(row.completed_at);
        k.completed += 1;
        if (Temporal.Instant.compare(completed, due) <= 0) k.completedOnTime += 1;
        else k.late += 1;
        const clock = this.legalTime.clockFor(row.authority_id);
        group.workMs.push(
          clock.workingTimeBetween(instant(row.opened_at), completed, stops.get(row.application_id) ?? []),
        );
      } else if (row.status === 'in_progress' && Temporal.Instant.compare(now, due) > 0) {
        // Open past its due and still the office's to do. A withdrawn application's open step, or
        // one waiting on the applicant, is nobody's lateness.
        k.late += 1;
      }
      groups.set(id, group);
    }
    return [...groups.values()].map(({ key, workMs }) => {
      const decided = key.completedOnTime + key.late;
      const step = this.catalogue
        .get(key.regulationId)
        ?.processes.flatMap((p) => p.steps)
        .find((s) => s.id === key.stepId);
      return {
        ...key,
        stepName: step?.name[locale] ?? key.stepId,
        compliance: decided === 0 ? null : round(key.completedOnTime / decided),
        averageWorkingHours:
          workMs.length === 0 ? null : round(workMs.reduce((a, b) => a + b, 0) / workMs.length / 3_600_000),
      };
    });
  }

  /** Survey answers given in the period, per service and question. */
  async survey(period: Period, locale: Locale): Promise<SurveyIndicator[]> {
    const rows = await this.db
      .selectFrom('survey_answers')
      .select(['regulation_id', 'service_id', 'answers'])
      .where('answered_at', '>=', date(period.from))
      .where('answered_at', '<', date(period.to))
      .execute();
    const tallies = new Map<string, { indicator: Omit<SurveyIndicator, 'satisfiedShare'>; best: string }>();
    for (const row of rows) {
      for (const question of this.catalogue.get(row.regulation_id)?.survey?.questions ?? []) {
        const key = `${row.service_id}\u0000${question.id}`;
        const tally = tallies.get(key) ?? {
          indicator: {
            serviceId: row.service_id,
            questionId: question.id,
            indicator: question.indicator,
            question: question.text[locale],
            answers: Object.fromEntries(question.answers.map((a) => [a.id, 0])),
            responses: 0,
          },
          // The questionnaire lists its answers from worst to best.
          best: question.answers.at(-1)?.id ?? '',
        };
        const answer = row.answers[question.id];
        if (answer === undefined || !(answer in tally.indicator.answers)) continue;
        tally.indicator.answers[answer] = (tally.indicator.answers[answer] ?? 0) + 1;
        tallies.set(key, { ...tally, indicator: { ...tally.indicator, responses: tally.indicator.responses + 1 } });
      }
    }
    return [...tallies.values()].map(({ indicator, best }) => ({
      ...indicator,
      satisfiedShare: indicator.responses === 0 ? null : round((indicator.answers[best] ?? 0) / indicator.responses),
    }));
  }

  /** The periods each application waited on its applicant (the clock stopped). */
  async #stoppedPeriods(applicationIds: readonly string[]): Promise<Map<string, StoppedPeriod[]>> {
    const periods = new Map<string, StoppedPeriod[]>();
    if (applicationIds.length === 0) return periods;
    const rows = await this.db
      .selectFrom('application_events')
      .select(['application_id', 'type', 'at'])
      .where('application_id', 'in', applicationIds)
      .where('type', 'in', ['returned_to_applicant', 'resumed'])
      .orderBy('application_id')
      .orderBy('sequence')
      .execute();
    for (const row of rows) {
      const list = periods.get(row.application_id) ?? [];
      if (row.type === 'returned_to_applicant') list.push({ from: instant(row.at) });
      else {
        const open = list.at(-1);
        if (open && open.to === undefined) list[list.length - 1] = { from: open.from, to: instant(row.at) };
      }
      periods.set(row.application_id, list);
    }
    return periods;
  }
}

function date(value: Temporal.Instant): Date {
  return new Date(value.epochMilliseconds);
}

function instant(value: Date): Temporal.Instant {
  return Temporal.Instant.fromEpochMilliseconds(value.getTime());
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
