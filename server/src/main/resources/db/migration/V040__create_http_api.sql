-- HTTP send API (issue #6): API keys, idempotency records, status callbacks and MO callback URLs.

-- Where the HTTP client wants this message's status callbacks (the webhook sender reads it); NULL for SMPP/MM7.
ALTER TABLE message ADD COLUMN status_callback text;

-- The MO callback URL of an inbound number, set by its account (PUT /v1/numbers/{number}).
ALTER TABLE number ADD COLUMN mo_callback_url text;

-- API keys: several per account, named, revocable. The key itself is never stored: key_id is its public part
-- and secret_hash the keyed SHA-256 (HMAC) of its secret part (ApiKeys).
CREATE TABLE api_key (
    key_id      text        PRIMARY KEY,
    system_id   text        NOT NULL REFERENCES account ON DELETE CASCADE,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    secret_hash bytea       NOT NULL CHECK (length(secret_hash) = 32),
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
-- A name names one live key of its account; a revoked key's name may be used again.
CREATE UNIQUE INDEX api_key_live_name ON api_key (system_id, name) WHERE revoked_at IS NULL;

-- Idempotency-Key records: the first answer to (account, key), replayed for the same request body while the
-- record is younger than api.idempotency-ttl; written before the message so a retry never stores it twice.
CREATE TABLE api_idempotency (
    system_id       text        NOT NULL,
    idempotency_key text        NOT NULL,
    request_hash    bytea       NOT NULL,
    message_id      bigint      NOT NULL,
    response        text        NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (system_id, idempotency_key)
);
CREATE INDEX api_idempotency_created_at ON api_idempotency (created_at);

-- GET /v1/messages lists an account's messages newest first, by time range.
CREATE INDEX message_system_id_created_at ON message (system_id, created_at DESC, message_id DESC);
