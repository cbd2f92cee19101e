import type { ApplicationState, RegulationCatalogue } from '@ruqsat/core';
import { z } from 'zod';

/** How an application is shown to whoever may see it: the applicant, an official, an operator. */
export const ApplicationSummary = z
  .object({
    id: z.string().describe('the application number'),
    applicant: z.object({ kind: z.string(), id: z.string().describe('IIN or BIN') }),
    regulationId: z.string(),
    service: z.object({ id: z.string(), name: z.string() }),
    requestKind: z.string(),
    channel: z.string(),
    status: z.enum(['in_progress', 'waiting_applicant', 'completed', 'withdrawn']),
    registrationDate: z.string(),
    termDue: z.iso.datetime({ offset: true }),
    termOverdue: z.boolean(),
    currentStep: z
      .object({ id: z.string(), name: z.string(), due: z.iso.datetime({ offset: true }), overdue: z.boolean() })
      .nullable(),
    result: z.string().nullable(),
    closedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'ApplicationSummary' });

export const ApplicationDetail = ApplicationSummary.extend({
  history: z.array(
    z.object({
      sequence: z.number(),
      at: z.iso.datetime({ offset: true }),
      type: z.string(),
      text: z.string(),
      reasons: z.string().nullable().describe('the official’s reasons, for a refusal or a return'),
    }),
  ),
}).meta({ id: 'ApplicationDetail' });

/** The summary of an application in the reader's language. */
export function summaryOf(state: ApplicationState, catalogue: RegulationCatalogue, locale: 'kk' | 'ru' | 'en') {
  const regulation = catalogue.get(state.regulationId);
  const step = state.workItem
    ? regulation?.processes.find((p) => p.id === state.processId)?.steps.find((s) => s.id === state.workItem?.stepId)
    : undefined;
  return {
    id: state.id,
    applicant: { kind: state.applicant.kind, id: state.applicant.id },
    regulationId: state.regulationId,
    service: { id: regulation?.service.id ?? '', name: regulation?.service.name[locale] ?? state.regulationId },
    requestKind: state.requestKind,
    channel: state.channel,
    status: state.status,
    registrationDate: state.registrationDate,
    termDue: state.termDue,
    termOverdue: state.termOverdue,
    currentStep: state.workItem
      ? {
          id: state.workItem.stepId,
          name: step?.name[locale] ?? state.workItem.stepId,
          due: state.workItem.due,
          overdue: state.workItem.overdue,
        }
      : null,
    result: state.result,
    closedAt: state.closedAt,
  };
}
