import type { RegulationCatalogue } from '@ruqsat/core';
import { type ApplicationState, type ExternalAnswer, RuqsatError } from '@ruqsat/core';
import type { ApplicationService } from '../applications/application-service.js';
import type { OutboxHandler } from '../applications/outbox-worker.js';
import type { PaymentService } from '../payments/payment-service.js';
import type { CallContext } from './gateway-client.js';
import type { StateSystems } from './state-systems-factory.js';

const GATEWAY = { kind: 'system', userId: 'state-gateway' } as const;

interface Verdict {
  readonly answer: ExternalAnswer;
  readonly summary: string;
}

/**
 * Carries an external check requested at a step (an `external_request` in the outbox) to the state
 * system the regulation names, and records its answer as an `external_check_answered` event, which
 * the executor then sees with its summary. A system that does not answer throws, so the outbox
 * asks again with backoff; if it stays silent past the regulation's term, the sweeper applies the
 * regulation's rule for silence. Checks of systems we have no client for (`other`, the CA) are
 * left for the official to key in.
 */
export function externalCheckHandler(deps: {
  readonly applications: ApplicationService;
  readonly catalogue: RegulationCatalogue;
  readonly systems: StateSystems;
  readonly payments: PaymentService;
  readonly logger?: { warn(details: Record<string, unknown>, message: string): void };
}): OutboxHandler {
  return async (message) => {
    const checkId = String(message.payload.checkId);
    const stepId = String(message.payload.stepId);
    // Nothing to ask about (it cannot get better by asking again): logged, left to the official.
    const leave = (why: string) =>
      deps.logger?.warn({ applicationId: message.applicationId, checkId, why }, 'external check left to the official');
    const state = await deps.applications.get(message.applicationId);
    if (!state) return leave('no such application');
    const check = deps.catalogue.get(state.regulationId)?.externalChecks.find((c) => c.id === checkId);
    if (!check) return leave(`${state.regulationId} has no such check`);
    // Answered already (by an official) or the step moved on: nothing left to ask.
    const pending = state.workItem?.stepId === stepId && state.workItem.externalCheck?.status === 'requested';
    if (!pending) return;

    const context: CallContext = { requestedBy: `external-check:${checkId}`, applicationId: state.id };
    let verdict: Verdict | null;
    try {
      verdict = await verdictOf(check.system, state, context, deps);
    } catch (error) {
      // Silence is worth asking again (the outbox retries with backoff, the regulation's term
      // decides in the end); a refusal or a malformed answer is not.
      if (error instanceof RuqsatError && error.code !== 'GATEWAY_UNAVAILABLE') return leave(error.code);
      throw error;
    }
    if (!verdict) return;
    await deps.applications
      .execute({
        applicationId: state.id,
        // One answer per request: a redelivered message repeats the command, not the answer.
        transactionId: `external-answer:${message.id}`,
        command: { type: 'answer_external_check', stepId, answer: verdict.answer, summary: verdict.summary },
        actor: GATEWAY,
      })
      .catch((error: unknown) => {
        // Keyed in by an official meanwhile, or the application closed: the answer is no longer wanted.
        if (
          error instanceof RuqsatError &&
          ['EXTERNAL_CHECK_NOT_PENDING', 'STEP_NOT_OPEN', 'APPLICATION_CLOSED'].includes(error.code)
        )
          return;
        throw error;
      });
  };
}

async function verdictOf(
  system: string,
  state: ApplicationState,
  context: CallContext,
  deps: { readonly systems: StateSystems; readonly payments: PaymentService },
): Promise<Verdict | null> {
  const { systems } = deps;
  const applicant = state.applicant;
  switch (system) {
    case 'gbd_ul': {
      if (applicant.kind !== 'legal_entity')
        return { answer: 'positive', summary: 'not applicable: the applicant is a person' };
      const entity = await systems.entities.find(applicant.id, context);
      if (!entity)
        return { answer: 'negative', summary: `BIN ${applicant.id}: not in the state database of legal entities` };
      if (entity.status === 'liquidated') {
        return { answer: 'negative', summary: `${entity.name.ru}: liquidated ${entity.liquidatedOn ?? ''}`.trim() };
      }
      return {
        answer: 'positive',
        summary: `${entity.name.ru}, registered ${entity.registeredOn}, ${entity.address.locality}`,
      };
    }
    case 'gbd_fl': {
      const iin = await personOf(state, context, systems);
      if (!iin)
        return { answer: 'negative', summary: `BIN ${applicant.id}: not in the state database of legal entities` };
      const person = await systems.persons.find(iin, context);
      if (!person) return { answer: 'negative', summary: `IIN ${iin}: not in the state database of persons` };
      if (person.status === 'deceased')
        return { answer: 'negative', summary: `IIN ${iin}: deceased ${person.deathDate ?? ''}`.trim() };
      return { answer: 'positive', summary: `${person.surname} ${person.name}, born ${person.birthDate}` };
    }
    case 'legal_statistics': {
      const iin = await personOf(state, context, systems);
      if (!iin) return { answer: 'negative', summary: `BIN ${applicant.id}: no head to ask about` };
      const records = await systems.legalStatistics.recordsOf(iin, context);
      if (!records) return { answer: 'negative', summary: `IIN ${iin}: unknown to the committee` };
      const standing = records.convictions.filter((c) => !c.expunged);
      const administrative = records.administrative.length;
      if (standing.length > 0) {
        return {
          answer: 'negative',
          summary: `IIN ${iin}: conviction ${standing.map((c) => `${c.article} (${c.date})`).join('; ')}`,
        };
      }
      return {
        answer: 'positive',
        summary: `IIN ${iin}: no standing conviction; administrative offences: ${administrative}`,
      };
    }
    case 'payment_gateway': {
      // A callback may have been lost: the gateway is asked before the fee is called unpaid.
      const now = await deps.payments.currentInvoiceOf(state.id, state.requestKind, context.requestedBy);
      if (!now) return { answer: 'negative', summary: 'no invoice was issued for the fee of this application' };
      return now.status === 'pending'
        ? { answer: 'negative', summary: `invoice ${now.invoiceId}: not paid (the payment gateway says so)` }
        : {
            answer: 'positive',
            summary: `invoice ${now.invoiceId}: paid ${now.paidAt ?? ''} (confirmed by the payment gateway)`.trim(),
          };
    }
    default:
      return null;
  }
}

/** The person a check is about: the applicant, or for a legal entity its head as ГБД ЮЛ names them. */
async function personOf(state: ApplicationState, context: CallContext, systems: StateSystems): Promise<string | null> {
  if (state.applicant.kind !== 'legal_entity') return state.applicant.id;
  const entity = await systems.entities.find(state.applicant.id, context);
  return entity?.head.iin ?? null;
}
