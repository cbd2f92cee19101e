-- Migration 0002: applications as event logs, their read model, idempotent commands, the outbox.
--
-- The event log is the record; `applications` is the read model, written in the same transaction
-- as the events it reflects. Each application's events form a hash chain of their own.

CREATE TABLE applications (
  id                 text        PRIMARY KEY CHECK (id <> ''),
  regulation_id      text        NOT NULL,
  service_id         text        NOT NULL,
  authority_id       text        NOT NULL,
  request_kind       text        NOT NULL,
  channel            text        NOT NULL,
  applicant_kind     text        NOT NULL,
  applicant_id       text        NOT NULL,
  status             text        NOT NULL CHECK (status IN ('in_progress', 'waiting_applicant', 'completed', 'withdrawn')),
  current_step       text,
  step_role          text,
  assignee           text,
  step_due           timestamptz,
  step_overdue       boolean     NOT NULL DEFAULT false,
  term_due           timestamptz NOT NULL,
  term_overdue       boolean     NOT NULL DEFAULT false,
  registration_date  date        NOT NULL,
  received_at        timestamptz NOT NULL,
  result             text,
  closed_at          timestamptz,
  -- The earliest instant at which the deadline sweep may have something to do; null when nothing.
  next_sweep_at      timestamptz,
  version            integer     NOT NULL CHECK (version > 0),
  state              jsonb       NOT NULL,
  updated_at         timestamptz NOT NULL
);

CREATE INDEX applications_applicant_idx ON applications (applicant_id, received_at DESC);
CREATE INDEX applications_inbox_idx ON applications (authority_id, step_role, status, step_due);
CREATE INDEX applications_sweep_idx ON applications (next_sweep_at) WHERE next_sweep_at IS NOT NULL;

CREATE TABLE application_events (
  application_id  text        NOT NULL REFERENCES applications (id),
  sequence        integer     NOT NULL CHECK (sequence > 0),
  type            text        NOT NULL,
  at              timestamptz NOT NULL,
  actor           text        NOT NULL,
  transaction_id  text        NOT NULL,
  event           jsonb       NOT NULL,
  prev_hash       text        NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash            text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  -- Optimistic concurrency: of two writers that read the same version, only one can add its next event.
  PRIMARY KEY (application_id, sequence)
);

CREATE FUNCTION application_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'application_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER application_events_append_only
  BEFORE UPDATE OR DELETE ON application_events
  FOR EACH ROW EXECUTE FUNCTION application_events_refuse_change();

-- One row per accepted command, by the client's transaction id: a repeated command gets the
-- original answer instead of being applied twice.
CREATE TABLE application_commands (
  transaction_id  text        PRIMARY KEY CHECK (transaction_id <> ''),
  application_id  text        NOT NULL,
  command_hash    text        NOT NULL CHECK (command_hash ~ '^[0-9a-f]{64}$'),
  first_sequence  integer,
  last_sequence   integer,
  version         integer     NOT NULL,
  recorded_at     timestamptz NOT NULL
);

-- Side effects (notifications, requests to outside systems) leave with the events that cause
-- them, and workers claim them with FOR UPDATE SKIP LOCKED.
CREATE TABLE outbox (
  id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id  text        NOT NULL,
  sequence        integer     NOT NULL,
  kind            text        NOT NULL,
  payload         jsonb       NOT NULL,
  created_at      timestamptz NOT NULL,
  available_at    timestamptz NOT NULL,
  attempts        integer     NOT NULL DEFAULT 0,
  claimed_by      text,
  claimed_until   timestamptz,
  done_at         timestamptz,
  last_error      text,
  UNIQUE (application_id, sequence, kind)
);

CREATE INDEX outbox_ready_idx ON outbox (available_at, id) WHERE done_at IS NULL;

CREATE TABLE notifications (
  id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id  text        NOT NULL,
  recipient_kind  text        NOT NULL CHECK (recipient_kind IN ('applicant', 'role')),
  recipient       text        NOT NULL,
  kind            text        NOT NULL,
  payload         jsonb       NOT NULL,
  created_at      timestamptz NOT NULL,
  read_at         timestamptz,
  outbox_id       bigint      NOT NULL UNIQUE
);

CREATE INDEX notifications_recipient_idx ON notifications (recipient_kind, recipient, created_at DESC);
