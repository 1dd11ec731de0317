package io.smsgate.server.pipeline;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.store.MessageId;

/** What {@link Ingest} did with a submission: stored it (and only then), or refused it. */
public sealed interface IngestResult {

    /** Committed to the store; {@code messageId} is the id the client gets (submit_sm_resp, HTTP 202). */
    record Accepted(MessageId messageId) implements IngestResult {
        public Accepted {
            requireNonNull(messageId, "messageId");
        }
    }

    /** Not stored; the client may try again later unless the reason says otherwise. */
    record Refused(Reason reason, String detail) implements IngestResult {
        public Refused {
            requireNonNull(reason, "reason");
            requireNonNull(detail, "detail");
        }
    }

    /** Why a submission was refused; front ends map each to their status in one switch. */
    enum Reason {
        /** The Journal's queue is full: the store cannot take more now (ESME_RMSGQFUL, HTTP 503). */
        STORE_OVERLOADED,
        /** The carrier side cannot take more now (ESME_RTHROTTLED, HTTP 429). */
        DISPATCH_BUSY,
        /** The store transaction failed (ESME_RSYSERR, HTTP 500); nothing was stored. */
        STORE_FAILED,
        /** The server is stopping (ESME_RMSGQFUL, HTTP 503). */
        STOPPING,
        /**
         * The recipient opted out of the sender's messages (compliance.smpp-status, HTTP 422
         * recipient_opted_out); permanent, nothing stored or charged.
         */
        OPTED_OUT
    }
}
