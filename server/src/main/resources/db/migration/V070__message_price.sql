-- The price the route plan charges for a message (issue #6: "cost and segments" in its record), decided when it is
-- accepted and stored with it: HTTP sends store the price their 202 answer quoted, SMPP submissions the price of
-- their route at accept. A rate change later does not change it. Both NULL when the route is not rated (static
-- routes, no rate card). The amount is for the whole message (every segment), in price_currency (ISO 4217).
ALTER TABLE message
    ADD COLUMN price_amount   numeric CHECK (price_amount >= 0),
    ADD COLUMN price_currency text    CHECK (price_currency ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT message_price_whole CHECK ((price_amount IS NULL) = (price_currency IS NULL));
