-- Below any design that keeps the issue's guarantees: three appends per message (the message, its carrier
-- reference, its final receipt found through that reference) and nothing else, one commit per :n messages.
SELECT nextval('batch') AS b \gset
BEGIN;
INSERT INTO accepted
SELECT g, now(), 'demo', '4477009' || g, '4477001' || g, decode(repeat('41', 60), 'hex')
  FROM generate_series(:b * :n, :b * :n + :n - 1) g;
INSERT INTO carrier_ref SELECT to_hex(g), g FROM generate_series((:b - 1) * :n, (:b - 1) * :n + :n - 1) g;
INSERT INTO receipt_event
SELECT c.message_id, 'DELIVERED', now()
  FROM generate_series((:b - 2) * :n, (:b - 2) * :n + :n - 1) g JOIN carrier_ref c ON c.carrier_msg_id = to_hex(g);
COMMIT;
