package io.smsgate.server.pipeline;

import io.smsgate.server.store.MessageId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The seam between the front ends (upstream SMPP, HTTP send API, MM7) and the store: stores a submission through
 * the Journal, completes with our message id only after the commit, then hands the stored message to
 * {@link Dispatch}. Validates nothing protocol-specific: the front end did. Never blocks.
 */
public interface Ingest {

    /** Stores {@code submission} under a new id. */
    default CompletionStage<IngestResult> accept(Submission submission) {
        return accept(nextId(), submission);
    }

    /**
     * Stores {@code submission} under {@code id}, reserved earlier with {@link #nextId()} (a concatenated message
     * whose parts were each answered with this id before the last one arrived).
     */
    CompletionStage<IngestResult> accept(MessageId id, Submission submission);

    /**
     * Whether {@code submission} would be refused for good whatever else happens (an opted-out recipient), checked
     * before a concatenated message's first part is staged, so that no part of it is answered ESME_ROK. Never
     * blocks; none by default.
     */
    default Optional<IngestResult.Refused> refusal(Submission submission) {
        return Optional.empty();
    }

    /** A new message id (unique across restarts and nodes, time-ordered). */
    MessageId nextId();
}
