-- Whether a message has been submitted to a carrier: it has a carrier_ref row (V093). One definition for the writers
-- that may move only a message that was never at a carrier (cancel_sm, replace_sm, cancel by source). Message ids
-- may run ahead of the clock and references carry the writer's clock, so the bound that prunes carrier_ref's day
-- partitions allows a day before the message's.
CREATE FUNCTION smsgate_has_carrier_ref(message_id bigint, message_created_at timestamptz) RETURNS boolean
    LANGUAGE sql STABLE AS
$$ SELECT EXISTS (SELECT 1 FROM carrier_ref c
                   WHERE c.message_id = $1 AND c.message_created_at = $2 AND c.created_at >= $2 - interval '1 day') $$;
