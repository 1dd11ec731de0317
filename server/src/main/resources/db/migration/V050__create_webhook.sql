-- Webhooks (issue #6): signed status and MO callbacks delivered from their own durable queue, webhook_event.
-- A table of its own rather than outbox rows of a new kind: a webhook event needs what an SMPP outbox row does not
-- (URL and origin, per-message order, last HTTP status, delivered and dead-letter states kept for the message
-- record and replay), and the outbox readers (ClientNotifier, the Journal's batch) stay untouched.
-- Events are written by triggers in the same transaction as the state change that causes them.

-- The status_callback URL a client gave with its message (the HTTP send API stores it on the message row).
ALTER TABLE message ADD COLUMN IF NOT EXISTS status_callback text;

-- Per account: where MOs go (when set, MOs to the account's numbers go to this URL instead of the SMPP outbox) and
-- the failover URL tried on every second attempt of any of the account's events.
CREATE TABLE webhook_account (
    system_id    text        PRIMARY KEY REFERENCES account ON DELETE CASCADE,
    mo_url       text,
    failover_url text,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Signing secrets, sealed with the node's master key (AES-256-GCM: nonce || ciphertext || tag). HMAC needs the
-- secret itself, so it cannot be hashed. retire_at NULL marks the current secret; a rotated one keeps signing
-- (a second signature) until its retire_at, so that receivers can switch over.
CREATE TABLE webhook_secret (
    system_id  text        NOT NULL REFERENCES account ON DELETE CASCADE,
    secret_id  bigint      NOT NULL,
    sealed     bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    retire_at  timestamptz,
    PRIMARY KEY (system_id, secret_id)
);
CREATE UNIQUE INDEX webhook_secret_current ON webhook_secret (system_id) WHERE retire_at IS NULL;

-- Messages whose client asked for status callbacks, copied from message.status_callback at insert so that the
-- event trigger joins a small table instead of the partitioned message table.
CREATE TABLE webhook_subscription (
    message_id bigint      PRIMARY KEY,
    system_id  text        NOT NULL,
    url        text        NOT NULL,
    created_at timestamptz NOT NULL
);

-- One callback to deliver. event_id is the webhook-id (dedup key for receivers) and the order: of two pending
-- events with the same order_key (one message, or one MO conversation) only the older one is sent.
CREATE TABLE webhook_event (
    event_id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    system_id       text        NOT NULL,
    event_type      text        NOT NULL CHECK (event_type IN ('message.status', 'message.received')),
    order_key       text        NOT NULL,
    url             text        NOT NULL,
    -- The origin, the unit of concurrency limits and circuit breakers.
    endpoint        text        NOT NULL GENERATED ALWAYS AS (lower(substring(url FROM '^[A-Za-z]+://[^/?#]+')))
                                STORED,
    data            jsonb       NOT NULL,
    state           text        NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- The retry horizon counts from here: the event's creation, or its last replay.
    retry_from      timestamptz NOT NULL DEFAULT now(),
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_status     integer,
    last_error      text,
    settled_at      timestamptz
);
CREATE INDEX webhook_event_due ON webhook_event (next_attempt_at, event_id) WHERE state = 'PENDING';
CREATE INDEX webhook_event_order ON webhook_event (order_key, event_id) WHERE state = 'PENDING';
CREATE INDEX webhook_event_dead ON webhook_event (system_id, event_id) WHERE state = 'DEAD';
CREATE INDEX webhook_event_order_key ON webhook_event (order_key);

CREATE FUNCTION smsgate_webhook_subscribe() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_subscription (message_id, system_id, url, created_at)
    VALUES (NEW.message_id, NEW.system_id, NEW.status_callback, NEW.created_at)
    ON CONFLICT (message_id) DO NOTHING;
    RETURN NULL;
END $$;

-- The WHEN clause keeps the cost for messages without a callback (all SMPP traffic) to one null test per row.
CREATE TRIGGER message_webhook_subscribe AFTER INSERT OR UPDATE OF status_callback ON message
    FOR EACH ROW WHEN (NEW.status_callback IS NOT NULL) EXECUTE FUNCTION smsgate_webhook_subscribe();

-- Every message_event of a subscribed message becomes a status callback, in the same transaction. One set-based
-- statement per INSERT statement: the Journal's batches insert their events in a few statements.
CREATE FUNCTION smsgate_webhook_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_event (system_id, event_type, order_key, url, data)
    SELECT s.system_id, 'message.status', 'msg:' || e.message_id, s.url,
           jsonb_strip_nulls(jsonb_build_object(
               'message_id', e.message_id, 'status', e.state, 'at', e.created_at,
               'carrier_id', e.carrier_id, 'carrier_message_id', e.carrier_message_id,
               'command_status', e.command_status, 'receipt_stat', e.receipt_stat, 'error_code', e.error_code,
               'detail', e.detail))
      FROM new_events e
      JOIN webhook_subscription s ON s.message_id = e.message_id
     ORDER BY e.created_at, e.message_id;
    RETURN NULL;
END $$;

CREATE TRIGGER message_event_webhook AFTER INSERT ON message_event
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION smsgate_webhook_status();

-- An MO to a number with an MO callback URL (or of an account with one) becomes a message.received event instead of an SMPP outbox row, in
-- the same transaction. The outbox payload is ClientEvent's version 1 form: version, 'M', then source and
-- destination as (ton, npi, modified UTF-8 with a 2-octet length); the webhook renders the rest from it.
CREATE FUNCTION smsgate_webhook_mo() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    target       text;
    source_len   integer;
    source_addr  text;
    dest_at      integer;
    dest_addr    text;
BEGIN
    IF get_byte(NEW.payload, 0) <> 1 OR get_byte(NEW.payload, 1) <> ascii('M') THEN
        RETURN NEW;
    END IF;
    source_len := get_byte(NEW.payload, 4) * 256 + get_byte(NEW.payload, 5);
    source_addr := convert_from(substring(NEW.payload FROM 7 FOR source_len), 'UTF8');
    dest_at := 6 + source_len;  -- zero-based offset of the destination's ton
    dest_addr := convert_from(substring(NEW.payload FROM dest_at + 5
                                        FOR get_byte(NEW.payload, dest_at + 2) * 256
                                            + get_byte(NEW.payload, dest_at + 3)), 'UTF8');
    -- The number's own callback (PUT /v1/numbers/{number}, V040) first, then the account's.
    SELECT mo_callback_url INTO target FROM number
     WHERE number = dest_addr AND system_id = NEW.system_id AND mo_callback_url IS NOT NULL;
    IF target IS NULL THEN
        SELECT mo_url INTO target FROM webhook_account WHERE system_id = NEW.system_id AND mo_url IS NOT NULL;
    END IF;
    IF target IS NULL THEN
        RETURN NEW;
    END IF;
    INSERT INTO webhook_event (system_id, event_type, order_key, url, data, created_at, retry_from, next_attempt_at)
    VALUES (NEW.system_id, 'message.received', 'mo:' || source_addr || '>' || dest_addr, target,
            jsonb_build_object('from', source_addr, 'to', dest_addr, 'payload', encode(NEW.payload, 'base64'),
                               'at', NEW.created_at),
            NEW.created_at, NEW.created_at, NEW.created_at);
    RETURN NULL;  -- delivered by webhook, not by the SMPP outbox
END $$;

CREATE TRIGGER outbox_webhook_mo BEFORE INSERT ON outbox
    FOR EACH ROW WHEN (NEW.kind = 'MO') EXECUTE FUNCTION smsgate_webhook_mo();
