-- Migration 0011: where notifications go by e-mail, and what was sent.

-- The address (and language) an applicant — a person by IIN, a company by BIN — wants to be told
-- at. Set by the person, or for a company by an employee who acts for it.
CREATE TABLE applicant_contacts (
  subject_id  text        PRIMARY KEY CHECK (subject_id ~ '^[0-9]{12}$'),
  email       text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  locale      text        NOT NULL CHECK (locale IN ('kk', 'ru', 'en')),
  updated_by  text        NOT NULL,
  updated_at  timestamptz NOT NULL
);

-- One row per e-mail sent for an outbox message, so a message delivered again is not mailed twice.
CREATE TABLE email_deliveries (
  outbox_id   bigint      NOT NULL,
  recipient   text        NOT NULL,
  sent_at     timestamptz NOT NULL,
  PRIMARY KEY (outbox_id, recipient)
);
