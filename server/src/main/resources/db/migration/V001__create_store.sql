-- smsgate store, first schema. Never edit once applied: add V002__… instead.
-- Messages, their events and their carrier references are partitioned by day on their time column;
-- the store creates partitions ahead (Partitions.ensure) and retention drops whole partitions.

CREATE TABLE account (
    system_id          text        PRIMARY KEY CHECK (length(system_id) BETWEEN 1 AND 15),
    password_hash      text        NOT NULL,
    -- SMPP bind types this account may use: TX, RX, TRX (BindType).
    allowed_bind_types text[]      NOT NULL DEFAULT '{TX,RX,TRX}',
    max_binds          integer     NOT NULL DEFAULT 4 CHECK (max_binds >= 1),
    -- Fails closed: an empty allowlist admits no address.
    cidr_allowlist     cidr[]      NOT NULL DEFAULT '{}',
    tps_limit          integer     NOT NULL DEFAULT 100 CHECK (tps_limit >= 1),
    deliver_window     integer     NOT NULL DEFAULT 10 CHECK (deliver_window >= 1),
    receipt_format     text        NOT NULL DEFAULT 'SMPP34',
    enabled            boolean     NOT NULL DEFAULT true,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Mirror of the configured carriers, so that message rows and leases can refer to them.
CREATE TABLE carrier (
    carrier_id text        PRIMARY KEY,
    enabled    boolean     NOT NULL DEFAULT true,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE carrier_bind (
    carrier_id  text        NOT NULL REFERENCES carrier ON DELETE CASCADE,
    bind_index  integer     NOT NULL CHECK (bind_index >= 0),
    bind_type   text        NOT NULL CHECK (bind_type IN ('TX', 'RX', 'TRX')),
    -- Scale-out: the node holding this bind and until when (ARCHITECTURE.md, Scale-out).
    lease_node  integer,
    lease_until timestamptz,
    PRIMARY KEY (carrier_id, bind_index)
);

-- Inbound (MO) numbers and the account their messages belong to.
CREATE TABLE number (
    number     text        PRIMARY KEY,
    system_id  text        NOT NULL REFERENCES account ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX number_system_id ON number (system_id);

-- One row per accepted message. message_id is our 64-bit id (MessageId) and created_at the time it encodes,
-- so a lookup by id knows its partition. Client segments are kept in parts, in order.
CREATE TABLE message (
    message_id          bigint      NOT NULL,
    created_at          timestamptz NOT NULL,
    system_id           text        NOT NULL,
    source_ton          smallint    NOT NULL,
    source_npi          smallint    NOT NULL,
    source_addr         text        NOT NULL,
    dest_ton            smallint    NOT NULL,
    dest_npi            smallint    NOT NULL,
    dest_addr           text        NOT NULL,
    esm_class           smallint    NOT NULL,
    protocol_id         smallint    NOT NULL,
    priority_flag       smallint    NOT NULL,
    data_coding         smallint    NOT NULL,
    registered_delivery smallint    NOT NULL,
    validity_until      timestamptz,
    not_before          timestamptz,
    client_ref          text,
    parts               bytea[]     NOT NULL CHECK (cardinality(parts) >= 1),
    tlvs                bytea       NOT NULL,
    state               text        NOT NULL,
    carrier_id          text,
    carrier_message_id  text,
    attempts            integer     NOT NULL DEFAULT 0,
    updated_at          timestamptz NOT NULL,
    PRIMARY KEY (message_id, created_at)
) PARTITION BY RANGE (created_at);
-- Recovery at start-up scans only the non-final rows.
CREATE INDEX message_pending ON message (created_at) WHERE state IN ('QUEUED', 'SUBMITTED');
CREATE INDEX message_system_id_client_ref ON message (system_id, client_ref) WHERE client_ref IS NOT NULL;

-- The message detail record: every state change and carrier answer after acceptance
-- (the message row itself records acceptance).
CREATE TABLE message_event (
    message_id         bigint      NOT NULL,
    created_at         timestamptz NOT NULL,
    state              text        NOT NULL,
    carrier_id         text,
    carrier_message_id text,
    command_status     integer,
    receipt_stat       text,
    error_code         text,
    detail             text
) PARTITION BY RANGE (created_at);
CREATE INDEX message_event_message_id ON message_event (message_id);

-- One row per part submitted to a carrier: (carrier, canonical carrier message id) -> our message.
CREATE TABLE carrier_ref (
    carrier_id         text        NOT NULL,
    carrier_message_id text        NOT NULL,
    message_id         bigint      NOT NULL,
    message_created_at timestamptz NOT NULL,
    part_index         integer     NOT NULL,
    part_count         integer     NOT NULL,
    state              text,
    created_at         timestamptz NOT NULL
) PARTITION BY RANGE (created_at);
CREATE INDEX carrier_ref_lookup ON carrier_ref (carrier_id, carrier_message_id);

-- Receipts whose carrier id matched nothing yet (they may come before the submit_sm_resp).
CREATE TABLE receipt_orphan (
    carrier_id         text        NOT NULL,
    carrier_message_id text        NOT NULL,
    state              text        NOT NULL,
    receipt_stat       text,
    error_code         text,
    received_at        timestamptz NOT NULL
);
CREATE INDEX receipt_orphan_lookup ON receipt_orphan (carrier_id, carrier_message_id);
CREATE INDEX receipt_orphan_received_at ON receipt_orphan (received_at);

-- Receipts and MOs waiting for their client. A row leaves when the client acknowledged it.
CREATE TABLE outbox (
    outbox_id       bigint      PRIMARY KEY,
    system_id       text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('RECEIPT', 'MO')),
    message_id      bigint,
    payload         bytea       NOT NULL,
    state           text        NOT NULL CHECK (state IN ('PENDING', 'DEAD')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX outbox_due ON outbox (system_id, state, next_attempt_at);

-- Final states never change: every UPDATE of a state is guarded by this in SQL rather than trusting callers.
CREATE FUNCTION smsgate_is_final(state text) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS
$$ SELECT state NOT IN ('QUEUED', 'SUBMITTED') $$;
