package io.smsgate.server.carrier;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.dlr.CorrelationKey;
import io.smsgate.protocol.dlr.DeliveryReceipt;
import io.smsgate.protocol.dlr.NetworkErrorCode;
import io.smsgate.protocol.dlr.ReceiptParseResult;
import io.smsgate.protocol.dlr.ReceiptParser;
import io.smsgate.protocol.dlr.ReceiptTlvs;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.DataSm;
import io.smsgate.protocol.smpp.pdu.DataSmResp;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.DeliverSmResp;
import io.smsgate.protocol.smpp.pdu.Request;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.pdu.Sar;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import io.smsgate.protocol.smpp.session.RequestHandler;
import io.smsgate.protocol.smpp.session.SmppSession;
import io.smsgate.protocol.text.Concatenated;
import io.smsgate.protocol.text.Reassembler;
import io.smsgate.protocol.text.UserDataHeader;
import io.smsgate.routing.HealthBoard;
import io.smsgate.server.pipeline.ClientEvent;
import io.smsgate.server.pipeline.MoHook;
import io.smsgate.server.store.Correlation;
import io.smsgate.server.store.JournalWrite;
import io.smsgate.server.store.Journal;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.ReceiptNotice;
import io.smsgate.server.store.StoreReader;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a carrier sends us on its binds: delivery receipts (SMPP 3.4 §2.11, Appendix B), correlated by (carrier,
 * canonical carrier id) through the Journal, and MOs, reassembled and put in the outbox of the account that owns
 * the destination number. deliver_sm_resp goes out only after the commit, so a carrier re-sends what we could not
 * store; a receipt we cannot match is acknowledged ESME_ROK and kept as an orphan (reliability.md B11–B14, B21).
 */
final class InboundHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(InboundHandler.class);
    /** esm_class message type bits (SMPP 3.4 §5.2.12): SMSC delivery receipt, intermediate notification. */
    private static final int RECEIPT_TYPES = 0x04 | 0x20;
    private static final int MESSAGE_TYPE_MASK = 0x3C;
    /** The {@code outcome} tag of each correlation outcome, made once: a receipt's tag was a new string each. */
    private static final String[] OUTCOME_TAGS = Arrays.stream(Correlation.Outcome.values())
            .map(outcome -> outcome.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

    private final String carrierId;
    /** Receipt outcomes feed the carrier's DELIVRD share, which quality floors and least-cost ranking read. */
    private final HealthBoard health;
    private final CarrierProfile profile;
    private final Journal journal;
    private final StoreReader reader;
    private final ClientNotices notices;
    private final CarrierMeters meters;
    private final Clock clock;
    private final Executor executor;
    private final LongSupplier ticker;
    private final Reassembler reassembler;
    private final ReceiptNotice receiptNotice;
    private final boolean matchWaiting;
    private final MoHook moHook;
    private final int maxParts;

    /**
     * @param moReassembly the bounds on this carrier's concatenated MOs held incomplete
     * @param moHook told of every MO before its outbox row (opt-out keywords); the MO waits for it
     */
    InboundHandler(String carrierId, CarrierProfile profile, Journal journal, StoreReader reader,
                   ClientNotices notices, CarrierMeters meters, Clock clock, Executor executor,
                   LongSupplier ticker, boolean matchWaiting, HealthBoard health, MoReassemblyConfig moReassembly,
                   MoHook moHook) {
        this.moHook = requireNonNull(moHook, "moHook");
        this.maxParts = moReassembly.maxParts();
        this.matchWaiting = matchWaiting;
        this.carrierId = requireNonNull(carrierId, "carrierId");
        this.health = requireNonNull(health, "health");
        this.profile = requireNonNull(profile, "profile");
        this.journal = requireNonNull(journal, "journal");
        this.reader = requireNonNull(reader, "reader");
        this.notices = requireNonNull(notices, "notices");
        this.meters = requireNonNull(meters, "meters");
        this.clock = requireNonNull(clock, "clock");
        this.executor = requireNonNull(executor, "executor");
        this.ticker = requireNonNull(ticker, "ticker");
        this.receiptNotice = (subject, status) -> notices.receiptRow(subject, status, stat(status), Optional.empty());
        this.reassembler = new Reassembler(moReassembly.reassembler(), this::dropped);
    }

    /** Builds a message's client receipt inside the Journal transaction that makes it final. */
    ReceiptNotice receiptNotice() {
        return receiptNotice;
    }

    @Override
    public CompletionStage<Response> onRequest(SmppSession session, Request request) {
        return handle(request);
    }

    /** The answer to one request of the carrier's; the session does not change it. */
    CompletionStage<Response> handle(Request request) {
        if (request instanceof DeliverSm deliver) {
            return inbound(deliver.sequenceNumber(), deliver.message(), deliver.tlvs());
        }
        if (request instanceof DataSm data) {
            // data_sm carries no short_message: the body, if any, is in message_payload (SMPP 3.4 §4.7).
            ShortMessage body = new ShortMessage(data.serviceType(), data.source(), data.destination(),
                    data.esmClass(), 0, 0, "", "", data.registeredDelivery(), 0, data.dataCoding(), 0,
                    OctetString.EMPTY);
            return inbound(-1, body, data.tlvs()).thenApply(resp -> resp.commandStatus().isOk()
                    ? DataSmResp.ok(data.sequenceNumber(), "")
                    : data.reject(resp.commandStatus()));
        }
        // alert_notification and anything the bind state let through: nothing to do, nothing to answer wrongly.
        return CompletableFuture.completedFuture(request.reject(CommandStatus.ESME_RINVCMDID));
    }

    private CompletionStage<Response> inbound(int sequenceNumber, ShortMessage message, Tlvs tlvs) {
        boolean receipt = (message.esmClass() & MESSAGE_TYPE_MASK & RECEIPT_TYPES) != 0
                || tlvs.receiptedMessageId().isPresent();
        CompletableFuture<CommandStatus> status = receipt ? receipt(message, tlvs) : mo(message, tlvs);
        return status.thenApply(s -> s.isOk() ? DeliverSmResp.ok(sequenceNumber, "")
                : DeliverSmResp.error(sequenceNumber, s));
    }

    // ---- receipts --------------------------------------------------------------------------------------------

    private CompletableFuture<CommandStatus> receipt(ShortMessage message, Tlvs tlvs) {
        ReceiptTlvs receiptTlvs = new ReceiptTlvs(tlvs.receiptedMessageId(),
                tlvs.messageState().map(state -> OptionalInt.of(state.code())).orElse(OptionalInt.empty()),
                tlvs.networkErrorCode().map(code -> new NetworkErrorCode(code.networkType(), code.errorCode())));
        ReceiptParseResult parsed = ReceiptParser.parse(receiptTlvs, message.shortMessage(),
                tlvs.messagePayload().orElse(OctetString.EMPTY));
        if (parsed instanceof ReceiptParseResult.Unparsed unparsed) {
            meters.receipt("unparsed");
            log.info("carrier receipt unparsed carrier={} id={} reason={}", carrierId, unparsed.id().orElse("-"),
                    unparsed.reason());
            return CompletableFuture.completedFuture(CommandStatus.ESME_ROK);
        }
        DeliveryReceipt dlr = ((ReceiptParseResult.Parsed) parsed).receipt();
        CorrelationKey key = profile.ids().fromReceipt(dlr.id());
        if (key instanceof CorrelationKey.Refused refused) {
            meters.receipt("unparsed");
            log.info("carrier receipt id refused carrier={} {}", carrierId, refused.reason());
            return CompletableFuture.completedFuture(CommandStatus.ESME_ROK);
        }
        String canonical = ((CorrelationKey.Canonical) key).value();
        MessageStatus status = MessageStatus.of(dlr.state());
        return journal.submit(new JournalWrite.CorrelateReceipt(carrierId, canonical, status,
                        Optional.of(dlr.state().statWord()), dlr.error(), clock.instant(), receiptNotice,
                        profile.multipartReceipts()))
                .thenCompose(correlation -> matchWaiting && correlation.outcome() == Correlation.Outcome.ORPHANED
                        // InFlightPolicy.WAIT: a part whose id never reached us waits under its addresses.
                        ? journal.submit(new JournalWrite.CorrelateReceipt(carrierId, WaitKeys.ofReceipt(message),
                                status, Optional.of(dlr.state().statWord()), dlr.error(), clock.instant(),
                                receiptNotice, profile.multipartReceipts()))
                        : CompletableFuture.completedFuture(correlation))
                .thenApply(correlation -> {
                    if (correlation.outcome() == Correlation.Outcome.MATCHED && status.isFinal()) {
                        // Carrier level only: the route's country is not kept with the message.
                        health.receipt(carrierId, "", status == MessageStatus.DELIVERED, receiptLatency(dlr),
                                clock.instant());
                    }
                    applied(correlation);
                    return CommandStatus.ESME_ROK;
                })
                .exceptionally(error -> {
                    // Not stored: the carrier keeps it and sends it again.
                    log.warn("carrier receipt not stored carrier={} cause={}", carrierId, error.toString());
                    return CommandStatus.ESME_RX_T_APPN;
                });
    }

    /**
     * The time from submit to final state as the receipt's dates give it (SMPP 3.4 Appendix B, minute or second
     * precision, both in the carrier's zone), zero when it has no dates or they run backwards.
     */
    static Duration receiptLatency(DeliveryReceipt dlr) {
        if (dlr.submitDate().isEmpty() || dlr.doneDate().isEmpty()) {
            return Duration.ZERO;
        }
        LocalDateTime submit = dlr.submitDate().get().dateTime();
        LocalDateTime done = dlr.doneDate().get().dateTime();
        // Both dates are in one zone, so any offset gives their distance; Duration.between walks the calendar.
        long seconds = done.toEpochSecond(ZoneOffset.UTC) - submit.toEpochSecond(ZoneOffset.UTC);
        Duration latency = Duration.ofSeconds(seconds, (long) done.getNano() - submit.getNano());
        return latency.isNegative() ? Duration.ZERO : latency;
    }

    /**
     * A receipt's state reached a part (now, or a held one when its submit_sm_resp was recorded). When that ended the
     * message (a single part's final receipt, or the part receipt that completed a multipart message under the
     * carrier's {@link io.smsgate.server.store.MultipartReceipts}), the Journal made it final and queued its client
     * receipt in the same transaction: only the deliverer needs the committed row. Final states never regress: the
     * store ignores them.
     */
    void applied(Correlation correlation) {
        meters.receipt(OUTCOME_TAGS[correlation.outcome().ordinal()]);
        if (!correlation.madeFinal()) {
            return;
        }
        finalReceipt(correlation.messageId().orElseThrow(), correlation.status().orElseThrow());
        correlation.queuedReceipt().ifPresent(notices::queued);
    }

    /** Receipt latency: from our accept (the time in our id) to the final state. */
    private void finalReceipt(MessageId messageId, MessageStatus status) {
        long millis = clock.millis() - messageId.createdAt().toEpochMilli();
        meters.finalReceipt(status, Math.max(0, millis) * 1_000_000);
    }

    /** The receipt stat word of a final state (SMPP 3.4 Appendix B). */
    static String stat(MessageStatus status) {
        return switch (status) {
            case DELIVERED -> "DELIVRD";
            case EXPIRED -> "EXPIRED";
            case DELETED, CANCELLED -> "DELETED";
            case UNDELIVERABLE, FAILED -> "UNDELIV";
            case ACCEPTED -> "ACCEPTD";
            case UNKNOWN, QUEUED, SUBMITTED -> "UNKNOWN";
            case REJECTED -> "REJECTD";
            case SKIPPED -> "SKIPPED";
        };
    }

    // ---- MO --------------------------------------------------------------------------------------------------

    private CompletableFuture<CommandStatus> mo(ShortMessage message, Tlvs tlvs) {
        OctetString body = message.shortMessage().isEmpty()
                ? tlvs.messagePayload().orElse(OctetString.EMPTY) : message.shortMessage();
        Optional<Concatenated> concatenated = Optional.empty();
        if ((message.esmClass() & CarrierEncoder.UDHI) != 0
                && UserDataHeader.parse(body) instanceof UserDataHeader.Parsed parsed) {
            concatenated = parsed.header().concatenated();
            body = body.slice(parsed.length(), body.length());
        }
        Optional<Sar> sar = tlvs.sar();
        if (concatenated.isEmpty() && sar.isEmpty()) {
            return deliverMo(message, body);
        }
        int reference = concatenated.map(Concatenated::reference).orElseGet(() -> sar.get().referenceNumber());
        int total = concatenated.map(Concatenated::total).orElseGet(() -> sar.get().totalSegments());
        int sequence = concatenated.map(Concatenated::sequence).orElseGet(() -> sar.get().segmentSeqnum());
        Reassembler.Key key = new Reassembler.Key(message.source().address(), message.destination().address(),
                reference);
        if (total > maxParts) {
            return refused(message, "too-many-parts", "total: " + total + " (expected: <= mo-reassembly.max-parts "
                    + maxParts + ")");
        }
        OctetString part = body;
        // The reassembler is single-threaded: parts from every bind meet on the connector's thread.
        return CompletableFuture.supplyAsync(() -> {
                    Reassembler.Outcome outcome = reassembler.offer(key, total, sequence, part, ticker.getAsLong());
                    meters.moPending(reassembler.pendingMessages());
                    return outcome;
                }, executor)
                .thenCompose(outcome -> {
                    if (outcome instanceof Reassembler.Complete complete) {
                        return deliverMo(message, complete.joined());
                    }
                    if (outcome instanceof Reassembler.Rejected rejected) {
                        return refused(message, "refused", rejected.reason());
                    }
                    return CompletableFuture.completedFuture(CommandStatus.ESME_ROK);
                });
    }

    /**
     * A part no message can be made of: ESME_RX_P_APPN (SMPP 3.4 §5.1.3, permanent), so the carrier stops
     * re-sending it and reports the failure, where ESME_ROK would lose the MO without a trace.
     */
    private CompletableFuture<CommandStatus> refused(ShortMessage message, String reason, String detail) {
        meters.moDropped(reason);
        log.warn("carrier mo part refused carrier={} reason={} source={} destination={} detail={}", carrierId, reason,
                mask(message.source().address()), mask(message.destination().address()), detail);
        return CompletableFuture.completedFuture(CommandStatus.ESME_RX_P_APPN);
    }

    /** An incomplete MO given up: its parts were acknowledged, so this line and the meter are all that is left. */
    private void dropped(Reassembler.Dropped dropped) {
        String reason = dropped.reason().name().toLowerCase(Locale.ROOT);
        meters.moDropped(reason);
        log.warn("carrier mo dropped carrier={} reason={} source={} destination={} reference={} received={} total={}",
                carrierId, reason, mask(dropped.key().source()), mask(dropped.key().destination()),
                dropped.key().reference(), dropped.received(), dropped.total());
    }

    /**
     * Gives up the incomplete MOs past {@code mo-reassembly.timeout} now, not when the next part of any MO arrives:
     * without it a carrier that goes quiet would leave them held, and their drop unlogged, indefinitely. Runs on the
     * connector's thread, like every other use of the reassembler.
     */
    void expireIncompleteMos() {
        reassembler.expire(ticker.getAsLong());
        meters.moPending(reassembler.pendingMessages());
    }

    private CompletableFuture<CommandStatus> deliverMo(ShortMessage message, OctetString userData) {
        String number = message.destination().address();
        return reader.accountForNumber(number).thenCompose(account -> {
            if (account.isEmpty()) {
                log.info("carrier mo for unknown number carrier={} destination={}", carrierId, mask(number));
                return CompletableFuture.completedFuture(CommandStatus.ESME_RINVDSTADR);
            }
            meters.mo.increment();
            // The UDH is gone (parts joined, header stripped): the client's deliver_sm carries no UDHI.
            ClientEvent.Mo mo = new ClientEvent.Mo(message.source(), message.destination(),
                    message.esmClass() & ~CarrierEncoder.UDHI, message.protocolId(), message.dataCoding(), userData);
            // The opt-out is recorded before the MO is acknowledged: a carrier re-sends a STOP we could not store.
            return moHook.onMo(account.get(), mo).thenCompose(done -> notices.mo(account.get(), mo))
                    .thenApply(id -> CommandStatus.ESME_ROK);
        }).exceptionally(error -> {
            log.warn("carrier mo not stored carrier={} cause={}", carrierId, error.toString());
            return CommandStatus.ESME_RX_T_APPN;
        });
    }

    /** MSISDNs above DEBUG show only their last four digits (STYLE.md Logging). */
    static String mask(String number) {
        return number.length() <= 4 ? "****" : "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
    }
}
