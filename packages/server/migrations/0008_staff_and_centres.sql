-- Migration 0008: the people who work the applications — authorities and service centres, their
-- staff and roles, delegations during absence — and the service centre's queue and intake.

-- A licensing authority (its id is the regulations' `authority.id`), one of its territorial units
-- (`<authority>:<unit>`), a citizen service centre, or the ministry that administers the system.
CREATE TABLE organisations (
  id          text    PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9:_-]{1,99}$'),
  kind        text    NOT NULL CHECK (kind IN ('authority', 'authority_unit', 'service_centre', 'ministry')),
  parent_id   text    REFERENCES organisations (id),
  name        jsonb   NOT NULL,
  region      text,
  -- Service windows of a centre: how many booked visitors one slot can take.
  windows     integer NOT NULL DEFAULT 1 CHECK (windows BETWEEN 1 AND 200),
  CHECK ((kind = 'authority_unit') = (parent_id IS NOT NULL)),
  -- A unit is named under its authority (`<authority>:<unit>`): the engine reads the prefix.
  CHECK (kind <> 'authority_unit' OR id LIKE parent_id || ':%'),
  CHECK (kind = 'authority_unit' OR position(':' in id) = 0)
);

-- A person's post at an organisation, with the regulation roles they hold there
-- (responsible_executor, head_of_department, leadership, service_centre_operator, administrator…).
-- Recognised at sign-in by the IIN of their key.
CREATE TABLE staff_members (
  id               text        PRIMARY KEY,
  iin              text        NOT NULL CHECK (iin ~ '^[0-9]{12}$'),
  name             text        NOT NULL,
  organisation_id  text        NOT NULL REFERENCES organisations (id),
  roles            jsonb       NOT NULL,
  email            text,
  locale           text        NOT NULL DEFAULT 'kk' CHECK (locale IN ('kk', 'ru', 'en')),
  active           boolean     NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL
);
-- One open post per person and organisation; a closed post stays (its holder's acts keep their name)
-- and the person may be given the post again.
CREATE UNIQUE INDEX staff_members_one_open_post ON staff_members (iin, organisation_id) WHERE active;
CREATE INDEX staff_members_by_iin ON staff_members (iin);

-- A substitute acts for an absent colleague, with the colleague's roles, from one day to another
-- (Almaty dates, both inclusive). What the substitute does is recorded with both names.
CREATE TABLE delegations (
  id          text        PRIMARY KEY,
  from_staff  text        NOT NULL REFERENCES staff_members (id),
  to_staff    text        NOT NULL REFERENCES staff_members (id),
  starts_on   date        NOT NULL,
  ends_on     date        NOT NULL,
  reason      text        NOT NULL,
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  CHECK (from_staff <> to_staff),
  CHECK (starts_on <= ends_on)
);
CREATE INDEX delegations_to ON delegations (to_staff, ends_on);

-- Which service centre took the application in, for the centre's own view of it.
ALTER TABLE applications ADD COLUMN centre_id text;
CREATE INDEX applications_by_centre ON applications (centre_id, received_at DESC) WHERE centre_id IS NOT NULL;
CREATE INDEX applications_work_queue ON applications (authority_id, step_role, step_due) WHERE status = 'in_progress';

-- A slot booked from the portal at a centre.
CREATE TABLE centre_bookings (
  id            text        PRIMARY KEY,
  centre_id     text        NOT NULL REFERENCES organisations (id),
  slot_start    timestamptz NOT NULL,
  iin           text        NOT NULL,
  regulation_id text        NOT NULL,
  created_at    timestamptz NOT NULL,
  cancelled_at  timestamptz
);
CREATE INDEX centre_bookings_by_slot ON centre_bookings (centre_id, slot_start) WHERE cancelled_at IS NULL;
CREATE UNIQUE INDEX centre_bookings_one_per_person_and_slot ON centre_bookings (iin, slot_start) WHERE cancelled_at IS NULL;

-- The electronic queue: a ticket per visitor and day, called to a window by an operator. The times
-- it records are the service time the centre reports.
CREATE TABLE queue_tickets (
  id          text        PRIMARY KEY,
  centre_id   text        NOT NULL REFERENCES organisations (id),
  day         date        NOT NULL,
  number      integer     NOT NULL,
  booking_id  text        REFERENCES centre_bookings (id),
  status      text        NOT NULL CHECK (status IN ('waiting', 'called', 'served', 'no_show')),
  issued_at   timestamptz NOT NULL,
  called_at   timestamptz,
  called_by   text,
  window_no   integer,
  finished_at timestamptz,
  UNIQUE (centre_id, day, number)
);
CREATE INDEX queue_tickets_waiting ON queue_tickets (centre_id, day, number) WHERE status = 'waiting';

-- A walk-in intake: who took it, the applicant as the state database knew them, the paper
-- documents seen, the form; and later, the hand-over of the result.
CREATE TABLE centre_intakes (
  application_id   text        PRIMARY KEY,
  centre_id        text        NOT NULL REFERENCES organisations (id),
  operator_id      text        NOT NULL REFERENCES staff_members (id),
  ticket_id        text        REFERENCES queue_tickets (id),
  applicant_record jsonb       NOT NULL,
  form             jsonb       NOT NULL,
  paper_documents  jsonb       NOT NULL,
  accepted_at      timestamptz NOT NULL,
  planned_result_on date       NOT NULL,
  handed_over_at   timestamptz,
  handed_over_by   text        REFERENCES staff_members (id),
  handed_over_to   text,
  CHECK ((handed_over_at IS NULL) = (handed_over_by IS NULL))
);
