import { type Locale, type RegulationCatalogue, RuqsatError, type Temporal } from '@ruqsat/core';
import type { Kysely } from 'kysely';
import { visibleApplication } from '../applications/visibility.js';
import type { Principal } from '../auth/principal.js';
import type { DatabaseSchema } from '../store/schema.js';
import { isUniqueViolation } from '../store/sql-values.js';

export interface SurveyView {
  readonly questions: {
    readonly id: string;
    readonly indicator: 'quality' | 'accessibility';
    readonly text: string;
    readonly answers: { readonly id: string; readonly text: string }[];
  }[];
  /** The answers given, or null while not answered. */
  readonly answered: Record<string, string> | null;
}

/**
 * The regulation's two-question survey after the result: offered where the regulation has one,
 * answerable by whoever may see the application, once it has ended, and only once.
 */
export class SurveyService {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly catalogue: RegulationCatalogue,
    private readonly now: () => Temporal.Instant,
  ) {}

  async view(principal: Principal, applicationId: string, locale: Locale): Promise<SurveyView> {
    const { survey } = await this.#surveyOf(principal, applicationId);
    const row = await this.db
      .selectFrom('survey_answers')
      .select('answers')
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    return {
      questions: survey.questions.map((q) => ({
        id: q.id,
        indicator: q.indicator,
        text: q.text[locale],
        answers: q.answers.map((a) => ({ id: a.id, text: a.text[locale] })),
      })),
      answered: row?.answers ?? null,
    };
  }

  async answer(principal: Principal, applicationId: string, answers: Record<string, string>): Promise<void> {
    const { state, survey, regulation } = await this.#surveyOf(principal, applicationId);
    if (state.status !== 'completed') throw new RuqsatError('SURVEY_NOT_YET', { status: state.status });
    const complete =
      Object.keys(answers).length === survey.questions.length &&
      survey.questions.every((q) => q.answers.some((a) => a.id === answers[q.id]));
    if (!complete) throw new RuqsatError('SURVEY_ANSWER_INVALID');
    await this.db
      .insertInto('survey_answers')
      .values({
        application_id: applicationId,
        regulation_id: regulation.id,
        service_id: regulation.service.id,
        authority_id: regulation.authority.id,
        answers: JSON.stringify(answers),
        answered_by: `iin:${principal.iin}`,
        answered_at: new Date(this.now().epochMilliseconds),
      })
      .execute()
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new RuqsatError('SURVEY_ANSWERED');
        throw error;
      });
  }

  async #surveyOf(principal: Principal, applicationId: string) {
    const state = await visibleApplication(this.db, principal, applicationId);
    const regulation = this.catalogue.get(state.regulationId);
    if (!regulation?.survey) throw new RuqsatError('SURVEY_NOT_OFFERED', { regulationId: state.regulationId });
    return { state, regulation, survey: regulation.survey };
  }
}
