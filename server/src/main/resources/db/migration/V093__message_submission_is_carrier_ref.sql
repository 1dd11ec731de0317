-- A submission no longer updates the message row (issues #4 and #6: less PostgreSQL work per message on the
-- Journal's state lane). Recording a submitted part was an INSERT of its carrier_ref row and an UPDATE of its message
-- (state SUBMITTED, carrier, carrier message id, attempts, updated_at). In pgbench on a batch of 45 (2 cores) the
-- INSERT cost 10.5 µs a row and the statement with the UPDATE 25.6 µs; the UPDATE held nothing the reference does not.
--
-- The row keeps what only it knows: QUEUED until a final state (a receipt, a failure, a cancel) writes it; no writer
-- moves a message back to QUEUED. So a message whose row is QUEUED and that has a reference is SUBMITTED. Readers use
-- this view, one definition for the API, query_sm, recovery and the records export:
--   state               SUBMITTED as above, else the row's
--   carrier_id          a pending message's newest reference's; a final row's own when it names one (the receipt or
--                       failure that made it final), else the newest reference's
--   carrier_message_id  likewise, with the newest first part's reference (the id a client sees for the message)
--   attempts            the row's (failed attempts) plus one per first part submitted
--   updated_at          the later of the row's and the newest reference's
-- References are found by message_id through carrier_ref_message (BRIN, V091): a few small page ranges per message.
-- Message ids may run ahead of the clock (MessageIdGenerator) and references carry the writer's clock, so the bound
-- that prunes carrier_ref's day partitions allows a day before the message's. Writers still guard on the row: a final
-- state never changes, and a move that must find the message not yet at a carrier (cancel_sm, replace_sm) also checks
-- that it has no reference.
CREATE VIEW message_current AS
SELECT m.message_id, m.created_at, m.system_id, m.source_ton, m.source_npi, m.source_addr, m.dest_ton, m.dest_npi,
       m.dest_addr, m.esm_class, m.protocol_id, m.priority_flag, m.data_coding, m.registered_delivery,
       m.validity_until, m.not_before, m.client_ref, m.parts, m.tlvs,
       CASE WHEN m.state = 'QUEUED' AND r.at IS NOT NULL THEN 'SUBMITTED' ELSE m.state END AS state,
       CASE WHEN m.is_final THEN COALESCE(m.carrier_id, r.carrier_id)
            ELSE COALESCE(r.carrier_id, m.carrier_id) END AS carrier_id,
       CASE WHEN m.is_final THEN COALESCE(m.carrier_message_id, r.first_part_id)
            ELSE COALESCE(r.first_part_id, m.carrier_message_id) END AS carrier_message_id,
       m.attempts + COALESCE(r.first_parts, 0)::integer AS attempts,
       GREATEST(m.updated_at, r.at) AS updated_at,
       m.status_callback, m.price_amount, m.price_currency, m.is_final, m.receipt_owed, m.receipt_queued,
       m.final_receipt_stat, m.final_error_code, m.final_detail
  FROM message m
  LEFT JOIN LATERAL (
        SELECT max(c.created_at) AS at,
               (array_agg(c.carrier_id ORDER BY c.created_at DESC))[1] AS carrier_id,
               (array_agg(c.carrier_message_id ORDER BY c.created_at DESC) FILTER (WHERE c.part_index = 0))[1]
                   AS first_part_id,
               count(*) FILTER (WHERE c.part_index = 0) AS first_parts
          FROM carrier_ref c
         WHERE c.message_id = m.message_id AND c.message_created_at = m.created_at
           AND c.created_at >= m.created_at - interval '1 day'
        HAVING count(*) > 0) r ON true;
