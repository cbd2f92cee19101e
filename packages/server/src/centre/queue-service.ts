import { randomUUID } from 'node:crypto';
import { RuqsatError, Temporal } from '@ruqsat/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { LegalTime } from '../calendar/legal-time.js';
import type { Organisation, StaffDirectory, StaffMember } from '../staff/staff-directory.js';
import { staffUserId } from '../staff/staff-directory.js';
import type { DatabaseSchema, QueueTicketsTable } from '../store/schema.js';
import { dateParam, isoDate, isUniqueViolation } from '../store/sql-values.js';

/** A booking slot lasts this long: the regulations give the centre 15 minutes per intake. */
export const SLOT_MINUTES = 15;
/** How far ahead a slot can be booked. */
export const BOOKING_HORIZON_DAYS = 14;

export interface Ticket {
  readonly id: string;
  readonly centreId: string;
  readonly day: string;
  readonly number: number;
  readonly booked: boolean;
  readonly status: QueueTicketsTable['status'];
  readonly issuedAt: string;
  readonly calledAt: string | null;
  readonly window: number | null;
  /** Seconds from the call to the end of service: the centre's service time. */
  readonly serviceSeconds: number | null;
}

export interface Slot {
  readonly start: string;
  readonly free: number;
}

/**
 * The centre's electronic queue and booked visits. A ticket is numbered per centre and day; the
 * operator calls the next one to their window — visitors whose booked slot has begun go first,
 * then everyone else in the order they came — and ends the service, which records its time.
 * Slots of 15 minutes in the centre's office hours on working days can be booked from the portal,
 * as many per slot as the centre has windows.
 */
export class QueueService {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly directory: StaffDirectory,
    private readonly legalTime: LegalTime,
    private readonly now: () => Temporal.Instant = () => Temporal.Now.instant(),
  ) {}

  /** Issues the next ticket of the day at the operator's centre, for a booking if the visitor has one. */
  async issue(operator: StaffMember, bookingId?: string): Promise<Ticket> {
    const centreId = operator.organisationId;
    const at = this.now();
    const day = this.#clock().localDate(at).toString();
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      // Numbers are handed out one at a time per centre: the centre's row is the turnstile.
      await trx.selectFrom('organisations').select('id').where('id', '=', centreId).forUpdate().execute();
      if (bookingId !== undefined) {
        const booking = await trx
          .selectFrom('centre_bookings')
          .select(['id', 'slot_start'])
          .where('id', '=', bookingId)
          .where('centre_id', '=', centreId)
          .where('cancelled_at', 'is', null)
          .executeTakeFirst();
        if (!booking) throw new RuqsatError('BOOKING_NOT_FOUND', { bookingId });
        // A booking goes to the head of the queue once, on its own day.
        const slotDay = this.#clock().localDate(Temporal.Instant.fromEpochMilliseconds(booking.slot_start.getTime()));
        if (slotDay.toString() !== day)
          throw new RuqsatError('BOOKING_NOT_TODAY', { bookingId, day: slotDay.toString() });
        const used = await trx
          .selectFrom('queue_tickets')
          .select('id')
          .where('booking_id', '=', bookingId)
          .executeTakeFirst();
        if (used) throw new RuqsatError('BOOKING_USED', { bookingId });
      }
      const last = await trx
        .selectFrom('queue_tickets')
        .select((eb) => eb.fn.max('number').as('number'))
        .where('centre_id', '=', centreId)
        .where('day', '=', dateParam(day))
        .executeTakeFirst();
      await trx
        .insertInto('queue_tickets')
        .values({
          id,
          centre_id: centreId,
          day,
          number: Number(last?.number ?? 0) + 1,
          booking_id: bookingId ?? null,
          status: 'waiting',
          issued_at: new Date(at.epochMilliseconds),
        })
        .execute();
    });
    return this.#ticket(centreId, id);
  }

  /** Calls the next visitor to the operator's window; booked visitors whose slot has begun go first. */
  async callNext(operator: StaffMember, window: number): Promise<Ticket> {
    const centreId = operator.organisationId;
    const at = this.now();
    const day = this.#clock().localDate(at).toString();
    const id = await this.db.transaction().execute(async (trx) => {
      const next = await trx
        .selectFrom('queue_tickets as t')
        .leftJoin('centre_bookings as b', 'b.id', 't.booking_id')
        .select('t.id')
        .where('t.centre_id', '=', centreId)
        .where('t.day', '=', dateParam(day))
        .where('t.status', '=', 'waiting')
        .orderBy(sql`CASE WHEN b.slot_start <= ${new Date(at.epochMilliseconds)} THEN 0 ELSE 1 END`)
        .orderBy('t.number')
        .limit(1)
        .forUpdate('t')
        .skipLocked()
        .executeTakeFirst();
      if (!next) throw new RuqsatError('QUEUE_EMPTY');
      await trx
        .updateTable('queue_tickets')
        .set({
          status: 'called',
          called_at: new Date(at.epochMilliseconds),
          called_by: staffUserId(operator.id),
          window_no: window,
        })
        .where('id', '=', next.id)
        .execute();
      return next.id;
    });
    return this.#ticket(centreId, id);
  }

  /** Ends the service of a called ticket: served, or the visitor did not come to the window. */
  async finish(operator: StaffMember, ticketId: string, outcome: 'served' | 'no_show'): Promise<Ticket> {
    const result = await this.db
      .updateTable('queue_tickets')
      .set({ status: outcome, finished_at: new Date(this.now().epochMilliseconds) })
      .where('id', '=', ticketId)
      .where('centre_id', '=', operator.organisationId)
      .where('status', '=', 'called')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      await this.#ticket(operator.organisationId, ticketId);
      throw new RuqsatError('TICKET_NOT_CALLED', { ticketId });
    }
    return this.#ticket(operator.organisationId, ticketId);
  }

  /** Today's tickets of the operator's centre, in number order. */
  async today(operator: StaffMember): Promise<Ticket[]> {
    const day = this.#clock().localDate(this.now()).toString();
    const rows = await this.db
      .selectFrom('queue_tickets')
      .selectAll()
      .where('centre_id', '=', operator.organisationId)
      .where('day', '=', dateParam(day))
      .orderBy('number')
      .execute();
    return rows.map(ticketOf);
  }

  /** The free slots of a centre on a date: working days within the horizon, office hours only. */
  async slots(centreId: string, date: Temporal.PlainDate): Promise<Slot[]> {
    const centre = await this.#centre(centreId);
    const starts = this.#slotStarts(date);
    if (starts.length === 0) return [];
    const taken = await this.db
      .selectFrom('centre_bookings')
      .select(['slot_start', (eb) => eb.fn.countAll<number>().as('count')])
      .where('centre_id', '=', centreId)
      .where('cancelled_at', 'is', null)
      .where('slot_start', '>=', new Date(starts[0]?.epochMilliseconds ?? 0))
      .where('slot_start', '<=', new Date(starts.at(-1)?.epochMilliseconds ?? 0))
      .groupBy('slot_start')
      .execute();
    const count = new Map(taken.map((t) => [t.slot_start.getTime(), Number(t.count)]));
    return starts.map((start) => ({
      start: start.toString(),
      free: centre.windows - (count.get(start.epochMilliseconds) ?? 0),
    }));
  }

  /** Books a slot for the person signed in on the portal. */
  async book(iin: string, request: { centreId: string; slotStart: string; regulationId: string }): Promise<string> {
    const centre = await this.#centre(request.centreId);
    const start = Temporal.Instant.from(request.slotStart);
    const offered = this.#slotStarts(this.#clock().localDate(start)).some((s) => s.equals(start));
    if (!offered) throw new RuqsatError('SLOT_NOT_OFFERED', { slotStart: request.slotStart });
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await trx.selectFrom('organisations').select('id').where('id', '=', centre.id).forUpdate().execute();
      const taken = await trx
        .selectFrom('centre_bookings')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('centre_id', '=', centre.id)
        .where('slot_start', '=', new Date(start.epochMilliseconds))
        .where('cancelled_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (Number(taken.count) >= centre.windows) throw new RuqsatError('SLOT_FULL', { slotStart: request.slotStart });
      await trx
        .insertInto('centre_bookings')
        .values({
          id,
          centre_id: centre.id,
          slot_start: new Date(start.epochMilliseconds),
          iin,
          regulation_id: request.regulationId,
          created_at: new Date(this.now().epochMilliseconds),
        })
        .execute()
        .catch((error: unknown) => {
          // One person, one booking at a time (a unique index says so), whichever centre.
          if (isUniqueViolation(error)) throw new RuqsatError('BOOKING_CLASH', { slotStart: request.slotStart });
          throw error;
        });
    });
    return id;
  }

  async cancelBooking(iin: string, bookingId: string): Promise<void> {
    const result = await this.db
      .updateTable('centre_bookings')
      .set({ cancelled_at: new Date(this.now().epochMilliseconds) })
      .where('id', '=', bookingId)
      .where('iin', '=', iin)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new RuqsatError('BOOKING_NOT_FOUND', { bookingId });
  }

  async bookingsOf(iin: string) {
    const rows = await this.db
      .selectFrom('centre_bookings')
      .selectAll()
      .where('iin', '=', iin)
      .where('cancelled_at', 'is', null)
      .where('slot_start', '>=', new Date(this.now().epochMilliseconds))
      .orderBy('slot_start')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      centreId: r.centre_id,
      slotStart: Temporal.Instant.fromEpochMilliseconds(r.slot_start.getTime()).toString(),
      regulationId: r.regulation_id,
    }));
  }

  /** The centres one can book a visit at, for the portal's booking page. */
  async centres(): Promise<{ id: string; name: Organisation['name']; windows: number }[]> {
    const centres = await this.directory.organisations('service_centre');
    return centres.map((c) => ({ id: c.id, name: c.name, windows: c.windows }));
  }

  /**
   * The visits booked at the operator's centre on a date, in slot order, each with the ticket it
   * got on its day: the operator issues a booked visitor's ticket from this list.
   */
  async bookingsAt(operator: StaffMember, date?: Temporal.PlainDate) {
    const clock = this.#clock();
    const day = date ?? clock.localDate(this.now());
    // The local day in the centre's zone, midnight to midnight.
    const from = day.toZonedDateTime({ timeZone: clock.zone }).toInstant();
    const until = day.add({ days: 1 }).toZonedDateTime({ timeZone: clock.zone }).toInstant();
    const rows = await this.db
      .selectFrom('centre_bookings as b')
      .leftJoin('queue_tickets as t', 't.booking_id', 'b.id')
      .select(['b.id', 'b.slot_start', 'b.iin', 'b.regulation_id', 't.id as ticket_id', 't.number as ticket_number'])
      .where('b.centre_id', '=', operator.organisationId)
      .where('b.cancelled_at', 'is', null)
      .where('b.slot_start', '>=', new Date(from.epochMilliseconds))
      .where('b.slot_start', '<', new Date(until.epochMilliseconds))
      .orderBy('b.slot_start')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      slotStart: Temporal.Instant.fromEpochMilliseconds(r.slot_start.getTime()).toString(),
      iin: r.iin,
      regulationId: r.regulation_id,
      ticket: r.ticket_id !== null && r.ticket_number !== null ? { id: r.ticket_id, number: r.ticket_number } : null,
    }));
  }

  /** Slot starts of a date: a working day from tomorrow to the horizon, every 15 minutes of office hours. */
  #slotStarts(date: Temporal.PlainDate): Temporal.Instant[] {
    const clock = this.#clock();
    const today = clock.localDate(this.now());
    const ahead = today.until(date).days;
    if (ahead < 1 || ahead > BOOKING_HORIZON_DAYS || !clock.calendar.isWorkingDay(date)) return [];
    const starts: Temporal.Instant[] = [];
    const closing = clock.closing(date);
    for (let s = clock.opening(date); Temporal.Instant.compare(s.add({ minutes: SLOT_MINUTES }), closing) <= 0; ) {
      starts.push(s);
      s = s.add({ minutes: SLOT_MINUTES });
    }
    return starts;
  }

  async #centre(centreId: string) {
    const centre = await this.directory.organisation(centreId);
    if (centre?.kind !== 'service_centre') throw new RuqsatError('CENTRE_NOT_FOUND', { centreId });
    return centre;
  }

  async #ticket(centreId: string, id: string): Promise<Ticket> {
    const row = await this.db
      .selectFrom('queue_tickets')
      .selectAll()
      .where('id', '=', id)
      .where('centre_id', '=', centreId)
      .executeTakeFirst();
    if (!row) throw new RuqsatError('TICKET_NOT_FOUND', { ticketId: id });
    return ticketOf(row);
  }

  #clock() {
    return this.legalTime.clockFor();
  }
}

function ticketOf(row: Selectable<QueueTicketsTable>): Ticket {
  return {
    id: row.id,
    centreId: row.centre_id,
    day: isoDate(row.day),
    number: row.number,
    booked: row.booking_id !== null,
    status: row.status,
    issuedAt: row.issued_at.toISOString(),
    calledAt: row.called_at?.toISOString() ?? null,
    window: row.window_no,
    serviceSeconds:
      row.called_at && row.finished_at
        ? Math.round((row.finished_at.getTime() - row.called_at.getTime()) / 1000)
        : null,
  };
}
