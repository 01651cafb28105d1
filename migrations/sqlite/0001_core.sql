-- 0001_core: the trouble-handling core: people, customers, cases, their
-- timeline and promises, organisation settings and the change history.
-- Times are INTEGER Unix seconds (UTC). Keys ending in _key hold folded
-- search keys computed by core/text.c when the row is written.

-- Organisation settings as text values; every change is also recorded in
-- history (entity 'setting').
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,   -- e.g. 'org.timezone', 'cadence.stopped'
  value TEXT NOT NULL
);

-- Staff who use taio.
CREATE TABLE users (
  id               INTEGER PRIMARY KEY,
  login            TEXT NOT NULL UNIQUE,      -- [a-z0-9._-], used by --as
  display_name     TEXT NOT NULL,
  reading          TEXT NOT NULL DEFAULT '',  -- kana reading of the name
  reading_key      TEXT NOT NULL DEFAULT '',
  role             TEXT NOT NULL
                   CHECK (role IN ('admin','manager','agent','clerk','viewer')),
  manager_id       INTEGER REFERENCES users(id),  -- next in the manager chain
  email            TEXT,
  phone            TEXT,
  password_hash    TEXT,                      -- argon2id; NULL: no web login
  presence         TEXT NOT NULL DEFAULT 'in'
                   CHECK (presence IN ('in','out','meeting','off')),
  presence_reason  TEXT,                      -- said to callers, e.g. '外出中'
  presence_until   INTEGER,                   -- expected return
  presence_at      INTEGER,                   -- when presence last changed
  active           INTEGER NOT NULL DEFAULT 1,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL
);

-- Customers: organisations (with a parent, e.g. a board of education over
-- its schools) and individual persons.
CREATE TABLE customers (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('organization','person')),
  name         TEXT NOT NULL,
  name_key     TEXT NOT NULL,
  reading      TEXT NOT NULL DEFAULT '',    -- kana; sorting uses reading_key
  reading_key  TEXT NOT NULL DEFAULT '',
  parent_id    INTEGER REFERENCES customers(id),
  email        TEXT,
  address      TEXT,
  channels     TEXT NOT NULL DEFAULT '',    -- preferred first: 'phone,fax'
  hours        TEXT,                        -- reachable weekly hours; NULL: ours
  closed_days  TEXT,                        -- '12-29..01-03; 2026-12-01'
  notes        TEXT NOT NULL DEFAULT '',    -- handling notes for staff
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX customers_reading ON customers(reading_key);
CREATE INDEX customers_parent ON customers(parent_id);

-- People at a customer, each with their own channels and windows.
CREATE TABLE contacts (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  name         TEXT NOT NULL,
  name_key     TEXT NOT NULL,
  reading      TEXT NOT NULL DEFAULT '',
  reading_key  TEXT NOT NULL DEFAULT '',
  title        TEXT NOT NULL DEFAULT '',    -- role or department
  email        TEXT,
  channels     TEXT NOT NULL DEFAULT '',
  hours        TEXT,                        -- NULL: the customer's
  closed_days  TEXT,
  notes        TEXT NOT NULL DEFAULT '',
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX contacts_customer ON contacts(customer_id);

-- Phone (and FAX) numbers of customers and contact people.
CREATE TABLE phones (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER REFERENCES customers(id),
  contact_id   INTEGER REFERENCES contacts(id),
  label        TEXT NOT NULL DEFAULT '',    -- 'tel', 'mobile', 'fax'
  number       TEXT NOT NULL,               -- as written
  number_key   TEXT NOT NULL,               -- digits only
  CHECK ((customer_id IS NULL) <> (contact_id IS NULL))
);
CREATE INDEX phones_key ON phones(number_key);
CREATE INDEX phones_customer ON phones(customer_id);
CREATE INDEX phones_contact ON phones(contact_id);

-- Periods when a customer or contact must not be contacted (month-end
-- closing, a trade fair).
CREATE TABLE busy_periods (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER REFERENCES customers(id),
  contact_id   INTEGER REFERENCES contacts(id),
  from_at      INTEGER NOT NULL,
  to_at        INTEGER NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  CHECK ((customer_id IS NULL) <> (contact_id IS NULL)),
  CHECK (to_at > from_at)
);
CREATE INDEX busy_customer ON busy_periods(customer_id);
CREATE INDEX busy_contact ON busy_periods(contact_id);

-- Warnings shown when a customer calls: unpaid balance, past abuse.
CREATE TABLE customer_flags (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  kind         TEXT NOT NULL CHECK (kind IN ('unpaid','abusive','caution')),
  reason       TEXT NOT NULL,
  set_by       INTEGER REFERENCES users(id),
  set_at       INTEGER NOT NULL,
  cleared_by   INTEGER REFERENCES users(id),
  cleared_at   INTEGER,                     -- NULL while the flag stands
  clear_reason TEXT
);
CREATE INDEX flags_customer ON customer_flags(customer_id);

-- Cases (案件). is_open mirrors status for the partial indexes below.
CREATE TABLE cases (
  id               INTEGER PRIMARY KEY,
  number           TEXT NOT NULL UNIQUE,    -- '2026-0042'
  year             INTEGER NOT NULL,
  seq              INTEGER NOT NULL,
  kind             TEXT NOT NULL
                   CHECK (kind IN ('trouble','complaint','inquiry','request')),
  title            TEXT NOT NULL,
  customer_id      INTEGER NOT NULL REFERENCES customers(id),
  contact_id       INTEGER REFERENCES contacts(id),
  channel          TEXT NOT NULL,           -- how it came in
  occurred_at      INTEGER,                 -- when the trouble began
  received_at      INTEGER NOT NULL,
  reported         TEXT NOT NULL,           -- the customer's own words
  impact           TEXT NOT NULL
                   CHECK (impact IN ('stopped','degraded','minor')),
  affected         TEXT NOT NULL DEFAULT '',
  deadline_at      INTEGER,                 -- hard business deadline
  eta_at           INTEGER,                 -- current ETA told to customer
  eta_text         TEXT,                    -- its wording, e.g. '1〜2日'
  eta_given_at     INTEGER,
  workaround       TEXT NOT NULL DEFAULT '',
  owner_id         INTEGER REFERENCES users(id),
  status           TEXT NOT NULL DEFAULT 'new'
                   CHECK (status IN ('new','acknowledged','in_progress',
                                     'waiting_customer','waiting_vendor',
                                     'resolved','reported','closed')),
  is_open          INTEGER NOT NULL DEFAULT 1,
  last_outbound_at INTEGER,                 -- last contact we made
  last_contact_at  INTEGER,                 -- last contact either way
  resolved_at      INTEGER,
  closed_at        INTEGER,
  created_by       INTEGER REFERENCES users(id),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  UNIQUE (year, seq)
);
CREATE INDEX cases_open_owner ON cases(owner_id, received_at) WHERE is_open = 1;
CREATE INDEX cases_open_received ON cases(received_at) WHERE is_open = 1;
CREATE INDEX cases_customer ON cases(customer_id, received_at);

-- The timeline of a case: append-only (triggers below). Columns used
-- depend on kind; see timeline.h.
CREATE TABLE case_events (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES cases(id),
  at            INTEGER NOT NULL,           -- when it was recorded
  actor_id      INTEGER REFERENCES users(id),
  kind          TEXT NOT NULL,              -- opened, contact, note, status,
                                            -- eta, field, promise_*
  direction     TEXT CHECK (direction IN ('in','out')),
  channel       TEXT,
  with_whom     TEXT,
  contact_id    INTEGER REFERENCES contacts(id),
  duration_min  INTEGER,
  occurred_at   INTEGER,                    -- when a contact happened
  body          TEXT,                       -- summary, note, wording
  field         TEXT,                       -- changed field (kind field)
  old_value     TEXT,
  new_value     TEXT,
  old_at        INTEGER,                    -- old time value (ETA, deadline)
  new_at        INTEGER,                    -- new time value
  promise_id    INTEGER REFERENCES promises(id)
);
CREATE INDEX case_events_case ON case_events(case_id, id);

CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
  SELECT RAISE(ABORT, 'case_events is append-only');
END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
  SELECT RAISE(ABORT, 'case_events is append-only');
END;

-- Promises (約束) made to a customer. 'broken' is not stored: an open
-- promise past its due time is broken.
CREATE TABLE promises (
  id              INTEGER PRIMARY KEY,
  case_id         INTEGER NOT NULL REFERENCES cases(id),
  body            TEXT NOT NULL,            -- what was promised
  to_whom         TEXT NOT NULL,            -- the person it was made to
  contact_id      INTEGER REFERENCES contacts(id),
  channel         TEXT,                     -- how to keep it, e.g. 'phone'
  due_at          INTEGER NOT NULL,
  remind_min      INTEGER NOT NULL,         -- reminder lead time
  owner_id        INTEGER NOT NULL REFERENCES users(id),
  taken_by        INTEGER REFERENCES users(id),   -- who made it
  state           TEXT NOT NULL DEFAULT 'open'
                  CHECK (state IN ('open','kept','renegotiated','cancelled')),
  predecessor_id  INTEGER REFERENCES promises(id),
  successor_id    INTEGER REFERENCES promises(id),
  consented_by    TEXT,                     -- who agreed to this new time
  ended_at        INTEGER,                  -- when it left 'open'
  ended_by        INTEGER REFERENCES users(id),
  end_note        TEXT,
  created_at      INTEGER NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX promises_open_owner ON promises(owner_id, due_at) WHERE state = 'open';
CREATE INDEX promises_open_due ON promises(due_at) WHERE state = 'open';
CREATE INDEX promises_case ON promises(case_id);

-- Who changed what, when, from what, for everything that is not a case
-- (cases have case_events). Append-only.
CREATE TABLE history (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  actor_id   INTEGER REFERENCES users(id),
  entity     TEXT NOT NULL,               -- 'user', 'customer', 'contact',
                                          -- 'setting', 'flag'
  entity_id  INTEGER,
  action     TEXT NOT NULL,               -- 'create', 'update', 'delete'
  field      TEXT,
  old_value  TEXT,
  new_value  TEXT
);
CREATE INDEX history_entity ON history(entity, entity_id, id);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
  SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
  SELECT RAISE(ABORT, 'history is append-only');
END;
