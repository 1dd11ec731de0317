-- The second half of V012 (HOT updates of message rows, issue #4), after V020 added receipt_queued: V020's
-- message_receipt_owed named state in its predicate, so every state change wrote new index entries. Its
-- predicate moves to a stored generated column that changes only when the message becomes final: final, not
-- cancelled, and its client asked for a receipt of that state (registered_delivery bits 0-1: 1 = on success or
-- failure, 2 = on failure only; SMPP 3.4 §5.2.17), exactly V020's condition.
ALTER TABLE message ADD COLUMN receipt_owed boolean GENERATED ALWAYS AS (
    smsgate_is_final(state) AND state <> 'CANCELLED'
    AND ((registered_delivery & 3) = 1 OR ((registered_delivery & 3) = 2 AND state <> 'DELIVERED'))) STORED;

DROP INDEX message_receipt_owed;
-- Recovery at start-up: final messages whose client receipt never reached the outbox.
CREATE INDEX message_receipt_owed ON message (created_at) WHERE receipt_owed AND NOT receipt_queued;
