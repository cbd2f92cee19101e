import { z } from 'zod';

/**
 * The data behind the working-day calendar: one file per year in calendars/kz/YYYY.yaml (public
 * holidays and the government's transfers of days off) and calendars/kz/office-hours.yaml. Code
 * derives the rest — weekends, and days off moved when a holiday falls on a weekend — so that the
 * files say only what an act says. See calendars/README.md and docs/deadlines.md.
 */

const IsoDate = z.iso.date();
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:MM');

export const CalendarSource = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  ref: z.string().optional(),
  /** false when the act's number or date could not be confirmed; `note` says what would confirm it. */
  confirmed: z.boolean().optional(),
  note: z.string().optional(),
});

export const Holiday = z.strictObject({
  date: IsoDate,
  name: z.strictObject({ kk: z.string().min(1), ru: z.string().min(1), en: z.string().min(1) }),
  /** Religious holidays (Orthodox Christmas, the first day of Kurban Ait) are never moved. */
  religious: z.boolean(),
  source: z.string().min(1),
});
export type Holiday = z.infer<typeof Holiday>;

/** «перенести выходной день с `from` на `to`»: `from` (a weekend day) is worked, `to` is a day off. */
export const Transfer = z.strictObject({
  from: IsoDate,
  to: IsoDate,
  source: z.string().min(1),
});
export type Transfer = z.infer<typeof Transfer>;

export const CalendarYear = z.strictObject({
  year: z.number().int().min(1991).max(2100),
  sources: z.array(CalendarSource).min(1),
  holidays: z.array(Holiday),
  transfers: z.array(Transfer),
  /** What the official production calendar shows; the tests compare the derived calendar with it. */
  expect: z
    .strictObject({
      workingDays: z.number().int().positive().nullable(),
      movedDaysOff: z.array(IsoDate),
      source: z.string().min(1),
    })
    .optional(),
});
export type CalendarYear = z.infer<typeof CalendarYear>;

/** Working periods of a day (e.g. 09:00–13:00 and 14:30–18:30) and the registration cutoff. */
export const OfficeHours = z.strictObject({
  periods: z
    .array(z.strictObject({ from: ClockTime, to: ClockTime }))
    .min(1)
    .refine((periods) => periods.every((p, i) => p.from < p.to && (i === 0 || (periods[i - 1]?.to ?? '') <= p.from)), {
      message: 'periods must be ordered, non-empty and must not overlap',
    }),
  /** A request received after this local time (18:00:00 itself still counts) is registered on the next working day. */
  registrationCutoff: ClockTime,
  source: z.string().min(1),
});
export type OfficeHours = z.infer<typeof OfficeHours>;

export const OfficeHoursFile = z.strictObject({
  zone: z.string().min(1),
  default: OfficeHours,
  /** Per-authority overrides, keyed by the authority id of the regulations. */
  authorities: z.record(z.string(), OfficeHours).default({}),
});
export type OfficeHoursFile = z.infer<typeof OfficeHoursFile>;
