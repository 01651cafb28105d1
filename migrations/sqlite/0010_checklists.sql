-- 0010_checklists: what must not be forgotten, by kind of work. A template
-- is bound to case kinds and to tags ("network-change"); its items are
-- copied onto a case when the case is opened with such a kind, or given
-- such a tag (checklist.c). A case resolves only when its required items
-- are ticked, or someone says why not (the reason goes to the timeline).

-- The case's tags, comma-separated ("network-change,replacement").
ALTER TABLE cases ADD COLUMN tags TEXT NOT NULL DEFAULT '';
-- Set when the case was resolved with required items open, and why.
ALTER TABLE cases ADD COLUMN checklist_override TEXT;

CREATE TABLE checklist_templates (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  kinds       TEXT NOT NULL DEFAULT '',   -- case kinds, comma-separated
  tags        TEXT NOT NULL DEFAULT '',   -- tags, comma-separated
  active      INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL
);

CREATE TABLE checklist_template_items (
  id           INTEGER PRIMARY KEY,
  template_id  INTEGER NOT NULL REFERENCES checklist_templates(id),
  position     INTEGER NOT NULL,
  text         TEXT NOT NULL,
  required     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (template_id, position)
);

-- A template's items on one case, copied so later template changes leave
-- the case's record as it was. Ticking records who and when.
CREATE TABLE case_checklist_items (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER NOT NULL REFERENCES cases(id),
  template_id  INTEGER NOT NULL REFERENCES checklist_templates(id),
  position     INTEGER NOT NULL,
  text         TEXT NOT NULL,
  required     INTEGER NOT NULL,
  done_at      INTEGER,
  done_by      INTEGER REFERENCES users(id),
  UNIQUE (case_id, template_id, position)
);
CREATE INDEX case_checklist_items_case ON case_checklist_items(case_id);

-- The metrics read the cases received, and the promises due, in a period
-- (metrics.c).
CREATE INDEX cases_received ON cases(received_at);
CREATE INDEX promises_due ON promises(due_at);
