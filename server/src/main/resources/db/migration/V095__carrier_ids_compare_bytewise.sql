-- Carrier ids and carrier message ids are opaque ASCII tokens, matched only for equality: compare them byte by byte
-- (collation "C") rather than under the database's collation. Under a libc locale such as C.UTF-8 every comparison
-- in the receipt lookup's index (carrier_ref_lookup_newest: one insert per submitted part, one descent per receipt)
-- went through strcoll (pg_strncoll_libc in perf of the state lane's backend under the gateway's load). Equality is
-- the same under any deterministic collation, so no lookup changes its result; only the indexes on these columns are
-- rebuilt (the type stays text: no table rewrite). Partitions created later inherit the columns' collation.
--
-- message_current (V093) reads these columns, and a column a view reads cannot change type: the view is dropped and
-- created again from its own stored definition, unchanged.
DO $$
DECLARE
    definition text := pg_get_viewdef('message_current'::regclass);
BEGIN
    DROP VIEW message_current;
    ALTER TABLE carrier_ref
        ALTER COLUMN carrier_id TYPE text COLLATE "C",
        ALTER COLUMN carrier_message_id TYPE text COLLATE "C";
    ALTER TABLE receipt_orphan
        ALTER COLUMN carrier_id TYPE text COLLATE "C",
        ALTER COLUMN carrier_message_id TYPE text COLLATE "C";
    EXECUTE 'CREATE VIEW message_current AS ' || definition;
END
$$;
