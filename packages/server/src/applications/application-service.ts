import { createHash } from 'node:crypto';
import {
  type Actor,
  type ApplicationState,
  type Command,
  canonicalJson,
  decide,
  type EngineEvent,
  evolve,
  type Regulation,
  type RegulationCatalogue,
  RuqsatError,
  Temporal,
} from '@ruqsat/core';
import type { Kysely, Transaction } from 'kysely';
import type { LegalTime } from '../calendar/legal-time.js';
import type { DatabaseSchema } from '../store/schema.js';
import { isUniqueViolation } from '../store/sql-values.js';
import { appendEvents, lastHash, loadEvents } from './event-log.js';
import { readModelColumns } from './read-model.js';
import { sideEffectsOf } from './side-effects.js';

export interface ExecuteInput {
  readonly applicationId: string;
  /** The client's id for this command: repeating it returns the first answer, never a second write. */
  readonly transactionId: string;
  /** The version the client saw; a different current version answers STALE_VERSION. */
  readonly expectedVersion?: number;
  /** For submit: the regulation version to apply. Other commands use the version pinned at submission. */
  readonly regulationId?: string;
  readonly command: Command;
  readonly actor: Actor;
}

export interface ExecuteResult {
  readonly state: ApplicationState;
  readonly events: readonly EngineEvent[];
  /** True when the transaction id had been seen: nothing was written, the first answer is returned. */
  readonly replayed: boolean;
}

/**
 * Runs engine commands against the store. One command is one database transaction: the events,
 * the read model, the command record and the outbox rows commit together or not at all.
 */
export class ApplicationService {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly catalogue: RegulationCatalogue,
    private readonly legalTime: LegalTime,
    private readonly now: () => Temporal.Instant = () => Temporal.Now.instant(),
  ) {}

  async execute(input: ExecuteInput): Promise<ExecuteResult> {
    const commandHash = hashCommand(input);
    try {
      return await this.db.transaction().execute((trx) => this.#execute(trx, input, commandHash));
    } catch (error) {
      return this.#afterConflict(error, input, commandHash);
    }
  }

  /** As execute, inside the caller's transaction (the sweeper holds its row lock while it runs). */
  async executeIn(trx: Transaction<DatabaseSchema>, input: ExecuteInput): Promise<ExecuteResult> {
    return this.#execute(trx, input, hashCommand(input));
  }

  async #afterConflict(error: unknown, input: ExecuteInput, commandHash: string): Promise<ExecuteResult> {
    const stale = error instanceof RuqsatError && error.code === 'STALE_VERSION';
    if (!isUniqueViolation(error) && !stale) throw error;
    // Another writer got there first: either the same command — a retry racing its original,
    // which waited on the row and found it moved on — answered as it was answered, or another
    // command on the same application version (this one is stale).
    const repeated = await this.#repeated(this.db, input, commandHash);
    if (repeated) return repeated;
    if (stale) throw error;
    throw new RuqsatError('STALE_VERSION', { applicationId: input.applicationId });
  }

  /**
   * The first answer to this transaction id, if it was seen (TRANSACTION_ID_REUSED if it was seen
   * with another command); null if it is new. For callers that check things before executing: a
   * retry must get its first answer, not a refusal of those checks against the state it moved to.
   */
  async replay(input: ExecuteInput): Promise<ExecuteResult | null> {
    return this.#repeated(this.db, input, hashCommand(input));
  }

  /** Whether a command with this transaction id has been recorded (whatever it was). */
  async seen(transactionId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('application_commands')
      .select('transaction_id')
      .where('transaction_id', '=', transactionId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The application as its read model holds it. */
  async get(applicationId: string): Promise<ApplicationState | null> {
    const row = await this.db
      .selectFrom('applications')
      .select('state')
      .where('id', '=', applicationId)
      .executeTakeFirst();
    return row ? (row.state as unknown as ApplicationState) : null;
  }

  async #execute(trx: Transaction<DatabaseSchema>, input: ExecuteInput, commandHash: string): Promise<ExecuteResult> {
    const repeated = await this.#repeated(trx, input, commandHash);
    if (repeated) return repeated;

    const row = await trx
      .selectFrom('applications')
      .select(['state', 'version'])
      .where('id', '=', input.applicationId)
      .executeTakeFirst();
    const state = row ? (row.state as unknown as ApplicationState) : null;
    const version = row?.version ?? 0;
    if (input.expectedVersion !== undefined && input.expectedVersion !== version) {
      throw new RuqsatError('STALE_VERSION', { expectedVersion: input.expectedVersion, version });
    }
    const regulation = this.#regulationFor(state, input);
    const clock = this.legalTime.clockFor(regulation.authority.id);
    const events = decide(regulation, state, input.command, input.actor, { now: this.now(), clock });

    let next = state;
    for (const event of events) next = evolve(next, event, input.applicationId);
    if (events.length > 0 && next) {
      await this.#writeReadModel(trx, regulation, next, version);
      const prev = await lastHash(trx, input.applicationId, version);
      const stored = await appendEvents(trx, input.applicationId, version, prev, input.transactionId, events);
      await this.#writeOutbox(trx, input.applicationId, stored, next, regulation);
    }
    if (events.length > 0 || input.command.type !== 'sweep') {
      await trx
        .insertInto('application_commands')
        .values({
          transaction_id: input.transactionId,
          application_id: input.applicationId,
          command_hash: commandHash,
          first_sequence: events.length > 0 ? version + 1 : null,
          last_sequence: events.length > 0 ? version + events.length : null,
          version: version + events.length,
          recorded_at: new Date(this.now().epochMilliseconds),
        })
        .execute();
    }
    if (!next) throw new RuqsatError('APPLICATION_NOT_FOUND');
    return { state: next, events, replayed: false };
  }

  /** The first answer to a repeated transaction id, or TRANSACTION_ID_REUSED for another command. */
  async #repeated(
    db: Kysely<DatabaseSchema> | Transaction<DatabaseSchema>,
    input: ExecuteInput,
    commandHash: string,
  ): Promise<ExecuteResult | null> {
    const seen = await db
      .selectFrom('application_commands')
      .selectAll()
      .where('transaction_id', '=', input.transactionId)
      .executeTakeFirst();
    if (!seen) return null;
    if (seen.command_hash !== commandHash) {
      throw new RuqsatError('TRANSACTION_ID_REUSED', { transactionId: input.transactionId });
    }
    const history = await loadEvents(db, seen.application_id);
    let state: ApplicationState | null = null;
    for (const s of history.filter((e) => e.sequence <= seen.version))
      state = evolve(state, s.event, seen.application_id);
    if (!state) throw new RuqsatError('APPLICATION_NOT_FOUND');
    const events = history
      .filter(
        (e) =>
          seen.first_sequence !== null && e.sequence >= seen.first_sequence && e.sequence <= (seen.last_sequence ?? 0),
      )
      .map((e) => e.event);
    return { state, events, replayed: true };
  }

  #regulationFor(state: ApplicationState | null, input: ExecuteInput): Regulation {
    if (state === null && input.command.type !== 'submit') throw new RuqsatError('APPLICATION_NOT_FOUND');
    const id = state?.regulationId ?? input.regulationId;
    const regulation = id === undefined ? undefined : this.catalogue.get(id);
    if (!regulation) {
      if (state)
        throw new Error(`application ${state.id} is pinned to ${state.regulationId}, which is no longer loaded`);
      throw new RuqsatError('REGULATION_NOT_FOUND', { regulationId: id ?? null });
    }
    return regulation;
  }

  async #writeReadModel(
    trx: Transaction<DatabaseSchema>,
    regulation: Regulation,
    state: ApplicationState,
    previousVersion: number,
  ): Promise<void> {
    const values = { ...readModelColumns(state), updated_at: new Date(this.now().epochMilliseconds) };
    if (previousVersion === 0) {
      await trx
        .insertInto('applications')
        .values({
          id: state.id,
          regulation_id: state.regulationId,
          service_id: regulation.service.id,
          authority_id: regulation.authority.id,
          request_kind: state.requestKind,
          channel: state.channel,
          applicant_kind: state.applicant.kind,
          applicant_id: state.applicant.id,
          registration_date: state.registrationDate,
          received_at: new Date(state.receivedAt),
          ...values,
        })
        .execute();
      return;
    }
    const updated = await trx
      .updateTable('applications')
      .set(values)
      .where('id', '=', state.id)
      .where('version', '=', previousVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new RuqsatError('STALE_VERSION', { applicationId: state.id });
  }

  async #writeOutbox(
    trx: Transaction<DatabaseSchema>,
    applicationId: string,
    stored: readonly { sequence: number; event: EngineEvent }[],
    state: ApplicationState,
    regulation: Regulation,
  ): Promise<void> {
    const rows = stored.flatMap(({ sequence, event }) =>
      sideEffectsOf(event, state, regulation).map((effect) => ({
        application_id: applicationId,
        sequence,
        kind: effect.kind,
        payload: canonicalJson({ ...effect.payload, applicationId, eventType: event.type }),
        created_at: new Date(event.at),
        available_at: new Date(event.at),
      })),
    );
    if (rows.length > 0) await trx.insertInto('outbox').values(rows).execute();
  }
}

/** The earliest instant at which a sweep could find something overdue; null when nothing can be. */
/**
 * What makes two commands the same: the application, the command and who gave it — not the roles
 * or the delegation they acted under, which may have changed by the time a lost answer is asked again.
 */
function hashCommand(input: ExecuteInput): string {
  const { applicationId, regulationId, command, actor } = input;
  const who = {
    kind: actor.kind,
    userId: actor.userId,
    ...(actor.kind === 'applicant' ? { subjectId: actor.subjectId } : {}),
  };
  return createHash('sha256')
    .update(canonicalJson({ applicationId, regulationId: regulationId ?? null, command, actor: who }))
    .digest('hex');
}
