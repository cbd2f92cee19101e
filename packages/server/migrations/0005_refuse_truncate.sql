-- Migration 0005: the append-only logs refuse TRUNCATE too.
--
-- The row triggers of 0001 and 0002 refuse UPDATE and DELETE, but TRUNCATE fires no row trigger:
-- without these, `TRUNCATE application_events` would empty the record in one statement.

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER application_events_no_truncate
  BEFORE TRUNCATE ON application_events
  FOR EACH STATEMENT EXECUTE FUNCTION application_events_refuse_change();
