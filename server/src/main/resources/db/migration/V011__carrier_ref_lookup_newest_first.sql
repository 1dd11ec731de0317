-- Receipt correlation reads the newest reference of a (carrier, carrier message id). With created_at in the index,
-- each partition's index scan already returns that order, so PostgreSQL reads the partitions newest first and stops
-- at the first match, instead of probing every partition and sorting. EXPLAIN (ANALYZE, BUFFERS) of the lookup for
-- 500 receipts with the partitions of yesterday to today + 7: 9,503 buffers before, 2,500 after (with the query's
-- bound on created_at); the old index also probed every retained past day (30 by default).
CREATE INDEX carrier_ref_lookup_newest ON carrier_ref (carrier_id, carrier_message_id, created_at);
DROP INDEX carrier_ref_lookup;
