-- HOT updates of message rows and primary-key lookups in the Journal's batch UPDATEs (issue #4).
--
-- PostgreSQL updates a row in place on its page (HOT: no new index entries) only when no indexed column changes,
-- and a partial index's predicate columns count as indexed. V001's message_pending and V020's
-- message_receipt_owed both name state, which every Journal UPDATE changes, so no update was ever HOT: each
-- submission and each receipt wrote a new entry into every index of the row. And because the batch UPDATEs guard
-- with NOT smsgate_is_final(state) (= state IN ('QUEUED', 'SUBMITTED')), which is message_pending's predicate, the
-- planner preferred reading that whole index (every pending message) into a hash join over one primary-key
-- lookup per row: the cost of a batch grew with the backlog.
--
-- Decision: keep both recovery indexes (start-up still reads only non-final rows and owed receipts), but put
-- their predicates on stored generated columns that change once in a message's life, when it becomes final:
--   is_final      smsgate_is_final(state)                                      (here)
--   receipt_owed  final, and its client asked for a receipt of that state    (V020_1, after V020's column)
-- QUEUED -> SUBMITTED (and a retry back to QUEUED) changes neither, so those updates are HOT when the page has
-- room; the update that makes a message final is not HOT (it leaves message_open), and now also sets
-- receipt_queued when the client receipt commits in the same transaction, so it writes one row version, not two.
-- No index predicate names state any more, so no partial index implies the UPDATE guards and the planner looks
-- rows up by primary key (JournalPlanTest checks the plans with a backlog).
--
-- Measured with JournalThroughput (50,000 messages accepted, submitted, receipted with client receipts; 8 threads;
-- machine shared with other builds, so throughput was equal within its noise): message row updates 148,000 -> 98,000,
-- HOT 0 -> 50,000 (every submission), message partitions with their indexes 52 MB -> 37 MB despite fillfactor 50.

ALTER TABLE message ADD COLUMN is_final boolean GENERATED ALWAYS AS (smsgate_is_final(state)) STORED;

DROP INDEX message_pending;
-- Recovery at start-up: the non-final rows.
CREATE INDEX message_open ON message (created_at) WHERE NOT is_final;

-- Room on each page for the in-place (HOT) versions of its rows: a message is written by COPY, updated in place
-- when submitted (its new version is a little longer) and leaves the page's HOT chain when final; later inserts
-- reuse the pruned space. fillfactor 80 kept a quarter of a batch's submissions HOT (JournalStatementsTest), 50 kept
-- most of them there and all 50,000 in JournalThroughput. Partitioned tables take no storage parameters, so each
-- partition gets it; Partitions creates new ones WITH (fillfactor = 50).
DO $$
DECLARE
    part regclass;
BEGIN
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'message'::regclass LOOP
        EXECUTE format('ALTER TABLE %s SET (fillfactor = 50)', part);
    END LOOP;
END
$$;
