-- Migration 0007: drafts on the portal, and the signed requests they became.

-- A draft per service and request kind, owned by whoever started it (their IIN), for themselves or
-- for the company they act for. Its form is kept as typed, valid or not, so nothing is lost.
CREATE TABLE drafts (
  id               text        PRIMARY KEY,
  owner_iin        text        NOT NULL,
  applicant_kind   text        NOT NULL CHECK (applicant_kind IN ('individual', 'sole_entrepreneur', 'legal_entity')),
  applicant_id     text        NOT NULL,
  regulation_id    text        NOT NULL,
  request_kind     text        NOT NULL,
  licence_number   text,
  form             jsonb       NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  submitted_at     timestamptz
);
CREATE INDEX drafts_by_owner ON drafts (owner_iin, updated_at DESC);

-- What the applicant signed, byte for byte, and the validation report of the signature.
CREATE TABLE application_signatures (
  application_id   text        PRIMARY KEY,
  canonical_request text       NOT NULL,
  signature        bytea       NOT NULL,
  report           jsonb       NOT NULL,
  signed_by_iin    text        NOT NULL,
  recorded_at      timestamptz NOT NULL
);
