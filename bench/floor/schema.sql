-- The smallest store a durable relay with receipts could have: a message row, its carrier reference, its final state
-- and the client receipt waiting for its deliver_sm_resp. No partitions, events, webhooks, orphans or accounts.
DROP TABLE IF EXISTS message, outbox, accepted, carrier_ref, receipt_event;
DROP SEQUENCE IF EXISTS batch;
CREATE SEQUENCE batch START 10;

-- lifecycle.sql: the state changes as updates of the message row, the client receipt as an outbox row.
CREATE TABLE message (
    message_id     bigint      PRIMARY KEY,
    created_at     timestamptz NOT NULL,
    system_id      text        NOT NULL,
    source_addr    text        NOT NULL,
    dest_addr      text        NOT NULL,
    state          text        NOT NULL,
    carrier_msg_id text,
    short_message  bytea       NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX message_carrier_msg_id ON message (carrier_msg_id);
CREATE TABLE outbox (outbox_id bigint PRIMARY KEY, message_id bigint NOT NULL, payload bytea NOT NULL);

-- insert-only.sql: no update and no delete at all; the receipt is an appended event, nothing marks it delivered.
CREATE TABLE accepted (
    message_id    bigint      PRIMARY KEY,
    created_at    timestamptz NOT NULL,
    system_id     text        NOT NULL,
    source_addr   text        NOT NULL,
    dest_addr     text        NOT NULL,
    short_message bytea       NOT NULL
);
CREATE TABLE carrier_ref (carrier_msg_id text PRIMARY KEY, message_id bigint NOT NULL);
CREATE TABLE receipt_event (message_id bigint NOT NULL, state text NOT NULL, at timestamptz NOT NULL);

-- A backlog of a million relayed messages (negative ids, below the measured ones), then statistics: a fresh table
-- with none is planned as empty, and its receipt update scans the whole table once it has grown.
INSERT INTO message
SELECT g, now(), 'demo', '4477009' || g, '4477001' || g, 'DELIVERED', to_hex(g), decode(repeat('41', 60), 'hex'), now()
  FROM generate_series(-1000000, -1) g;
INSERT INTO accepted
SELECT g, now(), 'demo', '4477009' || g, '4477001' || g, decode(repeat('41', 60), 'hex') FROM generate_series(-1000000, -1) g;
INSERT INTO carrier_ref SELECT to_hex(g), g FROM generate_series(-1000000, -1) g;
INSERT INTO receipt_event SELECT g, 'DELIVERED', now() FROM generate_series(-1000000, -1) g;
VACUUM ANALYZE;
