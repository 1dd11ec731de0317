-- Webhook delivery throughput (issue #6). EXPLAIN (ANALYZE, BUFFERS) of the claims on PostgreSQL 15, 100,000 due.
--
-- webhook_event_due now leads with the origin: the claim lists the origins with pending events by a loose scan and
-- reads each origin's oldest due events from its own slice (WebhookStore.CLAIM). The old (next_attempt_at,
-- event_id) index, scanned with "endpoint <> ALL (excluded)" as a filter, read the whole backlog of an excluded
-- origin (breaker open, or its in-memory queue full) on every claim: 55 ms per dispatcher cycle with 60,000 queued
-- to one origin, while a claim of 800 over two origins reads 2,500 buffers in 15 ms.
DROP INDEX IF EXISTS webhook_event_due;
CREATE INDEX webhook_event_due ON webhook_event (endpoint, next_attempt_at, event_id) WHERE state = 'PENDING';

-- The in-order check probes webhook_event_order, the partial index of pending events (index-only), instead of
-- webhook_event_order_key, which indexed every event ever queued and was read by nothing else: with it the probes
-- of a claim of 500 read 33,000 buffers (243 ms with the UPDATE's join), with the partial index 6,000 (20 ms). One
-- index insert fewer per row version, too.
DROP INDEX IF EXISTS webhook_event_order_key;

-- Claims and settlements rewrite every row twice: vacuum sooner than the 20 % default so that the visibility map
-- keeps the in-order probe index-only and dead versions do not pile up in the due index; analyse sooner than the
-- 10 % default because a burst queued into a table without statistics is planned badly (200 ms for a claim of 500
-- from 20,000 due, against 25 ms once analysed).
ALTER TABLE webhook_event SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02,
                               autovacuum_analyze_scale_factor = 0.02);
