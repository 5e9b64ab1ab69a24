-- Idempotency keys for POST /v1/cases/{case}/actions, and the admin API tokens.

-- The first answer given for a key, replayed byte for byte within 24 h.
-- request_hash is the lower-case hex SHA-256 of what makes two requests "the same" (method, case,
-- body); the same key with another hash is a 422. The key row is written in the same transaction
-- as the action, so a replay can never count twice. Rows older than 24 h are pruned by created_at.
CREATE TABLE idempotency_keys (
    key          TEXT    PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
    request_hash TEXT    NOT NULL CHECK (length(request_hash) = 64 AND request_hash NOT GLOB '*[^0-9a-f]*'),
    status       INTEGER NOT NULL CHECK (status BETWEEN 100 AND 599),
    response     BLOB    NOT NULL,
    created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX idempotency_keys_by_created ON idempotency_keys (created_at);

-- Only the lower-case hex SHA-256 of a token is stored; the token itself is shown once.
-- Revoked tokens are kept (revoked_at set) for the record; a name is unique among live tokens
-- only, so `token revoke NAME` then `token create NAME` works.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash   TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
) STRICT;
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_at IS NULL;
