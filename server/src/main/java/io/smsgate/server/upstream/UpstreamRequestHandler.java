package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.CancelSm;
import io.smsgate.protocol.smpp.pdu.CancelSmResp;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.DataSm;
import io.smsgate.protocol.smpp.pdu.DataSmResp;
import io.smsgate.protocol.smpp.pdu.DestinationAddress;
import io.smsgate.protocol.smpp.pdu.MessageState;
import io.smsgate.protocol.smpp.pdu.QuerySm;
import io.smsgate.protocol.smpp.pdu.QuerySmResp;
import io.smsgate.protocol.smpp.pdu.ReplaceSm;
import io.smsgate.protocol.smpp.pdu.ReplaceSmResp;
import io.smsgate.protocol.smpp.pdu.Request;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.protocol.smpp.pdu.SubmitMulti;
import io.smsgate.protocol.smpp.pdu.SubmitMultiResp;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import io.smsgate.protocol.smpp.pdu.UnsuccessfulSme;
import io.smsgate.protocol.smpp.session.RequestHandler;
import io.smsgate.protocol.smpp.session.SmppSession;
import io.smsgate.server.pipeline.Ingest;
import io.smsgate.server.pipeline.IngestResult;
import io.smsgate.server.store.EventDetail;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.StoreOverloadedException;
import io.smsgate.server.store.StoreReader;
import io.smsgate.server.store.StoredMessage;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one account's bound sessions: submit_sm, data_sm and submit_multi are rate-limited, validated and stored
 * before ESME_ROK; query_sm reads the store; cancel_sm and replace_sm change messages not yet given to a carrier.
 * Runs on the session's event loop and never blocks: store work completes the answer later.
 */
final class UpstreamRequestHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(UpstreamRequestHandler.class);
    private static final DateTimeFormatter FINAL_DATE = DateTimeFormatter.ofPattern("yyMMddHHmmss");

    private final Account account;
    private final TokenBucket rate;
    private final SubmitValidator validator;
    private final Ingest ingest;
    private final PartAssembler assembler;
    private final StoreReader reader;
    private final Journal journal;
    private final UpstreamStore store;
    private final Clock clock;
    private final CommandStatus optedOutStatus;

    UpstreamRequestHandler(Account account, TokenBucket rate, SubmitValidator validator, Ingest ingest,
            PartAssembler assembler, StoreReader reader, Journal journal, UpstreamStore store, Clock clock) {
        this(account, rate, validator, ingest, assembler, reader, journal, store, clock, CommandStatus.ESME_RX_P_APPN);
    }

    /** @param optedOutStatus the answer to a message whose recipient opted out (compliance.smpp-status) */
    UpstreamRequestHandler(Account account, TokenBucket rate, SubmitValidator validator, Ingest ingest,
            PartAssembler assembler, StoreReader reader, Journal journal, UpstreamStore store, Clock clock,
            CommandStatus optedOutStatus) {
        this.optedOutStatus = requireNonNull(optedOutStatus, "optedOutStatus");
        this.account = requireNonNull(account, "account");
        this.rate = requireNonNull(rate, "rate");
        this.validator = requireNonNull(validator, "validator");
        this.ingest = requireNonNull(ingest, "ingest");
        this.assembler = requireNonNull(assembler, "assembler");
        this.reader = requireNonNull(reader, "reader");
        this.journal = requireNonNull(journal, "journal");
        this.store = requireNonNull(store, "store");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<Response> onRequest(SmppSession session, Request request) {
        if (request instanceof SubmitSm submit) {
            ShortMessage m = submit.message();
            return submitOne(session, incoming(m, submit.tlvs()))
                    .thenApply(outcome -> outcome.id().isPresent()
                            ? SubmitSmResp.ok(submit.sequenceNumber(), outcome.id().get().toString())
                            : submit.reject(outcome.status()));
        }
        if (request instanceof DataSm data) {
            SubmitValidator.Incoming in = new SubmitValidator.Incoming(data.source(), data.destination(),
                    data.esmClass(), 0, 0, "", "", data.registeredDelivery(), 0, data.dataCoding(),
                    OctetString.EMPTY, data.tlvs());
            return submitOne(session, in).thenApply(outcome -> outcome.id().isPresent()
                    ? DataSmResp.ok(data.sequenceNumber(), outcome.id().get().toString())
                    : data.reject(outcome.status()));
        }
        if (request instanceof SubmitMulti multi) {
            return submitMulti(session, multi);
        }
        if (request instanceof QuerySm query) {
            return query(query);
        }
        if (request instanceof CancelSm cancel) {
            return cancel(cancel);
        }
        if (request instanceof ReplaceSm replace) {
            return replace(session, replace);
        }
        // Broadcast operations (SMPP 5.0 §4.6) are not offered to upstream clients.
        return CompletableFuture.completedFuture(request.reject(CommandStatus.ESME_RINVCMDID));
    }

    /** The answer to one message: our id, or the status it was refused with. */
    private record Outcome(Optional<MessageId> id, CommandStatus status) {
        static Outcome ok(MessageId id) {
            return new Outcome(Optional.of(id), CommandStatus.ESME_ROK);
        }

        static Outcome refused(CommandStatus status) {
            return new Outcome(Optional.empty(), status);
        }
    }

    private static SubmitValidator.Incoming incoming(ShortMessage m, Tlvs tlvs) {
        return new SubmitValidator.Incoming(m.source(), m.destination(), m.esmClass(), m.protocolId(),
                m.priorityFlag(), m.scheduleDeliveryTime(), m.validityPeriod(), m.registeredDelivery(),
                m.replaceIfPresentFlag(), m.dataCoding(), m.shortMessage(), tlvs);
    }

    private CompletionStage<Outcome> submitOne(SmppSession session, SubmitValidator.Incoming in) {
        if (!rate.tryAcquire()) {
            return CompletableFuture.completedFuture(Outcome.refused(CommandStatus.ESME_RTHROTTLED));
        }
        return store(session, in);
    }

    private CompletionStage<Outcome> store(SmppSession session, SubmitValidator.Incoming in) {
        SubmitValidator.Verdict verdict = validator.check(account.systemId(), session.interfaceVersion(), in,
                clock.instant());
        if (verdict instanceof SubmitValidator.Rejected rejected) {
            log.debug("{} submit refused status={} reason={}", session.tag(), rejected.status(), rejected.reason());
            return CompletableFuture.completedFuture(Outcome.refused(rejected.status()));
        }
        SubmitValidator.Valid valid = (SubmitValidator.Valid) verdict;
        if (valid.part().isPresent()) {
            return assembler.offer(valid.submission(), valid.part().get()).thenApply(outcome ->
                    outcome instanceof PartAssembler.Stored stored ? Outcome.ok(stored.messageId())
                            : Outcome.refused(status(((PartAssembler.Refused) outcome).refusal(), optedOutStatus)));
        }
        return ingest.accept(valid.submission()).thenApply(result ->
                result instanceof IngestResult.Accepted accepted ? Outcome.ok(accepted.messageId())
                        : Outcome.refused(status((IngestResult.Refused) result, optedOutStatus)));
    }

    /** {@link #status(IngestResult.Refused, CommandStatus)} with the default opt-out answer, ESME_RX_P_APPN. */
    static CommandStatus status(IngestResult.Refused refused) {
        return status(refused, CommandStatus.ESME_RX_P_APPN);
    }

    /** The one place an ingest refusal becomes an SMPP status (Checklist A24). */
    static CommandStatus status(IngestResult.Refused refused, CommandStatus optedOut) {
        return switch (refused.reason()) {
            case STORE_OVERLOADED, STOPPING -> CommandStatus.ESME_RMSGQFUL;
            case DISPATCH_BUSY -> CommandStatus.ESME_RTHROTTLED;
            case STORE_FAILED -> CommandStatus.ESME_RSYSERR;
            case OPTED_OUT -> optedOut;
        };
    }

    // submit_multi (SMPP 3.4 §4.5): one message per SME destination, each stored before the answer; the answer names
    // the first stored message, refused destinations go to unsuccess_smes; distribution lists are not offered.
    private CompletionStage<Response> submitMulti(SmppSession session, SubmitMulti multi) {
        if (!rate.tryAcquire()) {
            return CompletableFuture.completedFuture(multi.reject(CommandStatus.ESME_RTHROTTLED));
        }
        List<Address> destinations = new ArrayList<>();
        List<UnsuccessfulSme> unsuccessful = new ArrayList<>();
        for (DestinationAddress destination : multi.destinations()) {
            if (destination instanceof DestinationAddress.Sme sme) {
                destinations.add(sme.address());
            } else {
                unsuccessful.add(new UnsuccessfulSme(Address.EMPTY, CommandStatus.ESME_RINVDLNAME));
            }
        }
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        for (Address destination : destinations) {
            outcomes.add(store(session, new SubmitValidator.Incoming(multi.source(), destination, multi.esmClass(),
                    multi.protocolId(), multi.priorityFlag(), multi.scheduleDeliveryTime(), multi.validityPeriod(),
                    multi.registeredDelivery(), multi.replaceIfPresentFlag(), multi.dataCoding(),
                    multi.shortMessage(), multi.tlvs())).toCompletableFuture());
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Optional<MessageId> first = Optional.empty();
            CommandStatus firstError = CommandStatus.ESME_RINVDLNAME;
            boolean anyError = false;
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome outcome = outcomes.get(i).join();
                if (outcome.id().isPresent()) {
                    first = first.isPresent() ? first : outcome.id();
                } else {
                    if (!anyError) {
                        firstError = outcome.status();
                        anyError = true;
                    }
                    unsuccessful.add(new UnsuccessfulSme(destinations.get(i), outcome.status()));
                }
            }
            if (first.isEmpty()) {
                return multi.reject(firstError);
            }
            return new SubmitMultiResp(multi.sequenceNumber(), CommandStatus.ESME_ROK, first.get().toString(),
                    unsuccessful.size() > 255 ? unsuccessful.subList(0, 255) : unsuccessful, Tlvs.EMPTY);
        });
    }

    private CompletionStage<Response> query(QuerySm query) {
        Optional<MessageId> id = MessageId.parse(query.messageId());
        if (id.isEmpty()) {
            return CompletableFuture.completedFuture(query.reject(CommandStatus.ESME_RINVMSGID));
        }
        return own(id.get()).handle((found, error) -> {
            if (error != null) {
                return query.reject(readFailure(error, CommandStatus.ESME_RQUERYFAIL));
            }
            if (found.isEmpty()) {
                return query.reject(CommandStatus.ESME_RQUERYFAIL);
            }
            StoredMessage message = found.get();
            MessageState state = message.status().messageState();
            String finalDate = message.status().isFinal()
                    ? LocalDateTime.ofInstant(message.updatedAt(), ZoneOffset.UTC).format(FINAL_DATE) + "000+"
                    : "";
            return new QuerySmResp(query.sequenceNumber(), CommandStatus.ESME_ROK, query.messageId(), finalDate,
                    state, 0);
        });
    }

    private CompletionStage<Response> cancel(CancelSm cancel) {
        if (cancel.messageId().isEmpty()) {
            return cancelBySource(cancel);
        }
        Optional<MessageId> id = MessageId.parse(cancel.messageId());
        if (id.isEmpty()) {
            return CompletableFuture.completedFuture(cancel.reject(CommandStatus.ESME_RINVMSGID));
        }
        return own(id.get()).thenCompose(found -> {
            if (found.isEmpty() || found.get().status() != MessageStatus.QUEUED) {
                return CompletableFuture.completedFuture(false);
            }
            return journal.submit(new JournalWrite.Transition(id.get(), EnumSet.of(MessageStatus.QUEUED),
                    MessageStatus.CANCELLED, Optional.empty(), false, EventDetail.note("cancel_sm"),
                    clock.instant()));
        }).handle((moved, error) -> error != null
                ? cancel.reject(readFailure(error, CommandStatus.ESME_RCANCELFAIL))
                : moved ? new CancelSmResp(cancel.sequenceNumber(), CommandStatus.ESME_ROK)
                        : cancel.reject(CommandStatus.ESME_RCANCELFAIL));
    }

    /**
     * SMPP 3.4 §4.9.1 with a NULL message_id: every message of this account from source_addr (and to
     * destination_addr, when not NULL) not yet submitted to a carrier is cancelled; ESME_RCANCELFAIL when none was.
     * We do not keep service_type, so a cancel_sm that narrows by it is refused rather than cancelling more than the
     * client asked for.
     */
    private CompletionStage<Response> cancelBySource(CancelSm cancel) {
        if (cancel.source().address().isEmpty()) {
            return CompletableFuture.completedFuture(cancel.reject(CommandStatus.ESME_RINVSRCADR));
        }
        if (!cancel.serviceType().isEmpty()) {
            return CompletableFuture.completedFuture(cancel.reject(CommandStatus.ESME_RCANCELFAIL));
        }
        Optional<String> destination = cancel.destination().address().isEmpty()
                ? Optional.empty() : Optional.of(cancel.destination().address());
        return store.cancelBySource(account.systemId(), cancel.source().address(), destination, clock.instant())
                .handle((cancelled, error) -> {
                    if (error != null) {
                        return cancel.reject(readFailure(error, CommandStatus.ESME_RCANCELFAIL));
                    }
                    log.info("cancel_sm by source system_id={} destination_given={} cancelled={}",
                            account.systemId(), destination.isPresent(), cancelled);
                    return cancelled > 0 ? new CancelSmResp(cancel.sequenceNumber(), CommandStatus.ESME_ROK)
                            : cancel.reject(CommandStatus.ESME_RCANCELFAIL);
                });
    }

    private CompletionStage<Response> replace(SmppSession session, ReplaceSm replace) {
        Optional<MessageId> id = MessageId.parse(replace.messageId());
        if (id.isEmpty()) {
            return CompletableFuture.completedFuture(replace.reject(CommandStatus.ESME_RINVMSGID));
        }
        return own(id.get()).thenCompose(found -> {
            if (found.isEmpty() || found.get().status() != MessageStatus.QUEUED
                    || found.get().message().parts().size() != 1) {
                return CompletableFuture.completedFuture(Optional.<CommandStatus>of(CommandStatus.ESME_RREPLACEFAIL));
            }
            StoredMessage message = found.get();
            // Validate the new text and times as a submit_sm with the stored addresses and coding.
            SubmitValidator.Verdict verdict = validator.check(account.systemId(), session.interfaceVersion(),
                    new SubmitValidator.Incoming(message.message().source(), message.message().destination(),
                            message.message().esmClass(), message.message().protocolId(),
                            message.message().priorityFlag(), replace.scheduleDeliveryTime(),
                            replace.validityPeriod(), replace.registeredDelivery(), 0,
                            message.message().dataCoding(), replace.shortMessage(), replace.tlvs()),
                    clock.instant());
            if (verdict instanceof SubmitValidator.Rejected rejected) {
                return CompletableFuture.completedFuture(Optional.of(rejected.status()));
            }
            SubmitValidator.Valid valid = (SubmitValidator.Valid) verdict;
            if (valid.part().isPresent()) {
                return CompletableFuture.completedFuture(Optional.of(CommandStatus.ESME_RREPLACEFAIL));
            }
            return store.replace(id.get(), account.systemId(), valid.submission().parts().get(0),
                    replace.registeredDelivery(), valid.submission().validityUntil(),
                    valid.submission().notBefore()).thenApply(done -> done ? Optional.<CommandStatus>empty()
                            : Optional.of(CommandStatus.ESME_RREPLACEFAIL));
        }).handle((failed, error) -> {
            if (error != null) {
                return replace.reject(readFailure(error, CommandStatus.ESME_RREPLACEFAIL));
            }
            return failed.isPresent() ? replace.reject(failed.get())
                    : new ReplaceSmResp(replace.sequenceNumber(), CommandStatus.ESME_ROK);
        });
    }

    /** The message if it exists and belongs to this account (another account's id reads as unknown). */
    private CompletableFuture<Optional<StoredMessage>> own(MessageId id) {
        return reader.findMessage(id).thenApply(found -> found.filter(
                message -> message.message().systemId().equals(account.systemId())));
    }

    private CommandStatus readFailure(Throwable error, CommandStatus otherwise) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof StoreOverloadedException || cause instanceof UpstreamOverloadedException) {
            return CommandStatus.ESME_RTHROTTLED;
        }
        log.warn("store read failed system_id={} cause={}", account.systemId(), cause.toString());
        return otherwise;
    }
}
