-- One transaction (one commit) carries four steps for four different batches of :n messages, as a group-committing
-- journal would: accept batch b, record the carrier ids of b-1, apply the final receipts of b-2 and queue their
-- client receipts, complete the client receipts of b-3. Rows are generated in the server: no client parsing at all.
SELECT nextval('batch') AS b \gset
BEGIN;
INSERT INTO message
SELECT g, now(), 'demo', '4477009' || g, '4477001' || g, 'QUEUED', NULL, decode(repeat('41', 60), 'hex'), now()
  FROM generate_series(:b * :n, :b * :n + :n - 1) g;
UPDATE message SET carrier_msg_id = to_hex(message_id)
 WHERE message_id BETWEEN (:b - 1) * :n AND (:b - 1) * :n + :n - 1;
UPDATE message SET state = 'DELIVERED', updated_at = now()
 WHERE carrier_msg_id IN (SELECT to_hex(g) FROM generate_series((:b - 2) * :n, (:b - 2) * :n + :n - 1) g);
INSERT INTO outbox
SELECT g, g, decode(repeat('42', 100), 'hex') FROM generate_series((:b - 2) * :n, (:b - 2) * :n + :n - 1) g;
DELETE FROM outbox WHERE outbox_id BETWEEN (:b - 3) * :n AND (:b - 3) * :n + :n - 1;
COMMIT;
