-- The event of a single-part message's final receipt is kept in the message row's final version (issue #4: less
-- PostgreSQL work per message on the Journal's state lane). That receipt already writes a new version of the row
-- (state, updated_at, receipt_queued); the event's other facts (carrier, carrier message id, the receipt's stat and
-- err, 'receipt part 1/1') were a second row in message_event with its index entry: two of the five WAL records of
-- APPLY_RECEIPTS. A final state never changes, so the row's version is as permanent as an event would be.
-- The row's carrier_id and carrier_message_id are the event's: the Journal keeps the event in the row only when the
-- receipt names the reference the row names, and only for messages without a status callback, whose events must
-- reach the webhook trigger on message_event (V050). Otherwise, and for intermediate receipts, parts of multipart
-- messages and every other transition, events are message_event rows as before. final_detail is set exactly when
-- the row holds its final event; StoreReader.EVENTS reads it as the last line of the detail record, and start-up
-- recovery of owed client receipts reads the stat and err from it.
ALTER TABLE message
    ADD COLUMN final_receipt_stat text,
    ADD COLUMN final_error_code   text,
    ADD COLUMN final_detail       text;
