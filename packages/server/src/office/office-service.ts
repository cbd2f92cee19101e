import {
  type ApplicationState,
  type Command,
  type EngineEvent,
  OUTCOMES_NEEDING_REASONS,
  type Regulation,
  type RegulationCatalogue,
  RuqsatError,
  type Step,
  Temporal,
  type WorkItem,
} from '@ruqsat/core';
import type { Kysely } from 'kysely';
import type { ApplicationService, ExecuteResult } from '../applications/application-service.js';
import type { AttachmentStore } from '../attachments/attachment-store.js';
import type { LegalTime } from '../calendar/legal-time.js';
import type { OfficialKeyVault } from '../signing/official-key-vault.js';
import { actorAtStep, staffActor } from '../staff/acting.js';
import type { Delegations } from '../staff/delegations.js';
import {
  authorityOf,
  type StaffDirectory,
  type StaffMember,
  staffIdOf,
  staffUserId,
} from '../staff/staff-directory.js';
import type { DatabaseSchema } from '../store/schema.js';
import { signerCommittedBy } from './signing-duty.js';

/** Who hands work out at an authority besides taking it themselves (the regulations' names for them). */
export const ASSIGNING_ROLES: readonly string[] = [
  'leadership',
  'head_of_department',
  'provider_head',
  'unit_head',
  'office_employee',
];

export interface QueueFilter {
  /** `mine`: steps for my roles (and those of colleagues I stand in for), unassigned or mine; `authority`: all open work. */
  readonly scope: 'mine' | 'authority';
  readonly overdueOnly: boolean;
  readonly limit: number;
  readonly offset: number;
}

export interface QueueItem {
  readonly state: ApplicationState;
  /** The step's due falls on today's Almaty date and has not passed. */
  readonly dueToday: boolean;
}

export interface StepCommand {
  readonly transactionId: string;
  readonly stepId: string;
}

/**
 * The licensing authority's side of an application: its work queues, the file, and the step
 * actions of the regulation. Visibility is the authority: staff see and act on applications whose
 * regulation names their authority, nothing else — another authority's application is answered
 * as no application at all.
 */
export class OfficeService {
  constructor(
    private readonly deps: {
      readonly db: Kysely<DatabaseSchema>;
      readonly catalogue: RegulationCatalogue;
      readonly applications: ApplicationService;
      readonly directory: StaffDirectory;
      readonly delegations: Delegations;
      readonly legalTime: LegalTime;
      readonly attachments: AttachmentStore;
      /** Officials' signing keys: a decision that must be signed needs the signer's key registered. */
      readonly signingKeys?: Pick<OfficialKeyVault, 'certificateOf'>;
      readonly now?: () => Temporal.Instant;
    },
  ) {}

  get catalogue(): RegulationCatalogue {
    return this.deps.catalogue;
  }

  async queue(member: StaffMember, filter: QueueFilter): Promise<{ items: QueueItem[]; total: number }> {
    const absent = await this.deps.delegations.standingInFor(member);
    const roles = [...new Set([...member.roles, ...absent.flatMap((m) => m.roles)])];
    const mine = [member, ...absent].map((m) => staffUserId(m.id));
    let query = this.deps.db
      .selectFrom('applications')
      .where('authority_id', '=', authorityOf(member))
      .where('status', 'in', ['in_progress', 'waiting_applicant']);
    if (filter.scope === 'mine') {
      if (roles.length === 0) return { items: [], total: 0 };
      query = query
        .where('step_role', 'in', roles)
        .where((eb) => eb.or([eb('assignee', 'is', null), eb('assignee', 'in', mine)]));
    }
    if (filter.overdueOnly) query = query.where('step_overdue', '=', true);
    const [rows, count] = await Promise.all([
      query.select('state').orderBy('step_due').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    const clock = this.deps.legalTime.clockFor(authorityOf(member));
    const now = this.#now();
    const today = clock.localDate(now);
    return {
      items: rows.map(({ state }) => {
        const s = state as unknown as ApplicationState;
        const due = s.workItem ? Temporal.Instant.from(s.workItem.due) : null;
        const dueToday = due !== null && Temporal.Instant.compare(due, now) >= 0 && clock.localDate(due).equals(today);
        return { state: s, dueToday };
      }),
      total: Number(count.total),
    };
  }

  /** The application of the member's authority, or APPLICATION_NOT_FOUND. */
  async application(member: StaffMember, id: string): Promise<ApplicationState> {
    const row = await this.deps.db
      .selectFrom('applications')
      .select('state')
      .where('id', '=', id)
      .where('authority_id', '=', authorityOf(member))
      .executeTakeFirst();
    if (!row) throw new RuqsatError('APPLICATION_NOT_FOUND', { applicationId: id });
    return row.state as unknown as ApplicationState;
  }

  /** Everything an official reads before acting: the form, the signature, the history with names. */
  async file(member: StaffMember, id: string) {
    const state = await this.application(member, id);
    const db = this.deps.db;
    const [events, draft, intake, signature] = await Promise.all([
      db
        .selectFrom('application_events')
        .select(['sequence', 'event'])
        .where('application_id', '=', id)
        .orderBy('sequence')
        .execute(),
      db.selectFrom('drafts').select(['form', 'licence_number']).where('id', '=', id).executeTakeFirst(),
      db
        .selectFrom('centre_intakes')
        .select(['form', 'paper_documents', 'centre_id', 'applicant_record'])
        .where('application_id', '=', id)
        .executeTakeFirst(),
      db
        .selectFrom('application_signatures')
        .select(['report', 'signed_by_iin', 'recorded_at'])
        .where('application_id', '=', id)
        .executeTakeFirst(),
    ]);
    const names = await this.#namesOf(events.map((e) => e.event as unknown as EngineEvent));
    const attachments = await this.deps.attachments.list(id);
    return {
      state,
      form: (intake?.form ?? draft?.form ?? {}) as Record<string, unknown>,
      licenceNumber: draft?.licence_number ?? null,
      intake: intake
        ? { centreId: intake.centre_id, paperDocuments: intake.paper_documents, applicant: intake.applicant_record }
        : null,
      signature: signature
        ? { signedByIin: signature.signed_by_iin, recordedAt: signature.recorded_at, report: signature.report }
        : null,
      events: events.map(({ sequence, event }) => ({ sequence, event: event as unknown as EngineEvent })),
      names,
      attachments,
    };
  }

  /** A file attached to an application of the member's authority, as received. */
  async attachment(member: StaffMember, id: string, attachmentId: string) {
    await this.application(member, id);
    return this.deps.attachments.content(id, attachmentId);
  }

  /**
   * Puts the open step in a colleague's hands: whoever holds an assigning role may give it to any
   * colleague with the step's role; anyone with the step's role may take it while it is unassigned.
   */
  async assign(
    member: StaffMember,
    id: string,
    request: StepCommand & { readonly assigneeId: string },
  ): Promise<ExecuteResult> {
    const state = await this.application(member, id);
    const input = {
      applicationId: id,
      transactionId: this.#transactionId(member, request.transactionId),
      command: { type: 'assign' as const, stepId: request.stepId, assignee: staffUserId(request.assigneeId) },
    };
    const repeated = await this.deps.applications.replay({ ...input, actor: staffActor(member) });
    if (repeated) return repeated;
    const { step, item } = this.#openStep(state, request.stepId);
    const assignee = (await this.deps.directory.staffOf(authorityOf(member))).find((m) => m.id === request.assigneeId);
    if (!assignee?.roles.includes(step.actor)) {
      throw new RuqsatError('ASSIGNEE_NOT_ELIGIBLE', { staffId: request.assigneeId, requiredRole: step.actor });
    }
    const absent = await this.deps.delegations.standingInFor(member);
    const assigning = [member, ...absent].find((m) => m.roles.some((r) => ASSIGNING_ROLES.includes(r)));
    // Taking a step oneself is for unassigned work (or one's own, or an absent colleague's): work
    // in someone else's hands is reassigned by those who hand work out.
    const mine = [member, ...absent].map((m) => staffUserId(m.id));
    const takingItself = assignee.id === member.id && (item.assignee === null || mine.includes(item.assignee));
    if (!assigning && !takingItself) throw new RuqsatError('ROLE_NOT_ALLOWED', { requiredRole: ASSIGNING_ROLES });
    // Handing out work under a delegation is done in the absent official's name as well.
    const actor =
      assigning === undefined || assigning.id === member.id
        ? staffActor(member)
        : {
            ...staffActor(member),
            roles: [...member.roles, ...assigning.roles],
            onBehalfOf: staffUserId(assigning.id),
          };
    return this.deps.applications.execute({ ...input, actor });
  }

  /**
   * Assigns the open steps of many applications to one colleague, each in its own transaction, so
   * one that moved on or belongs elsewhere is reported and does not undo the others. A repeated
   * request answers "assigned" for each application its first try assigned, though the step
   * assigned then may have moved on since.
   */
  async bulkAssign(
    member: StaffMember,
    request: {
      readonly transactionId: string;
      readonly applicationIds: readonly string[];
      readonly assigneeId: string;
    },
  ): Promise<{ applicationId: string; error: RuqsatError | null }[]> {
    const results = [];
    for (const applicationId of new Set(request.applicationIds)) {
      const transactionId = `${request.transactionId}:${applicationId}`;
      try {
        if (!(await this.deps.applications.seen(this.#transactionId(member, transactionId)))) {
          const state = await this.application(member, applicationId);
          const stepId = state.workItem?.stepId ?? '';
          await this.assign(member, applicationId, { transactionId, stepId, assigneeId: request.assigneeId });
        }
        results.push({ applicationId, error: null });
      } catch (error) {
        if (!(error instanceof RuqsatError)) throw error;
        results.push({ applicationId, error });
      }
    }
    return results;
  }

  /** Completes the open step with one of its outcomes; refusing outcomes need their reasons. */
  async complete(
    member: StaffMember,
    id: string,
    request: StepCommand & { readonly outcome: string; readonly comment?: string },
  ): Promise<ExecuteResult> {
    const command = {
      type: 'complete' as const,
      stepId: request.stepId,
      outcome: request.outcome,
      ...(request.comment?.trim() ? { comment: request.comment.trim() } : {}),
    };
    return this.#once(member, id, request.transactionId, command, async (item, state) => {
      if (OUTCOMES_NEEDING_REASONS.includes(request.outcome) && !request.comment?.trim()) {
        throw new RuqsatError('REASONS_REQUIRED', { outcome: request.outcome });
      }
      await this.#requireSigningKey(member, state, request);
      return item;
    });
  }

  /** Asks the applicant for corrections: the clock stops until they answer. */
  async returnToApplicant(
    member: StaffMember,
    id: string,
    request: StepCommand & { readonly reason: string },
  ): Promise<ExecuteResult> {
    const command = { type: 'return_to_applicant' as const, reason: request.reason.trim() };
    return this.#once(member, id, request.transactionId, command, (item) => {
      if (item.stepId !== request.stepId)
        throw new RuqsatError('STEP_NOT_OPEN', { stepId: request.stepId, openStep: item.stepId });
      if (!command.reason) throw new RuqsatError('REASONS_REQUIRED', { outcome: 'return_to_applicant' });
      return item;
    });
  }

  /** Sends the step's question to the outside state system; the answer comes back by itself. */
  async requestExternalCheck(member: StaffMember, id: string, request: StepCommand): Promise<ExecuteResult> {
    return this.#once(member, id, request.transactionId, { type: 'request_external_check', stepId: request.stepId });
  }

  /**
   * Keys in the answer of an outside body we have no client for (a letter, a phone call to another
   * agency): the step's official records it, and it counts like a gateway's answer.
   */
  async answerExternalCheck(
    member: StaffMember,
    id: string,
    request: StepCommand & { readonly answer: 'positive' | 'negative'; readonly summary: string },
  ): Promise<ExecuteResult> {
    const command = {
      type: 'answer_external_check' as const,
      stepId: request.stepId,
      answer: request.answer,
      summary: request.summary.trim(),
    };
    return this.#once(member, id, request.transactionId, command, (item) => {
      if (!command.summary) throw new RuqsatError('REASONS_REQUIRED', { outcome: 'answer_external_check' });
      return item;
    });
  }

  /**
   * Runs a step command once: a repeated transaction id gets its first answer before anything is
   * checked (the step it acted on has moved on since); a new one is checked against the open step
   * (`check` adds the action's own rules) and executed as the member, or as the colleague they
   * stand in for.
   */
  async #once(
    member: StaffMember,
    id: string,
    clientTransactionId: string,
    command: Extract<Command, { stepId: string }> | Extract<Command, { type: 'return_to_applicant' }>,
    check: (item: WorkItem, state: ApplicationState) => WorkItem | Promise<WorkItem> = (item) => item,
  ): Promise<ExecuteResult> {
    const state = await this.application(member, id);
    const input = { applicationId: id, transactionId: this.#transactionId(member, clientTransactionId), command };
    const repeated = await this.deps.applications.replay({ ...input, actor: staffActor(member) });
    if (repeated) return repeated;
    const stepId = 'stepId' in command ? command.stepId : (state.workItem?.stepId ?? '');
    const { item } = this.#openStep(state, stepId);
    const actor = actorAtStep(member, await this.deps.delegations.standingInFor(member), await check(item, state));
    return this.deps.applications.execute({ ...input, actor });
  }

  /**
   * A completion that commits someone to signing the result needs their registered key, so that a
   * decision is never taken that cannot be issued: refused here with OFFICIAL_KEY_MISSING.
   */
  async #requireSigningKey(
    member: StaffMember,
    state: ApplicationState,
    completion: { readonly stepId: string; readonly outcome: string },
  ): Promise<void> {
    const regulation = this.regulationOf(state);
    const vault = this.deps.signingKeys;
    if (!regulation || !vault) return;
    const me = staffUserId(member.id);
    const signer = signerCommittedBy(state, regulation, { ...completion, by: me });
    if (signer === null) return;
    const iin = signer === me ? member.iin : (await this.deps.directory.member(staffIdOf(signer) ?? ''))?.iin;
    const certificate = iin ? await vault.certificateOf(iin) : null;
    const now = new Date(this.#now().epochMilliseconds);
    if (!certificate) throw new RuqsatError('OFFICIAL_KEY_MISSING', { signer, reason: 'none' });
    // A key that will have expired when the result is signed would sign a licence no one can trust.
    if (certificate.notAfter <= now || certificate.notBefore > now) {
      throw new RuqsatError('OFFICIAL_KEY_MISSING', {
        signer,
        reason: 'expired',
        notAfter: certificate.notAfter.toISOString(),
      });
    }
  }

  /** The regulation of an application, for naming its steps. */
  regulationOf(state: ApplicationState): Regulation | undefined {
    return this.deps.catalogue.get(state.regulationId);
  }

  #openStep(state: ApplicationState, stepId: string): { step: Step; item: NonNullable<ApplicationState['workItem']> } {
    const item = state.workItem;
    if (state.status === 'completed' || state.status === 'withdrawn') {
      throw new RuqsatError('APPLICATION_CLOSED', { status: state.status });
    }
    if (!item || item.stepId !== stepId) {
      throw new RuqsatError('STEP_NOT_OPEN', { stepId, openStep: item?.stepId ?? null });
    }
    const process = this.regulationOf(state)?.processes.find((p) => p.id === state.processId);
    const step = process?.steps.find((s) => s.id === stepId);
    if (!step) throw new Error(`${state.regulationId} has no step ${stepId} in ${state.processId}`);
    return { step, item };
  }

  /** Names of the staff who appear in events, so the history says who did what (and for whom). */
  async #namesOf(events: readonly EngineEvent[]): Promise<Record<string, string>> {
    const ids = new Set<string>();
    for (const e of events) {
      for (const userId of [e.by, e.onBehalfOf, 'assignee' in e ? e.assignee : undefined]) {
        const id = userId ? staffIdOf(userId) : null;
        if (id) ids.add(id);
      }
    }
    if (ids.size === 0) return {};
    const rows = await this.deps.db
      .selectFrom('staff_members')
      .select(['id', 'name'])
      .where('id', 'in', [...ids])
      .execute();
    return Object.fromEntries(rows.map((r) => [staffUserId(r.id), r.name]));
  }

  /** Client transaction ids are the member's own: two officials cannot collide on one. */
  #transactionId(member: StaffMember, clientId: string): string {
    return `office:${member.id}:${clientId}`;
  }

  #now(): Temporal.Instant {
    return this.deps.now?.() ?? Temporal.Now.instant();
  }
}
