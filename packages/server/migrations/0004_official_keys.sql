-- Migration 0004: officials' signing keys, encrypted at rest.
--
-- A key is stored as its PKCS#8 encrypted with AES-256-GCM under the deployment's key-encryption
-- key (never in the database); the authenticated data binds the ciphertext to its owner and
-- certificate, so a row copied onto another official's does not decrypt.

CREATE TABLE official_keys (
  user_id             text        NOT NULL,
  certificate_serial  text        NOT NULL,
  certificate         bytea       NOT NULL,
  chain               bytea[]     NOT NULL,
  encrypted_key       bytea       NOT NULL,
  iv                  bytea       NOT NULL CHECK (octet_length(iv) = 12),
  created_at          timestamptz NOT NULL,
  retired_at          timestamptz,
  PRIMARY KEY (user_id, certificate_serial)
);

-- One key in use per official at a time.
CREATE UNIQUE INDEX official_keys_current_idx ON official_keys (user_id) WHERE retired_at IS NULL;
