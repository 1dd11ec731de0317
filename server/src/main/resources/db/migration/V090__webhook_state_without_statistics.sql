-- The webhook claim on stale statistics (issue #6). webhook_event is a queue: after a quiet period every row is
-- DELIVERED, autovacuum analyses it so, and the statistics then say that state = 'PENDING' matches no row. A burst
-- queued before the next analysis (autovacuum wakes once a minute) is planned as if each partial index on pending
-- events held one row: the in-order check scanned all pending events once per candidate, and the claim's UPDATE
-- joined its ids against all of them too. EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL 17, 200 events delivered and
-- analysed, then 50,000 queued, a claim of 250: 6 to 14 s and 396,000 buffers per claim; with this migration and
-- WebhookStore's claim, 7 to 20 ms and 5,500 buffers.
--
-- How many events are pending changes faster than any analysis can follow, so the column keeps no statistics: the
-- planner takes its fixed guess (0.5 % of the rows), under which a probe by key always beats a scan of a partial
-- index. SET STATISTICS 0 only stops new statistics; the ALTER TYPE to the same type is what removes the existing
-- ones (PostgreSQL drops a column's pg_statistic row when its type is altered; the indexes keep their storage).
ALTER TABLE webhook_event ALTER COLUMN state SET STATISTICS 0;
ALTER TABLE webhook_event ALTER COLUMN state TYPE text;
