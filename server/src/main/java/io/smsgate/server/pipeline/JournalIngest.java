package io.smsgate.server.pipeline;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageIdGenerator;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.NewMessage;
import io.smsgate.server.store.StoreOverloadedException;
import io.smsgate.server.store.StoredMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Ingest} over the {@link Journal}: refuses at once when the carrier side is full, otherwise inserts the
 * message (group commit) and, after the commit, completes with its id and hands it to {@link Dispatch}.
 */
public final class JournalIngest implements Ingest {

    private static final Logger log = LoggerFactory.getLogger(JournalIngest.class);

    private final Journal journal;
    private final MessageIdGenerator ids;
    private final Dispatch dispatch;
    private final Rating rating;

    /** Stores messages with the price their submission was quoted, if any (no rating of its own). */
    public JournalIngest(Journal journal, MessageIdGenerator ids, Dispatch dispatch) {
        this(journal, ids, dispatch, Rating.UNRATED);
    }

    /** @param rating prices a submission that comes without a quoted price (SMPP), when its route is rated */
    public JournalIngest(Journal journal, MessageIdGenerator ids, Dispatch dispatch, Rating rating) {
        this.journal = requireNonNull(journal, "journal");
        this.ids = requireNonNull(ids, "ids");
        this.dispatch = requireNonNull(dispatch, "dispatch");
        this.rating = requireNonNull(rating, "rating");
    }

    @Override
    public MessageId nextId() {
        return ids.next();
    }

    @Override
    public CompletionStage<IngestResult> accept(MessageId id, Submission s) {
        if (!dispatch.canAccept()) {
            return CompletableFuture.completedFuture(new IngestResult.Refused(IngestResult.Reason.DISPATCH_BUSY,
                    "dispatch: full"));
        }
        NewMessage message = new NewMessage(id, s.systemId(), s.source(), s.destination(), s.esmClass(),
                s.protocolId(), s.priorityFlag(), s.dataCoding(), s.registeredDelivery(), s.validityUntil(),
                s.notBefore(), s.clientRef(), s.parts(), s.tlvs(), s.statusCallback(),
                s.price().isPresent() ? s.price() : rating.charge(id, s));
        return journal.submit(new JournalWrite.InsertMessage(message)).handle((stored, error) -> {
            if (error != null) {
                return refused(error);
            }
            IngestResult result = new IngestResult.Accepted(stored);
            try {
                dispatch.dispatch(new StoredMessage(message, MessageStatus.QUEUED, Optional.empty(),
                        Optional.empty(), 0, message.createdAt()));
            } catch (RuntimeException e) {
                // Stored is stored: the message stays QUEUED and start-up recovery or the carrier's poll takes it.
                log.error("dispatch failed message_id={}", stored, e);
            }
            return result;
        });
    }

    private static IngestResult refused(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof StoreOverloadedException) {
            return new IngestResult.Refused(IngestResult.Reason.STORE_OVERLOADED, String.valueOf(cause.getMessage()));
        }
        log.warn("ingest store failed cause={}", cause.toString());
        return new IngestResult.Refused(IngestResult.Reason.STORE_FAILED, String.valueOf(cause.getMessage()));
    }
}
