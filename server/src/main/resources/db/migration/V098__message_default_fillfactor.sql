-- Message partitions back to the default fillfactor (100) (issue #4, #6).
--
-- V012 left half of each message page empty so that a submission's update of its row could stay on the page (HOT).
-- V093 removed that update (a submission is its carrier_ref row), and the updates left (a final receipt, a cancel,
-- a retry) change is_final or receipt_owed, predicate columns of the partial indexes message_open and
-- message_receipt_owed, so none is HOT (0 of 101,195 in the load run below). The reserved half only took the
-- non-HOT new versions, which at fillfactor 100 go to other pages and whose space VACUUM returns to later inserts.
--
-- Measured with `smsgate demo` and `smsgate sim load --binds 4 --window 100 --rate 0 --duration 20s` (every message
-- receipted), autovacuum off on the partition, then one VACUUM (VERBOSE); per 100,000 relayed messages:
--                                  fillfactor 50   fillfactor 100
--   heap (pg_relation_size)            43.8 MB         39.4 MB
--   indexes                            14.4 MB         14.5 MB
--   total (pg_total_relation_size)     58.2 MB         54.0 MB
--   heap pages VACUUM scanned            5,348           4,816
--   of them with dead items              5,319           2,142
-- (runs of 102,795 and 65,682 messages on a machine shared with other builds). Smaller than "half the heap": the
-- final receipt's new version filled the reserved half before; now it fills other pages until VACUUM frees it.
--
-- The Journal's batch UPDATEs joined the batch to the messages. A custom plan knows the batch's size (unnest() of
-- the bound array) and, with the fewer pages of fillfactor 100, a seq scan and hash join of a 20,000-row backlog
-- costed less than 200 key lookups (MARK_RECEIPT_QUEUED; 1,000 for TRANSITIONS and APPLY_RECEIPTS); generic plans
-- (unnest() estimated at 10 rows) kept the lookups, and so did backlogs of 100,000 and 1,000,000. The statements
-- now give the keys to the message scan as index conditions (message_id = ANY), and JournalStatementsTest checks
-- primary-key lookups with the 20,000-row backlog, batches of 1, 200 and 1,000 and every plan_cache_mode.
--
-- RESET changes only where new rows go: pages already written keep their layout until the retention drops the
-- partition (a VACUUM FULL would compact them now, under an exclusive lock; not done here). Partitions creates new
-- message partitions without the option.
DO $$
DECLARE
    part regclass;
BEGIN
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'message'::regclass LOOP
        EXECUTE format('ALTER TABLE %s RESET (fillfactor)', part);
    END LOOP;
END
$$;
