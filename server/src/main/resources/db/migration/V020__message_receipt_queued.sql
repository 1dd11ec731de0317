-- A message becomes final in one transaction and its client receipt enters the outbox in a later one, so a crash
-- between the two commits would lose the receipt. receipt_queued is set in the outbox row's own transaction;
-- start-up recovery queues the receipt of every final message that wants one and has not got it yet.
ALTER TABLE message ADD COLUMN receipt_queued boolean NOT NULL DEFAULT false;

-- Messages final before this migration had their chance already: do not send them again.
UPDATE message SET receipt_queued = true WHERE smsgate_is_final(state);

-- Only the owed receipts: final, not queued, and a receipt asked for (registered_delivery bits 0-1: 1 = on success
-- or failure, 2 = on failure only; SMPP 3.4 §5.2.17). A client cancel sends no receipt.
CREATE INDEX message_receipt_owed ON message (created_at)
    WHERE NOT receipt_queued AND smsgate_is_final(state) AND state <> 'CANCELLED'
      AND ((registered_delivery & 3) = 1 OR ((registered_delivery & 3) = 2 AND state <> 'DELIVERED'));
