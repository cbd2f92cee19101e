-- Migration 0001: the audit log.
--
-- Every state change in Ruqsat leaves one row here. Rows form a hash chain: each row's hash covers
-- its own content and the previous row's hash, so an edited, removed or reordered row breaks the
-- chain from that point on and `verifyAuditChain` names the first broken sequence number.

CREATE TABLE audit_log (
  seq          bigint      PRIMARY KEY CHECK (seq > 0),
  recorded_at  timestamptz NOT NULL,
  actor        text        NOT NULL CHECK (actor <> ''),
  action       text        NOT NULL CHECK (action <> ''),
  subject      text        NOT NULL CHECK (subject <> ''),
  details      jsonb       NOT NULL DEFAULT '{}'::jsonb,
  prev_hash    text        NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash         text        NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX audit_log_subject_idx ON audit_log (subject, seq);

-- The application only ever appends. Refusing UPDATE and DELETE in the database as well means a
-- bug cannot rewrite history; someone with owner rights still can, and the hash chain shows it.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
