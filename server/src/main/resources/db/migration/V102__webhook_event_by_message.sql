-- GET /v1/messages/{id} lists the message's status callbacks (issue #6): WebhookStore.ofMessage reads them by
-- order_key 'msg:<id>' in event id order. webhook_event_order holds pending events only and V080 dropped the plain
-- order_key index, so without this one the read scanned the table. It is partial on message.status events, so MO
-- callbacks (keyed by conversation, never read this way) add no entries; it costs one index entry per status
-- callback row version (claims and settlements rewrite each event, and state is indexed, so those are not HOT
-- updates anyway). Retention's deletes (V100) remove the entries with their rows.
CREATE INDEX webhook_event_message ON webhook_event (order_key, event_id) WHERE event_type = 'message.status';
