-- A dead outbox row knows when it died (issue #4): the client refused it for good, or it expired (found by the
-- notifier or by StoreRetention's sweep). StoreRetention deletes a dead row store.retention.dead-letter-days after
-- dead_at; it used expires_at, so a row a client refused early was purged relative to an expiry it never reached,
-- and an operator reading the dead letters could not tell when a row died.
ALTER TABLE outbox ADD COLUMN dead_at timestamptz;

-- Rows that died before this column existed: no later than their expiry, and no later than now.
UPDATE outbox SET dead_at = LEAST(expires_at, now()) WHERE state = 'DEAD';

ALTER TABLE outbox ADD CONSTRAINT outbox_dead_at CHECK ((state = 'DEAD') = (dead_at IS NOT NULL));

-- V100's outbox_expiry (state, expires_at) served both retention jobs; the purge now ranges over dead_at. Each job
-- gets a partial index of its own state instead:
-- * outbox_pending_expiry: the expiry sweep's range (PENDING, expires_at < now). The receipt path pays one entry per
--   row here, as it did in outbox_expiry, and no more: the sweep must find expired rows of accounts that never bind a
--   receiver without reading the table, and the per-account outbox_due index orders by next_attempt_at, not expiry.
--   A row leaves it when it dies, so the dead letters no longer hold entries in the index of the live queue.
-- * outbox_dead: the purge's range (DEAD, dead_at < now - dead-letter-days). Partial, so that a PENDING row, the
--   receipt path's every insert, adds no entry to it; only a death does.
DROP INDEX outbox_expiry;
CREATE INDEX outbox_pending_expiry ON outbox (expires_at) WHERE state = 'PENDING';
CREATE INDEX outbox_dead ON outbox (dead_at) WHERE state = 'DEAD';
