-- Retention of the queues that are not partitioned (issues #4, #6): StoreRetention dead-letters outbox rows past
-- their expiry even when their account never binds a receiver, deletes dead outbox rows, and deletes settled webhook
-- events, each in batches of a bounded size. Every batch finds its rows by a range of one of these indexes, so that a
-- batch reads what it deletes and no more: without them each batch scanned the table (the outbox of an account that
-- never binds a receiver grows by its whole receipt rate; webhook_event by every callback ever sent).
--
-- outbox: one index serves both jobs, (PENDING, expires_at < now) and (DEAD, expires_at < now - dead-letter-days).
-- It costs one index entry per outbox row on the receipt path.
CREATE INDEX outbox_expiry ON outbox (state, expires_at);
-- webhook_event: settled events only, so that pending ones (the claim's hot rows) add no entries here.
CREATE INDEX webhook_event_settled ON webhook_event (state, settled_at) WHERE state IN ('DELIVERED', 'DEAD');
