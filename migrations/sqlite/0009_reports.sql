-- 0009_reports: incident reports (報告書) and the lessons they become.
--
-- A case of a kind that needs a report (setting report.kinds, default
-- trouble and complaint) cannot be closed until its report is approved,
-- unless a manager waived it with a reason (case.c checks, report.c
-- writes). Cases still open when this migration runs are held to the same
-- rule; closed ones are left as they were.
ALTER TABLE cases ADD COLUMN report_required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN report_waived_at INTEGER;
ALTER TABLE cases ADD COLUMN report_waived_by INTEGER REFERENCES users(id);
ALTER TABLE cases ADD COLUMN report_waiver TEXT;   -- the manager's reason
UPDATE cases SET report_required = 1
 WHERE is_open = 1 AND kind IN ('trouble', 'complaint');
-- The scheduler's same-day rule reads the recently resolved cases that
-- owe a report, every pass (schedule.c).
CREATE INDEX cases_report_owed ON cases(resolved_at)
  WHERE report_required = 1 AND report_waived_at IS NULL;

-- One report per case. taio fills in the facts and the condensed timeline
-- when it shows the report (they come from the case); people write the
-- three required sections and the rest. The workflow:
-- draft -> submitted -> approved (or returned, with the reviewer's
-- comment, and submitted again) -> sent (when, how and to whom).
CREATE TABLE reports (
  id              INTEGER PRIMARY KEY,
  case_id         INTEGER NOT NULL UNIQUE REFERENCES cases(id),
  state           TEXT NOT NULL DEFAULT 'draft'
                  CHECK (state IN ('draft', 'submitted', 'returned',
                                   'approved', 'sent')),
  cause           TEXT NOT NULL DEFAULT '',  -- 原因
  response        TEXT NOT NULL DEFAULT '',  -- 影響を受けた方への対応
  prevention      TEXT NOT NULL DEFAULT '',  -- 再発防止策
  went_well       TEXT NOT NULL DEFAULT '',
  went_badly      TEXT NOT NULL DEFAULT '',
  cause_category  TEXT,                      -- one of report.causes
  recipients      TEXT NOT NULL DEFAULT '',  -- e.g. '市教育委員会, 第一小学校'
  review_comment  TEXT,                      -- why it was returned
  returned_by     INTEGER REFERENCES users(id),
  created_by      INTEGER REFERENCES users(id),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  submitted_at    INTEGER,
  submitted_by    INTEGER REFERENCES users(id),
  approved_at     INTEGER,
  approved_by     INTEGER REFERENCES users(id),
  sent_at         INTEGER,
  sent_by         INTEGER REFERENCES users(id),
  sent_channel    TEXT,                      -- email, fax, letter, visit, ...
  sent_to         TEXT,
  version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX reports_state ON reports(state);

-- Lessons: the words of reports with the words of their case (its title
-- and what the customer said), for search and for the lessons suggested
-- on a new case (search.c, lesson.c). Reports are few, so the index keeps
-- its own copy of the text; the triggers keep it current.
CREATE VIRTUAL TABLE reports_fts USING fts5(
  title, reported, cause, response, prevention, went_well, went_badly,
  tokenize = 'taio', prefix = '1'
);
CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports
BEGIN
  INSERT INTO reports_fts (rowid, title, reported, cause, response,
                           prevention, went_well, went_badly)
  SELECT new.id, c.title, c.reported, new.cause, new.response,
         new.prevention, new.went_well, new.went_badly
    FROM cases c WHERE c.id = new.case_id;
END;
CREATE TRIGGER reports_fts_update AFTER UPDATE ON reports
  WHEN old.cause IS NOT new.cause OR old.response IS NOT new.response
    OR old.prevention IS NOT new.prevention
    OR old.went_well IS NOT new.went_well
    OR old.went_badly IS NOT new.went_badly
BEGIN
  DELETE FROM reports_fts WHERE rowid = old.id;
  INSERT INTO reports_fts (rowid, title, reported, cause, response,
                           prevention, went_well, went_badly)
  SELECT new.id, c.title, c.reported, new.cause, new.response,
         new.prevention, new.went_well, new.went_badly
    FROM cases c WHERE c.id = new.case_id;
END;
CREATE TRIGGER reports_fts_case AFTER UPDATE ON cases
  WHEN (old.title IS NOT new.title OR old.reported IS NOT new.reported)
   AND EXISTS (SELECT 1 FROM reports WHERE case_id = new.id)
BEGIN
  DELETE FROM reports_fts
   WHERE rowid = (SELECT id FROM reports WHERE case_id = new.id);
  INSERT INTO reports_fts (rowid, title, reported, cause, response,
                           prevention, went_well, went_badly)
  SELECT r.id, new.title, new.reported, r.cause, r.response, r.prevention,
         r.went_well, r.went_badly
    FROM reports r WHERE r.case_id = new.id;
END;
