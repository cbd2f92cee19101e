import type { RegulationCatalogue } from '@ruqsat/core';
import type { ApplicationService } from './application-service.js';
import type { OutboxHandler } from './outbox-worker.js';

/**
 * Runs a step whose actor is a system role — E-licensing registering a request, issuing the
 * result it was given, sending a refusal — as the system: it completes the step with its one
 * outcome (the regulation cross-checks guarantee a system step has exactly one). Idempotent: the
 * transaction id is the step's opening, so a message delivered twice completes it once.
 */
export function systemStepHandler(deps: {
  readonly applications: ApplicationService;
  readonly catalogue: RegulationCatalogue;
}): OutboxHandler {
  return async (message) => {
    const stepId = String(message.payload.stepId);
    const role = String(message.payload.role);
    const state = await deps.applications.get(message.applicationId);
    // The application moved on (withdrawn, or the step was completed some other way): nothing to do.
    if (state?.workItem?.stepId !== stepId || state.status !== 'in_progress') return;
    const step = deps.catalogue
      .get(state.regulationId)
      ?.processes.find((p) => p.id === state.processId)
      ?.steps.find((s) => s.id === stepId);
    const [outcome, ...others] = step?.outcomes ?? [];
    if (!outcome || others.length > 0)
      throw new Error(`${state.regulationId}: system step ${stepId} has not one outcome`);
    await deps.applications.execute({
      applicationId: message.applicationId,
      transactionId: `system-step:${message.applicationId}:${message.sequence}`,
      command: { type: 'complete', stepId, outcome: outcome.id },
      actor: { kind: 'system', userId: `system:${role}` },
    });
  };
}
