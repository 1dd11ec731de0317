-- The parts' receipts of a multipart message combine in the Journal transaction that records a part's receipt
-- (issue #4), which reads the other parts' newest references by message (JournalBatch.PART_STATES) on the state
-- lane. carrier_ref_message (BRIN, V091) is no index for that: a range is summarised only when autovacuum gets to it,
-- and every range not yet summarised is read whole for every message, so the newest minutes of references, the ones
-- receipts name, would be scanned once per multipart message of a batch. A B-tree on the parts of multipart messages
-- only (part_count > 1) finds them in a few buffers, and single-part submissions, the bulk of them, do not pay for
-- its entries.
CREATE INDEX carrier_ref_parts ON carrier_ref (message_id, part_index, created_at) WHERE part_count > 1;
