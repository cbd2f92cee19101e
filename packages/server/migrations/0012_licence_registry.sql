-- Migration 0012: the licence registry — the state's record of who may do what — and the signed
-- result documents (licences, annexes, reissues, duplicates, refusal letters) it gives out.

-- Name fragments are searched with trigram indexes (pg_trgm ships with PostgreSQL and PGlite).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Serial numbers of licences and of outgoing letters: central, unique; not gapless (a number
-- drawn by an issuance whose transaction failed is not reused, which no one may read as a licence).
CREATE SEQUENCE licence_serial;
CREATE SEQUENCE outgoing_letter_serial;

-- One row per licence line: what it permits, to whom, where, and its status now. Documents and
-- changes hang off it; the row itself changes only with an event in licence_events.
CREATE TABLE licences (
  number                 text        PRIMARY KEY CHECK (number ~ '^KZ[0-9]{2}-[0-9]{8}-[0-9]{2}$'),
  service_id             text        NOT NULL,
  regulation_id          text        NOT NULL,
  authority_id           text        NOT NULL,
  holder_kind            text        NOT NULL CHECK (holder_kind IN ('individual', 'sole_entrepreneur', 'legal_entity')),
  holder_id              text        NOT NULL CHECK (holder_id ~ '^[0-9]{12}$'),
  holder_name            text        NOT NULL,
  -- What the public registry shows of the holder: a person's name is reduced to initials.
  public_name            text        NOT NULL,
  subtypes               jsonb       NOT NULL,
  places                 jsonb       NOT NULL,
  status                 text        NOT NULL CHECK (status IN ('active', 'suspended', 'terminated')),
  first_issued_on        date        NOT NULL,
  issued_by_application  text        NOT NULL UNIQUE,
  current_document_id    text        NOT NULL,
  version                integer     NOT NULL CHECK (version >= 1),
  updated_at             timestamptz NOT NULL
);
CREATE INDEX licences_holder_idx ON licences (holder_id, number);
CREATE INDEX licences_service_idx ON licences (service_id, number);
CREATE INDEX licences_authority_idx ON licences (authority_id, number);
CREATE INDEX licences_status_idx ON licences (status, number);

-- The name search reads a narrow, lower-cased copy of the public name with its own trigram index:
-- a fragment common to thousands of names then costs a scan of a small table, not of the wide
-- licence rows (measured: docs/performance.md). Written with the licence row, in its transaction.
CREATE TABLE licence_search (
  number       text PRIMARY KEY REFERENCES licences (number),
  search_name  text NOT NULL
);
CREATE INDEX licence_search_name_trgm_idx ON licence_search USING gin (search_name gin_trgm_ops);

-- Every change of a licence, in order, with its legal ground and the official (or application)
-- behind it. An official's change carries the client's transaction id, so a retry changes nothing.
CREATE TABLE licence_events (
  licence_number   text        NOT NULL REFERENCES licences (number),
  sequence         integer     NOT NULL CHECK (sequence >= 1),
  change           text        NOT NULL CHECK (change IN
                     ('issued', 'reissued', 'duplicate_issued', 'annex_issued', 'suspended', 'resumed', 'terminated')),
  status_after     text        NOT NULL,
  legal_ground     text        NOT NULL,
  application_id   text,
  document_id      text,
  actor            text        NOT NULL,
  on_behalf_of     text,
  at               timestamptz NOT NULL,
  transaction_id   text        UNIQUE,
  PRIMARY KEY (licence_number, sequence)
);

-- The signed result of an application, its bytes exactly as signed. The id is what the QR code
-- carries to the verification page: random, so documents cannot be walked by counting.
CREATE TABLE result_documents (
  id               text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{16,64}$'),
  kind             text        NOT NULL CHECK (kind IN
                     ('licence', 'licence_annex', 'reissued_licence', 'duplicate', 'motivated_refusal')),
  application_id   text        NOT NULL UNIQUE,
  licence_number   text        REFERENCES licences (number),
  outgoing_number  text        UNIQUE,
  issued_on        date        NOT NULL,
  pdf              bytea       NOT NULL,
  sha256           text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  signer_user_id   text        NOT NULL,
  signer_iin       text        NOT NULL,
  signer_name      text        NOT NULL,
  signed_at        timestamptz NOT NULL,
  CHECK ((kind = 'motivated_refusal') = (licence_number IS NULL AND outgoing_number IS NOT NULL))
);
CREATE INDEX result_documents_licence_idx ON result_documents (licence_number, signed_at);

-- Who checked what, and how they came: counted for the registry's own reports. No personal data.
CREATE TABLE verifications (
  id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  licence_number   text,
  document_id      text,
  via              text        NOT NULL CHECK (via IN ('number', 'document')),
  found            boolean     NOT NULL,
  verified_at      timestamptz NOT NULL
);
CREATE INDEX verifications_licence_idx ON verifications (licence_number, verified_at);

