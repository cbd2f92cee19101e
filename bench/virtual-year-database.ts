// The database slice of the virtual year: some of the year's applications are given their
// commands again, at the same virtual instants and with the same transaction ids, through the
// server's ApplicationService on a real store — one transaction per command: the command record,
// the read model, the hash-chained events, the outbox. What the store ends with must be exactly
// what the in-process run ended with: the same state and the same last event hash.
import { canonicalJson, type RegulationCatalogue, Temporal } from '@ruqsat/core';
import { ApplicationService } from '../packages/server/src/applications/application-service.js';
import { verifyApplicationChains } from '../packages/server/src/applications/event-log.js';
import type { LegalTime } from '../packages/server/src/calendar/legal-time.js';
import type { Store } from '../packages/server/src/store/store.js';
import type { SlicedApplication } from './virtual-year-simulation.js';

export interface SliceFigures {
  readonly applications: number;
  readonly commands: number;
  readonly events: number;
  readonly seconds: number;
  readonly commandsPerSecond: number;
  /** Applications whose stored state or chain head differs from the in-process run's. */
  readonly mismatches: readonly string[];
  /** `ruqsat audit verify`'s check of the slice's chains and read models. */
  readonly chainsIntact: boolean;
}

/**
 * Runs the slice's commands through the store, `concurrency` applications at a time (each
 * application's commands in their order), then compares and verifies.
 */
export async function runSliceThroughStore(input: {
  readonly store: Store;
  readonly catalogue: RegulationCatalogue;
  readonly legalTime: LegalTime;
  readonly slice: readonly SlicedApplication[];
  readonly concurrency: number;
  /** Whether the in-process run hashed its chains, so that their heads can be compared. */
  readonly compareHeads: boolean;
}): Promise<SliceFigures> {
  const { store, catalogue, legalTime, slice } = input;
  const started = performance.now();
  let next = 0;
  let commands = 0;
  let events = 0;
  const worker = async () => {
    for (let i = next++; i < slice.length; i = next++) {
      const application = slice[i];
      if (!application) continue;
      for (const recorded of application.commands) {
        // The service reads "now" once per command: the virtual instant the simulation gave it at.
        const at = Temporal.Instant.fromEpochMilliseconds(recorded.at);
        const service = new ApplicationService(store.db, catalogue, legalTime, () => at);
        const result = await service.execute({
          applicationId: application.applicationId,
          transactionId: recorded.transactionId,
          regulationId: recorded.command.type === 'submit' ? recorded.regulationId : undefined,
          command: recorded.command,
          actor: recorded.actor,
        });
        commands++;
        events += result.events.length;
      }
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;

  const mismatches: string[] = [];
  const ids = slice.map((a) => a.applicationId);
  const rows = await store.db.selectFrom('applications').select(['id', 'state']).where('id', 'in', ids).execute();
  const storedEvents = await store.db
    .selectFrom('application_events')
    .select(['application_id', 'sequence', 'hash'])
    .where('application_id', 'in', ids)
    .execute();
  const storedHeads = new Map<string, { sequence: number; hash: string }>();
  for (const e of storedEvents) {
    const head = storedHeads.get(e.application_id);
    if (!head || head.sequence < e.sequence) storedHeads.set(e.application_id, e);
  }
  const stored = new Map(rows.map((r) => [r.id, canonicalJson(r.state)]));
  for (const application of slice) {
    const sameState = stored.get(application.applicationId) === canonicalJson(application.state);
    const sameHead = !input.compareHeads || storedHeads.get(application.applicationId)?.hash === application.headHash;
    if (!sameState || !sameHead) mismatches.push(application.applicationId);
  }
  const verification = await verifyApplicationChains(store.db);
  return {
    applications: slice.length,
    commands,
    events,
    seconds,
    commandsPerSecond: commands / seconds,
    mismatches,
    chainsIntact: verification.intact,
  };
}
