-- Migration 0009: the documents attached to an application — scans uploaded on the portal by the
-- applicant or at a centre by the operator — before and after it is submitted.

-- A file as received: its type as its bytes say (not as its name says), its size, its SHA-256
-- (which the signed request names), the scanner that passed it, and the bytes, unchanged. An
-- application's attachments are frozen once it is submitted.
CREATE TABLE attachments (
  id              text        PRIMARY KEY,
  application_id  text        NOT NULL,
  document_id     text        NOT NULL,
  file_name       text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type      text        NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes      integer     NOT NULL CHECK (size_bytes > 0),
  sha256          text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  -- Which scanner found it clean; a file a scanner flags, or that no scanner could look at, is never stored.
  scanned_by      text        NOT NULL,
  uploaded_by     text        NOT NULL,
  uploaded_at     timestamptz NOT NULL,
  content         bytea       NOT NULL
);
CREATE INDEX attachments_by_application ON attachments (application_id, uploaded_at);
