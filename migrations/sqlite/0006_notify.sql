-- 0006_notify: what taio tells people by itself (schedule.c decides,
-- notify.c writes), and every message waiting to leave (the outbox).

-- One notification to one member of staff about one event. event_key
-- names the event ("promise_due:12:1795500000"), so a tick that sees the
-- same event again adds nothing: each event notifies each person once.
CREATE TABLE notifications (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  event_key    TEXT NOT NULL,
  kind         TEXT NOT NULL,              -- promise_due, promise_broken,
                                           -- silent, no_eta, deadline_risk
  case_id      INTEGER REFERENCES cases(id),
  promise_id   INTEGER REFERENCES promises(id),
  due_at       INTEGER,                    -- the moment it is about
  stand_in_for INTEGER REFERENCES users(id), -- set when the person it was
                                             -- for is away
  created_at   INTEGER NOT NULL,
  read_at      INTEGER,
  UNIQUE (user_id, event_key)
);
CREATE INDEX notifications_unread ON notifications (user_id, read_at, id);

-- A message to send. Written in the transaction of the change that caused
-- it; the delivery worker sends it and records the result. message_id is
-- stable, so a message sent again after a crash is recognisable.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  channel         TEXT NOT NULL CHECK (channel IN ('email')),
  recipient       TEXT NOT NULL,           -- an e-mail address
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  message_id      TEXT NOT NULL UNIQUE,
  notification_id INTEGER REFERENCES notifications(id),
  state           TEXT NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'sent', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_try_at     INTEGER NOT NULL,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER
);
CREATE INDEX outbox_due ON outbox (state, next_try_at);
