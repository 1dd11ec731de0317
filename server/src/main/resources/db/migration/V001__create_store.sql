-- smsgate store, first schema. Never edit once applied: add V002__… instead.
-- Messages, their events and their carrier references are partitioned by day on their time column;
-- the store creates partitions ahead (Partitions.ensure) and retention drops whole partitions.

CREATE TABLE account (
    system_id          text        PRIMARY KEY CHECK (length(system_id) BETWEEN 1 AND 15),
    password_hash      text        NOT NULL,
    -- SMPP bind types this account may use: TRANSMITTER, RECEIVER, TRANSCEIVER.
    allowed_bind_types text[]      NOT NULL DEFAULT '{TRANSMITTER,RECEIVER,TRANSCEIVER}',
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
    bind_type   text        NOT NULL CHECK (bind_type IN ('TRANSMITTER', 'RECEIVER', 'TRANSCEIVER')),
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

-- Final states never change: SQL enforces it here rather than trusting every caller.
CREATE FUNCTION smsgate_is_final(state text) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS
$$ SELECT state NOT IN ('QUEUED', 'SUBMITTED') $$;

-- Applies a receipt to one carrier_ref row (and to its message when the message went out in one part).
-- outcome: MATCHED (state applied), DUPLICATE (the part or message was final already).
CREATE FUNCTION smsgate_apply_receipt(ref carrier_ref, p_state text, p_stat text, p_error text,
                                      p_at timestamptz,
                                      OUT outcome text, OUT message_id bigint, OUT system_id text,
                                      OUT part_index integer, OUT part_count integer, OUT message_state text)
    LANGUAGE plpgsql AS
$$
DECLARE
    part_updated integer;
BEGIN
    message_id := ref.message_id;
    part_index := ref.part_index;
    part_count := ref.part_count;
    UPDATE carrier_ref r SET state = p_state
     WHERE r.carrier_id = ref.carrier_id AND r.carrier_message_id = ref.carrier_message_id
       AND r.message_id = ref.message_id AND r.part_index = ref.part_index
       AND r.created_at = ref.created_at
       AND (r.state IS NULL OR NOT smsgate_is_final(r.state));
    GET DIAGNOSTICS part_updated = ROW_COUNT;
    IF part_updated = 0 THEN
        outcome := 'DUPLICATE';
        SELECT m.system_id, m.state INTO system_id, message_state
          FROM message m WHERE m.message_id = ref.message_id AND m.created_at = ref.message_created_at;
        RETURN;
    END IF;
    INSERT INTO message_event (message_id, created_at, state, carrier_id, carrier_message_id, receipt_stat,
                               error_code, detail)
    VALUES (ref.message_id, p_at, p_state, ref.carrier_id, ref.carrier_message_id, p_stat, p_error,
            'receipt part ' || (ref.part_index + 1) || '/' || ref.part_count);
    IF ref.part_count = 1 THEN
        UPDATE message m SET state = p_state, updated_at = p_at
         WHERE m.message_id = ref.message_id AND m.created_at = ref.message_created_at
           AND NOT smsgate_is_final(m.state);
    END IF;
    SELECT m.system_id, m.state INTO system_id, message_state
      FROM message m WHERE m.message_id = ref.message_id AND m.created_at = ref.message_created_at;
    outcome := 'MATCHED';
END
$$;

-- Correlates one receipt by (carrier, canonical carrier message id); keeps it as an orphan when nothing matches.
CREATE FUNCTION smsgate_correlate_receipt(p_carrier text, p_carrier_message_id text, p_state text, p_stat text,
                                          p_error text, p_at timestamptz,
                                          OUT outcome text, OUT message_id bigint, OUT system_id text,
                                          OUT part_index integer, OUT part_count integer,
                                          OUT message_state text)
    LANGUAGE plpgsql AS
$$
DECLARE
    ref carrier_ref;
BEGIN
    -- Newest reference first: a carrier that recycles ids means the latest submission.
    SELECT * INTO ref FROM carrier_ref r
     WHERE r.carrier_id = p_carrier AND r.carrier_message_id = p_carrier_message_id
     ORDER BY r.created_at DESC LIMIT 1;
    IF NOT FOUND THEN
        INSERT INTO receipt_orphan (carrier_id, carrier_message_id, state, receipt_stat, error_code, received_at)
        VALUES (p_carrier, p_carrier_message_id, p_state, p_stat, p_error, p_at);
        outcome := 'ORPHANED';
        RETURN;
    END IF;
    SELECT * INTO outcome, message_id, system_id, part_index, part_count, message_state
      FROM smsgate_apply_receipt(ref, p_state, p_stat, p_error, p_at);
END
$$;

-- Records that a carrier accepted one part (submit_sm_resp ESME_ROK) and applies a receipt that came first.
-- outcome: RECORDED, or MATCHED/DUPLICATE when a held orphan receipt was applied.
CREATE FUNCTION smsgate_record_submission(p_message_id bigint, p_message_created_at timestamptz,
                                          p_carrier text, p_carrier_message_id text, p_part_index integer,
                                          p_part_count integer, p_at timestamptz,
                                          OUT outcome text, OUT message_id bigint, OUT system_id text,
                                          OUT part_index integer, OUT part_count integer,
                                          OUT message_state text)
    LANGUAGE plpgsql AS
$$
DECLARE
    ref    carrier_ref;
    orphan receipt_orphan;
BEGIN
    INSERT INTO carrier_ref (carrier_id, carrier_message_id, message_id, message_created_at, part_index,
                             part_count, created_at)
    VALUES (p_carrier, p_carrier_message_id, p_message_id, p_message_created_at, p_part_index, p_part_count, p_at)
    RETURNING * INTO ref;
    -- A resubmission counts one attempt per message, on its first part.
    UPDATE message m
       SET state = CASE WHEN smsgate_is_final(m.state) THEN m.state ELSE 'SUBMITTED' END,
           carrier_id = p_carrier,
           carrier_message_id = CASE WHEN p_part_index = 0 THEN p_carrier_message_id ELSE m.carrier_message_id END,
           attempts = m.attempts + CASE WHEN p_part_index = 0 THEN 1 ELSE 0 END,
           updated_at = p_at
     WHERE m.message_id = p_message_id AND m.created_at = p_message_created_at;
    INSERT INTO message_event (message_id, created_at, state, carrier_id, carrier_message_id, command_status, detail)
    VALUES (p_message_id, p_at, 'SUBMITTED', p_carrier, p_carrier_message_id, 0,
            'part ' || (p_part_index + 1) || '/' || p_part_count);
    DELETE FROM receipt_orphan o
     WHERE o.ctid = (SELECT o2.ctid FROM receipt_orphan o2
                      WHERE o2.carrier_id = p_carrier AND o2.carrier_message_id = p_carrier_message_id
                      ORDER BY smsgate_is_final(o2.state) DESC, o2.received_at DESC LIMIT 1)
    RETURNING * INTO orphan;
    IF FOUND THEN
        -- Any other receipts held for the same id are superseded by the one applied.
        DELETE FROM receipt_orphan o WHERE o.carrier_id = p_carrier AND o.carrier_message_id = p_carrier_message_id;
        SELECT * INTO outcome, message_id, system_id, part_index, part_count, message_state
          FROM smsgate_apply_receipt(ref, orphan.state, orphan.receipt_stat, orphan.error_code, orphan.received_at);
        RETURN;
    END IF;
    outcome := 'RECORDED';
    message_id := p_message_id;
    part_index := p_part_index;
    part_count := p_part_count;
    SELECT m.system_id, m.state INTO system_id, message_state
      FROM message m WHERE m.message_id = p_message_id AND m.created_at = p_message_created_at;
END
$$;

-- Moves a message to a new state when its current state is one of p_from (never out of a final state),
-- and records the event. Returns whether it moved.
CREATE FUNCTION smsgate_transition(p_message_id bigint, p_message_created_at timestamptz, p_from text[],
                                   p_to text, p_not_before timestamptz, p_attempt boolean, p_at timestamptz,
                                   p_carrier text, p_carrier_message_id text, p_command_status integer,
                                   p_stat text, p_error text, p_detail text)
    RETURNS boolean
    LANGUAGE plpgsql AS
$$
DECLARE
    moved integer;
BEGIN
    UPDATE message m
       SET state = p_to,
           not_before = COALESCE(p_not_before, m.not_before),
           attempts = m.attempts + CASE WHEN p_attempt THEN 1 ELSE 0 END,
           carrier_id = COALESCE(p_carrier, m.carrier_id),
           updated_at = p_at
     WHERE m.message_id = p_message_id AND m.created_at = p_message_created_at
       AND m.state = ANY (p_from) AND NOT smsgate_is_final(m.state);
    GET DIAGNOSTICS moved = ROW_COUNT;
    IF moved = 0 THEN
        RETURN false;
    END IF;
    INSERT INTO message_event (message_id, created_at, state, carrier_id, carrier_message_id, command_status,
                               receipt_stat, error_code, detail)
    VALUES (p_message_id, p_at, p_to, p_carrier, p_carrier_message_id, p_command_status, p_stat, p_error,
            p_detail);
    RETURN true;
END
$$;
