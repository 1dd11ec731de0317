-- The combined final event of a multipart message names the deciding part's receipt stat and error code (issue #6,
-- MultipartReceipts): under ALL_PARTS that is the first failed part, whose receipt often came in an earlier Journal
-- batch than the receipt that completes the message. carrier_ref kept only that part's state, so the combined event
-- had no stat or err. The part's receipt already rewrites its carrier_ref row (JournalBatch.APPLY_RECEIPTS) and the
-- combination already reads it (PART_STATES): keeping the codes there costs no extra write, read or index entry,
-- where finding the part's receipt event in message_event again would be another lookup per part in the day's
-- partitions. Single-part messages never write their part row (V012) and keep these NULL.
ALTER TABLE carrier_ref ADD COLUMN receipt_stat text, ADD COLUMN error_code text;
