-- Migration 0003: sign-in by key.
--
-- The server hands out a single-use nonce; the client signs it with its AUTH key; a verified
-- signature opens a session bound to the certificate's IIN (and BIN and roles). Only the hash of
-- a session token is stored, so the table leaks no usable credential.

CREATE TABLE sign_in_challenges (
  nonce       text        PRIMARY KEY CHECK (nonce ~ '^[A-Za-z0-9_-]{43}$'),
  issued_at   timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);

CREATE INDEX sign_in_challenges_expiry_idx ON sign_in_challenges (expires_at);

CREATE TABLE sessions (
  token_hash          text        PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  iin                 text        NOT NULL,
  bin                 text,
  roles               jsonb       NOT NULL,
  holder_name         text        NOT NULL,
  certificate_serial  text        NOT NULL,
  certificate_issuer  text        NOT NULL,
  created_at          timestamptz NOT NULL,
  expires_at          timestamptz NOT NULL,
  ended_at            timestamptz
);

CREATE INDEX sessions_iin_idx ON sessions (iin, created_at DESC);
