-- The outbox is a queue: every row is inserted, and deleted a moment later when its client answers. The default
-- autovacuum trigger (20 % of the table dead) never fires on a table that holds a few hundred live rows, so dead
-- rows piled up (525,000 after three minutes at 4,500 receipts/s) and every read of due rows walked their index
-- entries: 20 ms a read with no row due. Vacuum it after a fixed number of dead rows, without throttling.
ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000,
                        autovacuum_vacuum_cost_delay = 0);
