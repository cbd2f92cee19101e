-- Migration 0010: the two-question survey the applicant may answer once the result is out
-- (the regulation's questionnaire: quality of the process and result, quality of information).

CREATE TABLE survey_answers (
  application_id  text        PRIMARY KEY,
  regulation_id   text        NOT NULL,
  service_id      text        NOT NULL,
  authority_id    text        NOT NULL,
  -- { questionId: answerId } as the regulation names them.
  answers         jsonb       NOT NULL,
  answered_by     text        NOT NULL,
  answered_at     timestamptz NOT NULL
);
CREATE INDEX survey_answers_by_service ON survey_answers (service_id, answered_at);
