-- Message partitions back to the default fillfactor (100) (issue #4, #6).
--
-- V012 left half of each message page empty so that a submission's update of its row could stay on the page (HOT).
-- V093 removed that update (a submission is its carrier_ref row), and the updates left (a final receipt, a cancel,
-- a retry's state) change is_final or receipt_owed, predicates of the partial indexes message_open and
-- message_receipt_owed, so they are never HOT: the free half only doubled the heap, the pages VACUUM reads and the
-- shared buffers a day's messages take.
--
-- RESET changes only where new rows go: pages already written keep their layout until the partition is dropped by
-- the retention (a VACUUM FULL or pg_repack would compact them now; not done here, as it locks the partition).
-- Partitions creates new message partitions without the option.
DO $$
DECLARE
    part regclass;
BEGIN
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'message'::regclass LOOP
        EXECUTE format('ALTER TABLE %s RESET (fillfactor)', part);
    END LOOP;
END
$$;
