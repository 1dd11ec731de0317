-- The SUBMITTED event of the message detail record is the part's carrier_ref row (issue #4: less PostgreSQL work per
-- message on the Journal's state lane). Both rows held the same facts: message, part, carrier, carrier message id
-- and time; the event added command_status 0 (a submit_sm_resp ESME_ROK) and the text 'part N/M', both implied by
-- the reference. Writing it once saves, per submitted part, a heap row, its message_event_message_id entry and its
-- row in the webhook trigger's transition table: RECORD_SUBMISSIONS went from 5.0 to 3.0 WAL records per message in
-- JournalThroughput. Readers of the timeline (StoreReader.EVENTS) read both tables.
--
-- Timelines read a message's references by message_id. Message ids grow with accept time and references are written
-- at submission, moments later, so the physical order of carrier_ref follows message_id closely: a BRIN index
-- (minmax-multi, for the resubmissions that come late) finds them by reading a few small page ranges, and costs the
-- insert nearly nothing (a range is summarised once, when it is full). PartStates and the API's search by carrier id,
-- which look references up by message_id as well, had no index for it before.
CREATE INDEX carrier_ref_message ON carrier_ref USING brin (message_id int8_minmax_multi_ops)
    WITH (pages_per_range = 16, autosummarize = on);

-- A submitted part's status callback (V050's trigger on message_event queued it) is queued by the Journal in the
-- same transaction (JournalBatch.SUBMITTED_CALLBACKS), only for messages with a status callback: a statement
-- trigger on carrier_ref cost every submission 1.8 µs (auto_explain) for its transition table, callback or not.
-- The SUBMITTED events written before this migration, now read from their references.
DELETE FROM message_event e
 USING carrier_ref r
 WHERE e.state = 'SUBMITTED' AND e.command_status = 0 AND e.detail = 'part ' || (r.part_index + 1) || '/' || r.part_count
   AND r.carrier_id = e.carrier_id AND r.carrier_message_id = e.carrier_message_id AND r.created_at = e.created_at
   AND r.message_id = e.message_id;
