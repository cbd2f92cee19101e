import { checkBin, checkIin, RuqsatError } from '@ruqsat/core';
import type { CallContext } from './gateway-client.js';
import type { EntityRecord, PersonRecord } from './state-systems.js';
import type { StateSystems } from './state-systems-factory.js';

/**
 * What a centre operator asks before taking an application in someone's name: the person or the
 * company as the state databases know them. "Not found" is a refusal with its own code, which the
 * intake shows; a number that cannot exist is refused before anyone is asked.
 */
export async function lookUpPerson(systems: StateSystems, iin: string, context: CallContext): Promise<PersonRecord> {
  const check = checkIin(iin);
  if (!check.valid) throw new RuqsatError(check.reason, { field: 'iin' });
  const person = await systems.persons.find(iin, context);
  if (!person) throw new RuqsatError('PERSON_NOT_FOUND', { iin });
  return person;
}

export async function lookUpEntity(systems: StateSystems, bin: string, context: CallContext): Promise<EntityRecord> {
  const check = checkBin(bin);
  if (!check.valid) throw new RuqsatError(check.reason, { field: 'bin' });
  const entity = await systems.entities.find(bin, context);
  if (!entity) throw new RuqsatError('ENTITY_NOT_FOUND', { bin });
  return entity;
}

/** An applicant as the state databases know them: a person, or a company. */
export type ApplicantRecord =
  | { readonly kind: 'person'; readonly person: PersonRecord }
  | {
      readonly kind: 'entity';
      readonly entity: EntityRecord;
    };

/** The applicant's name as the state database gives it: a company's in Kazakh, a person's in full. */
export function recordName(record: ApplicantRecord): string {
  if (record.kind === 'entity') return record.entity.name.kk;
  const { surname, name, patronymic } = record.person;
  return [surname, name, patronymic].filter(Boolean).join(' ');
}

/** The applicant's name as the state databases hold it, asked by E-licensing itself. */
export function stateDatabaseName(systems: StateSystems) {
  return async (applicant: { readonly kind: string; readonly id: string }): Promise<string> => {
    const context = { requestedBy: 'system:e_licensing' };
    if (applicant.kind === 'legal_entity') {
      return recordName({ kind: 'entity', entity: await lookUpEntity(systems, applicant.id, context) });
    }
    return recordName({ kind: 'person', person: await lookUpPerson(systems, applicant.id, context) });
  };
}
