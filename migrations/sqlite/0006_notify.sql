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

-- Where events are also posted as JSON (a chat room, another system).
-- The secret signs every delivery (HMAC-SHA256); kinds lists the events
-- it wants (NOTIFY_KIND_NAMES, comma-separated; empty: all).
CREATE TABLE webhooks (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  url         TEXT NOT NULL,
  format      TEXT NOT NULL DEFAULT 'json'
              CHECK (format IN ('json', 'slack', 'teams')),
  secret      TEXT NOT NULL,
  kinds       TEXT NOT NULL DEFAULT '',
  active      INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL
);

-- A message to send. Written in the transaction of the change that caused
-- it; the delivery worker sends it and records the result. message_id is
-- stable (the Message-ID of a mail, the delivery id of a webhook), so a
-- message sent again after a crash is recognisable, and unique, so an
-- event is queued once.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  channel         TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
  recipient       TEXT NOT NULL,           -- an e-mail address, or the
                                           -- webhook's URL
  subject         TEXT NOT NULL,           -- a webhook: its format
  body            TEXT NOT NULL,           -- a webhook: the JSON posted
  message_id      TEXT NOT NULL UNIQUE,
  notification_id INTEGER REFERENCES notifications(id),
  webhook_id      INTEGER REFERENCES webhooks(id),
  state           TEXT NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'sent', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_try_at     INTEGER NOT NULL,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  -- Which delivering process has taken the message ("host:pid"), and
  -- until when: two processes (taio serve and a cron "taio tick", or
  -- several servers later) never send the same message at once. A claim
  -- of a process that died is released by the next delivery on its host,
  -- elsewhere when it runs out.
  claimed_by      TEXT,
  claimed_until   INTEGER
);
CREATE INDEX outbox_due ON outbox (state, next_try_at);

-- Each person's private calendar feed (iCalendar): the address carries a
-- random token, of which only the hash is kept. Replacing the row makes
-- the old address stop working.
CREATE TABLE calendar_feeds (
  user_id     INTEGER PRIMARY KEY REFERENCES users(id),
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL
);

-- The scheduler's own memory, so a pass looks only at what changed or
-- came due since the last one: when that pass ran (passed_at), and when
-- it last looked at everything (swept_at).
CREATE TABLE schedule_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  passed_at  INTEGER NOT NULL,
  swept_at   INTEGER NOT NULL
);

-- For each open case the scheduler looked at: the next moment one of its
-- rules (silent, no ETA, deadline at risk) can start to hold. A case is
-- looked at again then, or as soon as it changes (updated_at).
CREATE TABLE case_watch (
  case_id  INTEGER PRIMARY KEY REFERENCES cases(id),
  next_at  INTEGER NOT NULL
);
CREATE INDEX case_watch_next ON case_watch (next_at);

-- Promises by the moment their reminder is due and by when they were
-- made, and open cases by their last change: the scheduler's windows.
CREATE INDEX promises_open_remind ON promises (due_at - remind_min * 60)
  WHERE state = 'open';
CREATE INDEX cases_open_updated ON cases (updated_at) WHERE is_open = 1;
CREATE INDEX promises_open_created ON promises (created_at)
  WHERE state = 'open';
