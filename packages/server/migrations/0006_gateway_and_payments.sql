-- Migration 0006: what was asked of the outside state systems, and fee payments.

-- Every question to an outside system (persons, legal entities, legal statistics, the payment
-- gateway) and what came back: who asked, for which application, the correlation id both sides
-- log. Holds personal data from the state databases; auditors read it, nobody edits it.
CREATE TABLE gateway_exchanges (
  id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  system          text        NOT NULL,
  operation       text        NOT NULL,
  correlation_id  text        NOT NULL,
  application_id  text,
  requested_by    text        NOT NULL,
  request         jsonb       NOT NULL,
  outcome         text        NOT NULL CHECK (outcome IN ('answered', 'not_found', 'refused', 'failed', 'circuit_open')),
  http_status     integer,
  response        jsonb       NOT NULL,
  error           text,
  attempts        integer     NOT NULL CHECK (attempts >= 0),
  started_at      timestamptz NOT NULL,
  duration_ms     integer     NOT NULL CHECK (duration_ms >= 0)
);
CREATE INDEX gateway_exchanges_by_application ON gateway_exchanges (application_id, started_at);
CREATE INDEX gateway_exchanges_by_correlation ON gateway_exchanges (correlation_id);

CREATE FUNCTION gateway_exchanges_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'gateway_exchanges is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER gateway_exchanges_append_only
  BEFORE UPDATE OR DELETE ON gateway_exchanges
  FOR EACH ROW EXECUTE FUNCTION gateway_exchanges_refuse_change();

-- One invoice per application (or draft) and request kind. The fee is fixed when the invoice is
-- made: MCI × the MCI value of that date. Paid only on the gateway's own word (a status read),
-- never on a callback alone; more than one payment is recorded as double_paid and reported.
CREATE TABLE payments (
  invoice_id       text        PRIMARY KEY,
  reference        text        NOT NULL,
  regulation_id    text        NOT NULL,
  request_kind     text        NOT NULL,
  mci              numeric     NOT NULL CHECK (mci >= 0),
  mci_value        integer     NOT NULL CHECK (mci_value > 0),
  amount           bigint      NOT NULL CHECK (amount > 0),
  payment_url      text        NOT NULL,
  status           text        NOT NULL CHECK (status IN ('pending', 'paid', 'double_paid')),
  gateway_payments jsonb       NOT NULL DEFAULT '[]',
  paid_at          timestamptz,
  created_at       timestamptz NOT NULL,
  checked_at       timestamptz,
  UNIQUE (reference, request_kind)
);
CREATE INDEX payments_pending ON payments (created_at) WHERE status = 'pending';

-- Callbacks as they came, forged ones included: a forged callback is evidence, not noise.
CREATE TABLE payment_callbacks (
  id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at      timestamptz NOT NULL,
  invoice_id       text,
  signature_valid  boolean     NOT NULL,
  body             text        NOT NULL,
  outcome          text        NOT NULL
);
