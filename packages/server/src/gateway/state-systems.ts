import { RuqsatError } from '@ruqsat/core';
import { z } from 'zod';
import type { CallContext, GatewayClient } from './gateway-client.js';

const Address = z.object({ region: z.string(), locality: z.string(), street: z.string() });

/** A person as the state database of persons (ГБД ФЛ) answers. */
export const PersonRecord = z.object({
  iin: z.string(),
  surname: z.string(),
  name: z.string(),
  patronymic: z.string().nullable(),
  birthDate: z.string(),
  sex: z.enum(['male', 'female']),
  address: Address,
  status: z.enum(['alive', 'deceased']),
  deathDate: z.string().nullable(),
});
export type PersonRecord = z.infer<typeof PersonRecord>;

/** A legal entity as the state database of legal entities (ГБД ЮЛ) answers. */
export const EntityRecord = z.object({
  bin: z.string(),
  name: z.object({ kk: z.string(), ru: z.string() }),
  registeredOn: z.string(),
  address: Address,
  head: z.object({ iin: z.string(), fullName: z.string() }),
  activity: z.object({ oked: z.string(), name: z.object({ kk: z.string(), ru: z.string() }) }),
  status: z.enum(['active', 'liquidated']),
  liquidatedOn: z.string().nullable(),
});
export type EntityRecord = z.infer<typeof EntityRecord>;

/** What the legal-statistics committee holds on a person: convictions and administrative offences. */
export const CriminalRecord = z.object({
  iin: z.string(),
  convictions: z.array(z.object({ article: z.string(), date: z.string(), expunged: z.boolean() })),
  administrative: z.array(z.object({ article: z.string(), date: z.string() })),
});
export type CriminalRecord = z.infer<typeof CriminalRecord>;

export interface PersonRegistry {
  /** The person, or null when the database has no one with this IIN. */
  find(iin: string, context: CallContext): Promise<PersonRecord | null>;
}
export interface EntityRegistry {
  find(bin: string, context: CallContext): Promise<EntityRecord | null>;
}
export interface LegalStatistics {
  /** The person's records (empty lists: a clean record), or null when the person is unknown. */
  recordsOf(iin: string, context: CallContext): Promise<CriminalRecord | null>;
}

export function httpPersonRegistry(client: GatewayClient): PersonRegistry {
  return {
    find: async (iin, context) => lookup(client, 'find_person', `persons/${digits(iin)}`, PersonRecord, context),
  };
}

export function httpEntityRegistry(client: GatewayClient): EntityRegistry {
  return {
    find: async (bin, context) => lookup(client, 'find_entity', `entities/${digits(bin)}`, EntityRecord, context),
  };
}

export function httpLegalStatistics(client: GatewayClient): LegalStatistics {
  return {
    recordsOf: async (iin, context) => lookup(client, 'records_of', `records/${digits(iin)}`, CriminalRecord, context),
  };
}

async function lookup<T>(
  client: GatewayClient,
  operation: string,
  path: string,
  schema: z.ZodType<T>,
  context: CallContext,
): Promise<T | null> {
  const answer = await client.call<unknown>({ operation, method: 'GET', path, idempotent: true }, context);
  if (!answer.found) return null;
  // Another organisation's answer is input like any other: checked before it is believed.
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) {
    throw new RuqsatError('GATEWAY_REFUSED', { system: client.options.system, reason: 'malformed answer' });
  }
  return parsed.data;
}

/** Identifiers go into URL paths: only the twelve digits, nothing a path could be bent with. */
function digits(identifier: string): string {
  if (!/^\d{12}$/.test(identifier)) throw new RuqsatError('IDENTIFIER_NOT_TWELVE_DIGITS', { value: identifier });
  return identifier;
}
