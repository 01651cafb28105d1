-- 0008_search: full-text search over cases, their timelines and customers,
-- with taio's tokenizer (db/sqlite_fts.c: Japanese bigrams, folded words;
-- prefix='1' answers one-character queries from a prefix index). Each
-- index reads its text from the table it indexes (external content) and
-- is kept current by the triggers below, in the writing transaction.

CREATE VIRTUAL TABLE cases_fts USING fts5(
  title, reported, affected, workaround,
  content = 'cases', content_rowid = 'id', tokenize = 'taio', prefix = '1'
);
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases
BEGIN
  INSERT INTO cases_fts (rowid, title, reported, affected, workaround)
  VALUES (new.id, new.title, new.reported, new.affected, new.workaround);
END;
-- Most updates of a case change its status or times, not its text.
CREATE TRIGGER cases_fts_update AFTER UPDATE ON cases
  WHEN old.title IS NOT new.title OR old.reported IS NOT new.reported
    OR old.affected IS NOT new.affected OR old.workaround IS NOT new.workaround
BEGIN
  INSERT INTO cases_fts (cases_fts, rowid, title, reported, affected,
                         workaround)
  VALUES ('delete', old.id, old.title, old.reported, old.affected,
          old.workaround);
  INSERT INTO cases_fts (rowid, title, reported, affected, workaround)
  VALUES (new.id, new.title, new.reported, new.affected, new.workaround);
END;
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases
BEGIN
  INSERT INTO cases_fts (cases_fts, rowid, title, reported, affected,
                         workaround)
  VALUES ('delete', old.id, old.title, old.reported, old.affected,
          old.workaround);
END;

-- The timeline is append-only, so only new entries are indexed. The
-- entry that opens a case repeats the customer's words, which cases_fts
-- holds already.
CREATE VIRTUAL TABLE case_events_fts USING fts5(
  body,
  content = 'case_events', content_rowid = 'id', tokenize = 'taio',
  prefix = '1'
);
CREATE TRIGGER case_events_fts_insert AFTER INSERT ON case_events
  WHEN new.body IS NOT NULL AND new.body <> '' AND new.kind <> 'opened'
BEGIN
  INSERT INTO case_events_fts (rowid, body) VALUES (new.id, new.body);
END;

CREATE VIRTUAL TABLE customers_fts USING fts5(
  name, reading, notes, address,
  content = 'customers', content_rowid = 'id', tokenize = 'taio',
  prefix = '1'
);
CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers
BEGIN
  INSERT INTO customers_fts (rowid, name, reading, notes, address)
  VALUES (new.id, new.name, new.reading, new.notes, new.address);
END;
CREATE TRIGGER customers_fts_update AFTER UPDATE ON customers
  WHEN old.name IS NOT new.name OR old.reading IS NOT new.reading
    OR old.notes IS NOT new.notes OR old.address IS NOT new.address
BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, name, reading, notes,
                             address)
  VALUES ('delete', old.id, old.name, old.reading, old.notes, old.address);
  INSERT INTO customers_fts (rowid, name, reading, notes, address)
  VALUES (new.id, new.name, new.reading, new.notes, new.address);
END;
CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers
BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, name, reading, notes,
                             address)
  VALUES ('delete', old.id, old.name, old.reading, old.notes, old.address);
END;

-- What was written before this migration.
INSERT INTO cases_fts (cases_fts) VALUES ('rebuild');
INSERT INTO customers_fts (customers_fts) VALUES ('rebuild');
INSERT INTO case_events_fts (rowid, body)
  SELECT id, body FROM case_events
   WHERE body IS NOT NULL AND body <> '' AND kind <> 'opened';
