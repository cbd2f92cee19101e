import { z } from 'zod';
import { RuqsatError } from '../errors/ruqsat-error.js';
import type { Regulation } from '../regulations/schema.js';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The MCI (АЕК/МРП) values over time, as `fees/kz/mci.yaml` lists them. */
export const MciTable = z.strictObject({
  country: z.literal('KZ'),
  unit: z.literal('KZT'),
  unverified: z.boolean().optional(),
  confirmBy: z.string().optional(),
  values: z
    .array(
      z.strictObject({
        from: z.union([IsoDate, z.date().transform((d) => d.toISOString().slice(0, 10))]),
        tenge: z.number().int().positive(),
        note: z.string().optional(),
      }),
    )
    .min(1)
    .refine((values) => values.every((v, i) => i === 0 || (values[i - 1]?.from ?? '') < v.from), {
      message: 'values must be in date order, one per date',
    }),
});
export type MciTable = z.infer<typeof MciTable>;

/** The MCI value in force on `date` (ISO YYYY-MM-DD). */
export function mciValueOn(table: MciTable, date: string): number {
  const inForce = table.values.filter((v) => v.from <= date).at(-1);
  if (!inForce) throw new RuqsatError('MCI_UNKNOWN', { date, from: table.values[0]?.from });
  return inForce.tenge;
}

export interface FeeAmount {
  readonly mci: number;
  readonly mciValue: number;
  /** In whole tenge: MCI × the value, rounded half up (fractions of MCI exist, e.g. 0.5). */
  readonly tenge: number;
}

/** The fee a regulation sets for a request kind, in MCI; null when none is due. */
export function mciDue(regulation: Regulation, requestKind: string): number | null {
  const mci = regulation.fee.mci[requestKind as keyof typeof regulation.fee.mci];
  return mci === undefined || mci === 0 ? null : mci;
}

/** The fee for a request kind of a regulation, on a date; refused when the regulation sets none. */
export function feeFor(regulation: Regulation, requestKind: string, table: MciTable, date: string): FeeAmount {
  const mci = mciDue(regulation, requestKind);
  if (mci === null) throw new RuqsatError('FEE_NOT_DUE', { regulationId: regulation.id, requestKind });
  const mciValue = mciValueOn(table, date);
  return { mci, mciValue, tenge: Math.round(mci * mciValue) };
}
