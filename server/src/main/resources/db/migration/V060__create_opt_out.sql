-- Opt-outs (issue #6, two-way and compliance): a recipient who sent STOP to one of an account's numbers. sender is
-- that number, or '' when the opt-out covers every sender of the account (opt-out-scope: account, or STOPALL).
-- The table is the truth; every node keeps it in memory and reloads it periodically.
CREATE TABLE opt_out (
    system_id  text        NOT NULL,
    recipient  text        NOT NULL CHECK (length(recipient) BETWEEN 1 AND 32),
    sender     text        NOT NULL CHECK (length(sender) <= 32),
    source     text        NOT NULL CHECK (source IN ('keyword', 'import', 'api')),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (system_id, recipient, sender)
);
