package io.smsgate.server.store;

/** What an outbox row carries to its client. */
public enum OutboxKind {
    /** A delivery receipt for one of the client's messages. */
    RECEIPT,
    /** A mobile-originated message for one of the client's numbers. */
    MO
}
