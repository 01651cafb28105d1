-- 0003_auth: what "taio serve" needs to let people and scripts in safely:
-- browser sessions, API tokens, idempotent retries and login throttling.
-- Secrets (session ids, tokens) are stored only as SHA-256 hashes of the
-- random value handed out once; passwords live in users.password_hash
-- (argon2id, from 0001).

-- Browser sessions. The cookie holds a random id; only its hash is kept,
-- so a copy of the database cannot be used to log in.
CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY,
  id_hash       TEXT NOT NULL UNIQUE,      -- hex SHA-256 of the cookie value
  user_id       INTEGER NOT NULL REFERENCES users(id),
  csrf_token    TEXT NOT NULL,             -- sent back in forms, not secret at rest
  created_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,          -- idle expiry counts from here
  expires_at    INTEGER NOT NULL,          -- absolute expiry
  ended_at      INTEGER                    -- logout; NULL while live
);
CREATE INDEX sessions_user ON sessions (user_id);

-- API tokens for scripts and integrations, each acting as its user with
-- at most the token's own role.
CREATE TABLE api_tokens (
  id            INTEGER PRIMARY KEY,
  token_hash    TEXT NOT NULL UNIQUE,      -- hex SHA-256 of the token
  prefix        TEXT NOT NULL,             -- first characters, to tell tokens apart
  user_id       INTEGER NOT NULL REFERENCES users(id),
  name          TEXT NOT NULL,             -- what it is for, e.g. 'monitoring'
  role          TEXT NOT NULL
                CHECK (role IN ('admin','manager','agent','clerk','viewer')),
  created_at    INTEGER NOT NULL,
  created_by    INTEGER REFERENCES users(id),
  last_used_at  INTEGER,
  revoked_at    INTEGER                    -- NULL while usable
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- The first answer to a POST sent with an Idempotency-Key, so a retried
-- request returns it again instead of writing twice. Written in the same
-- transaction as the change itself.
CREATE TABLE idempotency_keys (
  user_id       INTEGER NOT NULL REFERENCES users(id),
  key           TEXT NOT NULL,
  request_hash  TEXT NOT NULL,             -- method, path and body; a reuse with
                                           -- another request is refused
  status        INTEGER NOT NULL,          -- HTTP status of the first answer
  body          TEXT NOT NULL,             -- its JSON body
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
);

-- Failed logins, per account and per address, for throttling; old rows
-- are pruned as new ones arrive.
CREATE TABLE login_failures (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL,
  address       TEXT NOT NULL,
  at            INTEGER NOT NULL
);
CREATE INDEX login_failures_login ON login_failures (login, at);
CREATE INDEX login_failures_address ON login_failures (address, at);
