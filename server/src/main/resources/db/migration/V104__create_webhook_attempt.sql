-- Every webhook attempt on record (issue #6: the message record's "webhook attempts", the dead-letter list): when
-- each attempt started and how long it took, which URL it went to (the event's own, or the account's failover URL on
-- every second attempt), what the receiver answered or why nothing was answered, and what the attempt led to.
-- webhook_event keeps only the count and the last answer.
--
-- Written by WebhookStore.settleAndClaim in the settle batch's transaction: one INSERT ... SELECT FROM unnest(...)
-- per batch, beside the two UPDATEs of webhook_event. Attempts not tried (POSTPONED: breaker open, node stopping)
-- are not written.
--
-- attempt numbers an event's attempts from 1, across replays: a replay keeps the old attempts as history and the
-- next one is numbered after them (webhook_event.replayed_attempts holds the attempts made before the last replay,
-- while webhook_event.attempts, which drives backoff and the failover alternation, restarts at 0).
--
-- Only the primary key, no other index: every read is "the attempts of these events" (a message's callbacks, a page
-- of dead letters), a range of (event_id, attempt), and retention deletes by event id too. The key grows with
-- event_id, so the inserts of a batch land on the index's last pages, apart from retries of older events.
--
-- No foreign key to webhook_event: its check is a per-row trigger with a share lock on the event row, on a path of
-- 5,000-9,000 attempts a second, and ON DELETE CASCADE would run one trigger-driven DELETE per event retention
-- removes (10,000 per batch). StoreRetention instead deletes a batch's attempts by its event ids in the same
-- statement as the events (one index range read each). Without the key an attempt could outlive its event only if
-- its settlement were written after retention deleted the event, days after the event settled, while a node writes
-- its settlements within a cycle or two of the answer.
ALTER TABLE webhook_event ADD COLUMN replayed_attempts integer NOT NULL DEFAULT 0;

CREATE TABLE webhook_attempt (
    event_id    bigint      NOT NULL,
    attempt     integer     NOT NULL CHECK (attempt >= 1),
    started_at  timestamptz NOT NULL,
    -- From the request's start to its answer or failure; NULL when no request was sent (no signing secret, a URL
    -- that is not http(s), an unreadable event).
    duration_ms integer     CHECK (duration_ms >= 0),
    url         text        NOT NULL,
    failover    boolean     NOT NULL,
    outcome     text        NOT NULL CHECK (outcome IN ('DELIVERED', 'RETRY', 'DEAD')),
    -- The HTTP status the receiver answered with; NULL when none answered (network error, timeout, refused).
    status      integer,
    -- Why it failed, at most 500 characters (WebhookStore.ATTEMPT_ERROR_MAX); NULL when delivered.
    error       text,
    PRIMARY KEY (event_id, attempt)
);
