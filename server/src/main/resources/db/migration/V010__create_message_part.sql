-- Segments of a client's concatenated message (UDH concat IE or SAR TLVs), each stored before its submit_sm_resp
-- ESME_ROK, held until the set is complete; then the whole message goes to the message table and its staged parts
-- are deleted. message_id is the id every part of the set was answered with.
CREATE TABLE message_part (
    message_id  bigint      NOT NULL,
    system_id   text        NOT NULL,
    set_key     text        NOT NULL,
    part_number integer     NOT NULL CHECK (part_number >= 1),
    part_count  integer     NOT NULL CHECK (part_count BETWEEN 2 AND 255),
    submission  bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (message_id, part_number)
);
CREATE INDEX message_part_created_at ON message_part (created_at);
