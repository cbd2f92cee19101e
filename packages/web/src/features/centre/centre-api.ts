import { api } from '../../api/client';
import type { Localized } from '../../i18n/languages';

/** How often the queue and the day's bookings are read again: other windows call tickets too. */
export const QUEUE_REFRESH_MS = 5_000;

/** A ticket of the centre's electronic queue, as `GET /centre/queue` answers it. */
export interface Ticket {
  readonly id: string;
  readonly centreId: string;
  readonly day: string;
  readonly number: number;
  readonly booked: boolean;
  readonly status: 'waiting' | 'called' | 'served' | 'no_show';
  readonly issuedAt: string;
  readonly calledAt: string | null;
  readonly window: number | null;
  readonly serviceSeconds: number | null;
}

/** A visit booked at the operator's centre, with the ticket it got on its day. */
export interface CentreBooking {
  readonly id: string;
  readonly slotStart: string;
  readonly iin: string;
  readonly regulationId: string;
  readonly ticket: { readonly id: string; readonly number: number } | null;
}

/** One of the signed-in person's own bookings. */
export interface MyBooking {
  readonly id: string;
  readonly centreId: string;
  readonly slotStart: string;
  readonly regulationId: string;
}

export interface Centre {
  readonly id: string;
  readonly name: Localized;
  readonly windows: number;
}

export interface Slot {
  readonly start: string;
  readonly free: number;
}

export type RequestKind = 'issue' | 'reissue' | 'duplicate';
export type ApplicantKind = 'individual' | 'sole_entrepreneur' | 'legal_entity';

/** A service of the catalogue in force today (names already in the language asked). */
export interface ServiceCard {
  readonly id: string;
  readonly name: string;
  readonly regulationId: string;
  readonly authority: string;
  readonly channels: readonly string[];
  readonly applicantKinds: readonly ApplicantKind[];
  readonly requestKinds: readonly { readonly kind: string }[];
}

/** A JSON Schema property of a regulation's form, as far as the form on screen needs it. */
export interface FormProperty {
  readonly type?: string;
  readonly enum?: readonly string[];
  readonly items?: { readonly type?: string; readonly enum?: readonly string[] };
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

/** The parts of a regulation version the intake needs: its form and its documents. */
export interface RegulationDetail {
  readonly id: string;
  readonly applicantKinds: readonly ApplicantKind[];
  readonly form: {
    readonly schema: {
      readonly properties: Readonly<Record<string, FormProperty>>;
      readonly required?: readonly string[];
    };
    readonly labels: Readonly<Record<string, Localized>>;
    readonly valueLabels: Readonly<Record<string, Localized>>;
  };
  readonly documents: {
    readonly items: readonly {
      readonly id: string;
      readonly name: Localized;
      readonly requiredFor: readonly string[];
    }[];
  };
}

export interface IntakeRequest {
  readonly regulationId: string;
  readonly requestKind: RequestKind;
  readonly applicant: { readonly kind: ApplicantKind; readonly id: string };
  readonly licenceNumber?: string | null;
  readonly form: Record<string, unknown>;
  readonly paperDocuments: readonly string[];
  readonly ticketId?: string | null;
}

export interface PreparedIntake {
  readonly applicationId: string;
  readonly canonicalRequest: string;
  readonly applicant: Readonly<Record<string, unknown>>;
}

export interface AttachmentInfo {
  readonly id: string;
  readonly documentId: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

/** The receipt the applicant takes home (and the hand-over of the result, once done). */
export interface Receipt {
  readonly applicationId: string;
  readonly centreId: string;
  readonly operator: { readonly id: string; readonly name: string };
  readonly applicant: { readonly kind: string; readonly id: string; readonly name: string };
  readonly regulationId: string;
  readonly requestKind: string;
  readonly acceptedAt: string;
  readonly registrationDate: string;
  readonly plannedResultDate: string;
  readonly paperDocuments: readonly string[];
  readonly handedOver: { readonly at: string; readonly by: string; readonly toIin: string } | null;
}

export const centreApi = {
  queue: () => api.get<{ items: Ticket[] }>('/centre/queue'),
  bookings: (date?: string) => api.get<{ items: CentreBooking[] }>('/centre/bookings', { date }),
  issueTicket: (bookingId?: string) => api.post<Ticket>('/centre/tickets', bookingId ? { bookingId } : {}),
  callNext: (window: number) => api.post<Ticket>('/centre/queue/call-next', { window }),
  finish: (ticketId: string, outcome: 'served' | 'no_show') =>
    api.post<Ticket>(`/centre/tickets/${encodeURIComponent(ticketId)}/finish`, { outcome }),
  prepare: (request: IntakeRequest & { applicationId?: string }) =>
    api.post<PreparedIntake>('/centre/intakes/prepare', request),
  submit: (applicationId: string, request: IntakeRequest & { transactionId: string; signature: string }) =>
    api.post<{ receipt: Receipt }>(`/centre/intakes/${encodeURIComponent(applicationId)}`, request),
  receipt: (applicationId: string) =>
    api.get<Receipt>(`/centre/applications/${encodeURIComponent(applicationId)}/receipt`),
  receiptPdf: (applicationId: string) =>
    api.bytes(`/centre/applications/${encodeURIComponent(applicationId)}/receipt.pdf`),
  handOver: (applicationId: string, receivedByIin: string) =>
    api.post<Receipt>(`/centre/applications/${encodeURIComponent(applicationId)}/hand-over`, { receivedByIin }),
  centres: () => api.get<{ items: Centre[] }>('/centres'),
  slots: (centreId: string, date: string) =>
    api.get<{ items: Slot[] }>(`/centres/${encodeURIComponent(centreId)}/slots`, { date }),
  services: () => api.get<{ services: ServiceCard[] }>('/services'),
  regulation: (id: string) => api.get<RegulationDetail>(`/regulations/${encodeURIComponent(id)}`),
  myBookings: () => api.get<{ items: MyBooking[] }>('/my/bookings'),
  book: (booking: { centreId: string; slotStart: string; regulationId: string }) =>
    api.post<{ id: string }>('/my/bookings', booking),
  cancelBooking: (id: string) => api.post<void>(`/my/bookings/${encodeURIComponent(id)}/cancel`),
};

/** The services a centre takes in (the catalogue in force today, centre channel only). */
export function centreServices(services: readonly ServiceCard[]): ServiceCard[] {
  return services.filter((s) => s.channels.includes('service_centre'));
}
