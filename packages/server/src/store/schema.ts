import type { ColumnType } from 'kysely';

/** Tables as Kysely sees them; kept in step with migrations/ (the driver-parity test reads both). */
export interface DatabaseSchema {
  schema_migrations: SchemaMigrationsTable;
  audit_log: AuditLogTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  application_commands: ApplicationCommandsTable;
  outbox: OutboxTable;
  notifications: NotificationsTable;
  sign_in_challenges: SignInChallengesTable;
  sessions: SessionsTable;
  official_keys: OfficialKeysTable;
  gateway_exchanges: GatewayExchangesTable;
  payments: PaymentsTable;
  payment_callbacks: PaymentCallbacksTable;
  drafts: DraftsTable;
  application_signatures: ApplicationSignaturesTable;
  organisations: OrganisationsTable;
  staff_members: StaffMembersTable;
  delegations: DelegationsTable;
  centre_bookings: CentreBookingsTable;
  queue_tickets: QueueTicketsTable;
  centre_intakes: CentreIntakesTable;
  attachments: AttachmentsTable;
  survey_answers: SurveyAnswersTable;
  applicant_contacts: ApplicantContactsTable;
  email_deliveries: EmailDeliveriesTable;
  licences: LicencesTable;
  licence_events: LicenceEventsTable;
  licence_search: LicenceSearchTable;
  result_documents: ResultDocumentsTable;
  verifications: VerificationsTable;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: ColumnType<Date, never, never>;
}

export interface AuditLogTable {
  seq: number;
  recorded_at: Date;
  actor: string;
  action: string;
  subject: string;
  details: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}

export interface ApplicationsTable {
  id: string;
  regulation_id: string;
  service_id: string;
  authority_id: string;
  request_kind: string;
  channel: string;
  applicant_kind: string;
  applicant_id: string;
  status: string;
  current_step: string | null;
  step_role: string | null;
  assignee: string | null;
  step_due: Date | null;
  step_overdue: boolean;
  term_due: Date;
  term_overdue: boolean;
  /** date columns come back as Date at midnight UTC; written as 'YYYY-MM-DD'. */
  registration_date: ColumnType<Date, string, string>;
  received_at: Date;
  result: string | null;
  closed_at: Date | null;
  next_sweep_at: Date | null;
  version: number;
  state: ColumnType<Record<string, unknown>, string, string>;
  updated_at: Date;
  /** The service centre that took a walk-in application in; null for the portal and the office. */
  centre_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ApplicationEventsTable {
  application_id: string;
  sequence: number;
  type: string;
  at: Date;
  actor: string;
  transaction_id: string;
  event: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}

export interface ApplicationCommandsTable {
  transaction_id: string;
  application_id: string;
  command_hash: string;
  first_sequence: number | null;
  last_sequence: number | null;
  version: number;
  recorded_at: Date;
}

export interface OutboxTable {
  id: ColumnType<number, never, never>;
  application_id: string;
  sequence: number;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: Date;
  available_at: Date;
  attempts: ColumnType<number, number | undefined, number>;
  claimed_by: string | null;
  claimed_until: Date | null;
  done_at: Date | null;
  last_error: string | null;
}

export interface NotificationsTable {
  id: ColumnType<number, never, never>;
  application_id: string;
  recipient_kind: 'applicant' | 'role';
  recipient: string;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: Date;
  read_at: Date | null;
  outbox_id: number;
}

export interface SignInChallengesTable {
  nonce: string;
  issued_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface SessionsTable {
  token_hash: string;
  iin: string;
  bin: string | null;
  roles: ColumnType<string[], string, string>;
  holder_name: string;
  certificate_serial: string;
  certificate_issuer: string;
  created_at: Date;
  expires_at: Date;
  ended_at: Date | null;
}

export interface OfficialKeysTable {
  user_id: string;
  certificate_serial: string;
  certificate: Uint8Array;
  chain: Uint8Array[];
  encrypted_key: Uint8Array;
  iv: Uint8Array;
  created_at: Date;
  retired_at: Date | null;
}

export interface GatewayExchangesTable {
  id: ColumnType<number, never, never>;
  system: string;
  operation: string;
  correlation_id: string;
  application_id: string | null;
  requested_by: string;
  /** JSON text in, parsed JSON out. */
  request: ColumnType<unknown, string, never>;
  outcome: 'answered' | 'not_found' | 'refused' | 'failed' | 'circuit_open';
  http_status: number | null;
  response: ColumnType<unknown, string, never>;
  error: string | null;
  attempts: number;
  started_at: Date;
  duration_ms: number;
}

export interface PaymentsTable {
  invoice_id: string;
  reference: string;
  regulation_id: string;
  request_kind: string;
  /** numeric comes back as a string (both drivers); read it with Number(). */
  mci: ColumnType<string, number, never>;
  mci_value: number;
  amount: number;
  payment_url: string;
  status: 'pending' | 'paid' | 'double_paid';
  gateway_payments: ColumnType<unknown, string | undefined, string>;
  paid_at: Date | null;
  created_at: Date;
  checked_at: Date | null;
}

export interface PaymentCallbacksTable {
  id: ColumnType<number, never, never>;
  received_at: Date;
  invoice_id: string | null;
  signature_valid: boolean;
  body: string;
  outcome: string;
}

export interface DraftsTable {
  id: string;
  owner_iin: string;
  applicant_kind: 'individual' | 'sole_entrepreneur' | 'legal_entity';
  applicant_id: string;
  regulation_id: string;
  request_kind: string;
  licence_number: string | null;
  form: ColumnType<unknown, string | undefined, string>;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
}

export interface ApplicationSignaturesTable {
  application_id: string;
  canonical_request: string;
  signature: Uint8Array;
  report: ColumnType<unknown, string, never>;
  signed_by_iin: string;
  recorded_at: Date;
}

export interface OrganisationsTable {
  id: string;
  kind: 'authority' | 'authority_unit' | 'service_centre' | 'ministry';
  parent_id: string | null;
  name: ColumnType<{ kk: string; ru: string; en: string }, string, string>;
  region: string | null;
  windows: ColumnType<number, number | undefined, number>;
}

export interface StaffMembersTable {
  id: string;
  iin: string;
  name: string;
  organisation_id: string;
  roles: ColumnType<string[], string, string>;
  email: string | null;
  locale: ColumnType<'kk' | 'ru' | 'en', 'kk' | 'ru' | 'en' | undefined, 'kk' | 'ru' | 'en'>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Date;
}

export interface DelegationsTable {
  id: string;
  from_staff: string;
  to_staff: string;
  /** date columns come back as Date at midnight UTC; written as 'YYYY-MM-DD'. */
  starts_on: ColumnType<Date, string, string>;
  ends_on: ColumnType<Date, string, string>;
  reason: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
}

export interface CentreBookingsTable {
  id: string;
  centre_id: string;
  slot_start: Date;
  iin: string;
  regulation_id: string;
  created_at: Date;
  cancelled_at: Date | null;
}

export interface QueueTicketsTable {
  id: string;
  centre_id: string;
  day: ColumnType<Date, string, string>;
  number: number;
  booking_id: string | null;
  status: 'waiting' | 'called' | 'served' | 'no_show';
  issued_at: Date;
  called_at: Date | null;
  called_by: string | null;
  window_no: number | null;
  finished_at: Date | null;
}

export interface CentreIntakesTable {
  application_id: string;
  centre_id: string;
  operator_id: string;
  ticket_id: string | null;
  applicant_record: ColumnType<Record<string, unknown>, string, never>;
  form: ColumnType<Record<string, unknown>, string, never>;
  paper_documents: ColumnType<string[], string, never>;
  accepted_at: Date;
  planned_result_on: ColumnType<Date, string, never>;
  handed_over_at: Date | null;
  handed_over_by: string | null;
  handed_over_to: string | null;
}

export interface AttachmentsTable {
  id: string;
  application_id: string;
  document_id: string;
  file_name: string;
  media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  sha256: string;
  scanned_by: string;
  uploaded_by: string;
  uploaded_at: Date;
  content: Uint8Array;
}

export interface SurveyAnswersTable {
  application_id: string;
  regulation_id: string;
  service_id: string;
  authority_id: string;
  answers: ColumnType<Record<string, string>, string, never>;
  answered_by: string;
  answered_at: Date;
}

export interface ApplicantContactsTable {
  subject_id: string;
  email: string;
  locale: 'kk' | 'ru' | 'en';
  updated_by: string;
  updated_at: Date;
}

export interface EmailDeliveriesTable {
  outbox_id: number;
  recipient: string;
  sent_at: Date;
}

export interface LicencesTable {
  number: string;
  service_id: string;
  regulation_id: string;
  authority_id: string;
  holder_kind: 'individual' | 'sole_entrepreneur' | 'legal_entity';
  holder_id: string;
  holder_name: string;
  public_name: string;
  subtypes: ColumnType<LicenceParticular[], string, string>;
  places: ColumnType<LicenceParticular[], string, string>;
  status: 'active' | 'suspended' | 'terminated';
  first_issued_on: ColumnType<Date, string, string>;
  issued_by_application: string;
  current_document_id: string;
  version: number;
  updated_at: Date;
}

/** A line of what a licence permits or where: the form field's label and its value, in kk/ru/en. */
export interface LicenceParticular {
  readonly field: string;
  readonly label: { readonly kk: string; readonly ru: string; readonly en: string };
  readonly values: { readonly kk: string; readonly ru: string; readonly en: string }[];
}

export interface LicenceSearchTable {
  number: string;
  search_name: string;
}

export interface LicenceEventsTable {
  licence_number: string;
  sequence: number;
  change: string;
  status_after: string;
  legal_ground: string;
  application_id: string | null;
  document_id: string | null;
  actor: string;
  on_behalf_of: string | null;
  at: Date;
  transaction_id: string | null;
}

export interface ResultDocumentsTable {
  id: string;
  kind: 'licence' | 'licence_annex' | 'reissued_licence' | 'duplicate' | 'motivated_refusal';
  application_id: string;
  licence_number: string | null;
  outgoing_number: string | null;
  issued_on: ColumnType<Date, string, string>;
  pdf: Uint8Array;
  sha256: string;
  signer_user_id: string;
  signer_iin: string;
  signer_name: string;
  signed_at: Date;
}

export interface VerificationsTable {
  id: ColumnType<number, never, never>;
  licence_number: string | null;
  document_id: string | null;
  via: 'number' | 'document';
  found: boolean;
  verified_at: Date;
}
