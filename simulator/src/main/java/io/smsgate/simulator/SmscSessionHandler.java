package io.smsgate.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.protocol.smpp.pdu.AlertNotification;
import io.smsgate.protocol.smpp.pdu.Bind;
import io.smsgate.protocol.smpp.pdu.BindResp;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CancelSm;
import io.smsgate.protocol.smpp.pdu.CancelSmResp;
import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.DataSm;
import io.smsgate.protocol.smpp.pdu.DataSmResp;
import io.smsgate.protocol.smpp.pdu.DeliverSm;
import io.smsgate.protocol.smpp.pdu.DestinationAddress;
import io.smsgate.protocol.smpp.pdu.DeliverSmResp;
import io.smsgate.protocol.smpp.pdu.EnquireLink;
import io.smsgate.protocol.smpp.pdu.EnquireLinkResp;
import io.smsgate.protocol.smpp.pdu.GenericNack;
import io.smsgate.protocol.smpp.pdu.Inbound;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.MalformedPdu;
import io.smsgate.protocol.smpp.pdu.MessageState;
import io.smsgate.protocol.smpp.pdu.Outbind;
import io.smsgate.protocol.smpp.pdu.Pdu;
import io.smsgate.protocol.smpp.pdu.QuerySm;
import io.smsgate.protocol.smpp.pdu.QuerySmResp;
import io.smsgate.protocol.smpp.pdu.ReplaceSm;
import io.smsgate.protocol.smpp.pdu.ReplaceSmResp;
import io.smsgate.protocol.smpp.pdu.Request;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.pdu.Sar;
import io.smsgate.protocol.smpp.pdu.ShortMessage;
import io.smsgate.protocol.smpp.pdu.SubmitMulti;
import io.smsgate.protocol.smpp.pdu.SubmitMultiResp;
import io.smsgate.protocol.smpp.pdu.SubmitSm;
import io.smsgate.protocol.smpp.pdu.SubmitSmResp;
import io.smsgate.protocol.smpp.pdu.Tlv;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import io.smsgate.protocol.smpp.pdu.Unbind;
import io.smsgate.protocol.smpp.pdu.UnsuccessfulSme;
import io.smsgate.protocol.smpp.pdu.UnbindResp;
import io.smsgate.simulator.behaviour.CarrierBehaviour;
import io.smsgate.simulator.behaviour.ErrorRule;
import io.smsgate.simulator.behaviour.Faults;
import io.smsgate.simulator.behaviour.RateLimiter;
import io.smsgate.simulator.behaviour.ReceiptBehaviour;
import io.smsgate.simulator.behaviour.Redelivery;
import io.smsgate.simulator.counters.DropReason;
import io.smsgate.simulator.behaviour.ReceiptStatus;
import io.smsgate.protocol.text.Concatenated;
import io.smsgate.protocol.text.UserDataHeader;
import io.smsgate.simulator.counters.MessagePart;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ESME connection to a simulated carrier: bind, requests, responses, receipts and every fault mode.
 * State is touched only on the channel's event loop; the behaviour snapshot is read once per request.
 */
final class SmscSessionHandler extends SimpleChannelInboundHandler<Inbound> {
    static final String NAME = "smsc-session";
    private static final Logger log = LoggerFactory.getLogger(SmscSessionHandler.class);
    private static final int ESM_CLASS_DELIVERY_RECEIPT = 0x04;
    private static final int ESM_CLASS_UDHI = 0x40;
    private static final DateTimeFormatter FINAL_DATE =
            DateTimeFormatter.ofPattern("yyMMddHHmmss").withZone(ZoneOffset.UTC);
    /** Malformed responses: command_length beyond any sane PDU limit (1 MiB), to trip the peer's framing. */
    static final int TOO_LONG = 0x0010_0000;
    static final int INVALID_COMMAND_ID = 0x8000_00FF;

    private final SmscSimulator.Carrier carrier;
    private final SplittableRandom random;
    /** deliver_sm written on this connection and not answered yet, by sequence_number. */
    private final SequenceWindow<PendingDelivery> pendingDeliveries = new SequenceWindow<>();
    private final ReceiptText.Dates dates = new ReceiptText.Dates();
    private ChannelHandlerContext ctx;
    private volatile boolean bound;
    private volatile BindType bindType = BindType.TX;
    private volatile String systemId = "";
    private int outstanding;
    private long requests;
    private long submits;
    private int nextSequence = 1;
    private RateLimiter bindLimiter;
    private ScheduledFuture<?> storm;

    /** An outbind to write as soon as a carrier-initiated connection is up, and who waits for it. */
    record PendingOutbind(Outbind outbind, CompletableFuture<Void> written) {
    }

    private final Optional<PendingOutbind> pendingOutbind;

    SmscSessionHandler(SmscSimulator.Carrier carrier, SplittableRandom random, Optional<PendingOutbind> outbind) {
        super(Inbound.class);
        this.carrier = carrier;
        this.random = random;
        this.pendingOutbind = outbind;
    }

    boolean isBound() {
        return bound;
    }

    boolean isActive() {
        ChannelHandlerContext context = ctx;
        return context != null && context.channel().isActive();
    }

    boolean canReceive() {
        return bound && bindType.canReceive();
    }

    String systemId() {
        return systemId;
    }

    private String tag() {
        return "[" + carrier.name() + " " + systemId + " " + ctx.channel().id().asShortText() + "]";
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        this.ctx = context;
        carrier.sessions.add(this);
        pendingOutbind.ifPresent(pending -> {
            carrier.counters.pduSent(pending.outbind().commandId().code(), 0);
            context.writeAndFlush(pending.outbind().withSequenceNumber(nextSequence())).addListener(sent -> {
                if (sent.isSuccess()) {
                    pending.written().complete(null);
                } else {
                    pending.written().completeExceptionally(sent.cause());
                }
            });
        });
        super.channelActive(context);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        carrier.sessions.remove(this);
        carrier.receivers.remove(this);
        if (storm != null) {
            storm.cancel(false);
        }
        if (bound) {
            log.info("{} connection closed bind_type={}", tag(), bindType);
        }
        bound = false;
        requeueUnanswered();
        super.channelInactive(context);
    }

    /**
     * Store and forward: deliver_sm this connection took but never answered go back to the system_id's queue
     * (or to another receiver of it), in their original order.
     */
    private void requeueUnanswered() {
        if (pendingDeliveries.isEmpty()) {
            return;
        }
        List<PendingDelivery> unanswered = new ArrayList<>(pendingDeliveries.clear());
        unanswered.sort(PendingDelivery.DUE_ORDER);
        log.info("{} connection lost with unanswered deliver_sm={}, kept for redelivery", tag(), unanswered.size());
        for (PendingDelivery delivery : unanswered) {
            carrier.dispatch(systemId, delivery);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        log.debug("{} connection error: {}", tag(), cause.toString());
        context.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, Inbound inbound) {
        long now = context.executor().ticker().nanoTime();
        CarrierBehaviour behaviour = carrier.control.current();
        if (inbound instanceof MalformedPdu malformed) {
            carrier.counters.pduReceived(malformed.commandId(), 0);
            if (!behaviour.faults().silent()) {
                malformed.reply().ifPresent(reply -> write(reply, behaviour));
            }
            return;
        }
        Pdu pdu = (Pdu) inbound;
        if (pdu instanceof Response response) {
            carrier.counters.pduReceived(pdu.commandId().code(), response.commandStatus().code());
            onResponse(response);
            return;
        }
        carrier.counters.pduReceived(pdu.commandId().code(), 0);
        Request request = (Request) pdu;
        requests++;
        Faults faults = behaviour.faults();
        if (faults.resetAfterRequests() > 0 && requests > faults.resetAfterRequests()) {
            reset();
            return;
        }
        if (faults.silent() || faults.stopAnsweringAfter() > 0 && requests > faults.stopAnsweringAfter()) {
            return;
        }
        if (request instanceof Bind bind) {
            onBind(bind, behaviour);
        } else if (request instanceof EnquireLink enquireLink) {
            write(new EnquireLinkResp(enquireLink.sequenceNumber()), behaviour);
        } else if (!bound) {
            // SMPP 3.4 §2.3: only bind and enquire_link are allowed before a bind succeeds.
            write(request.reject(CommandStatus.ESME_RINVBNDSTS), behaviour);
        } else if (request instanceof Unbind unbind) {
            carrier.counters.unbound();
            log.info("{} unbound", tag());
            bound = false;
            carrier.receivers.remove(this);
            ctx.writeAndFlush(new UnbindResp(unbind.sequenceNumber())).addListener(future -> ctx.close());
            carrier.counters.pduSent(CommandId.UNBIND_RESP.code(), 0);
        } else if (!bindType.canTransmit() && (request instanceof SubmitSm || request instanceof DataSm
                || request instanceof SubmitMulti || request instanceof QuerySm || request instanceof CancelSm
                || request instanceof ReplaceSm)) {
            write(request.reject(CommandStatus.ESME_RINVBNDSTS), behaviour);
        } else if (request instanceof SubmitSm submit) {
            ShortMessage message = submit.message();
            onSubmit(submit, message.source(), message.destination(), message.esmClass(), message.registeredDelivery(),
                    message.shortMessage(), submit.tlvs(), now, behaviour);
        } else if (request instanceof DataSm dataSm) {
            onSubmit(dataSm, dataSm.source(), dataSm.destination(), dataSm.esmClass(), dataSm.registeredDelivery(),
                    dataSm.tlvs().messagePayload().orElse(OctetString.EMPTY), dataSm.tlvs(), now, behaviour);
        } else if (request instanceof SubmitMulti multi) {
            onSubmitMulti(multi, now, behaviour);
        } else if (request instanceof QuerySm query) {
            write(query(query, behaviour), behaviour);
        } else if (request instanceof CancelSm cancel) {
            write(cancel(cancel, behaviour), behaviour);
        } else if (request instanceof ReplaceSm replace) {
            write(replace(replace, behaviour), behaviour);
        } else if (request instanceof DeliverSm || request instanceof Outbind || request instanceof AlertNotification) {
            // SMPP 3.4 §2.3: these flow from the SMSC to the ESME only (reliability.md A14).
            write(request.reject(CommandStatus.ESME_RINVBNDSTS), behaviour);
        } else {
            write(request.reject(CommandStatus.ESME_RINVCMDID), behaviour);
        }
    }

    private void onBind(Bind bind, CarrierBehaviour behaviour) {
        Faults faults = behaviour.faults();
        if (bound) {
            write(bind.reject(CommandStatus.ESME_RALYBND), behaviour);
            return;
        }
        if (faults.ignoreBinds()) {
            log.info("[{}] bind ignored (black hole) system_id={}", carrier.name(), bind.systemId());
            return;
        }
        if (faults.refuseBinds().isPresent()) {
            refuse(bind, CommandStatus.of(faults.refuseBinds().getAsInt()), behaviour);
            return;
        }
        if (!carrier.authenticates(bind.systemId(), bind.password())) {
            // One uniform code for a wrong system_id and a wrong password (reliability.md A16).
            refuse(bind, CommandStatus.ESME_RINVPASWD, behaviour);
            return;
        }
        systemId = bind.systemId();
        bindType = bind.bindType();
        bound = true;
        if (bindType.canReceive()) {
            carrier.receivers.add(this);
        }
        carrier.counters.bindAccepted();
        InterfaceVersion version = bind.interfaceVersion().isAtLeast50() ? InterfaceVersion.V50 : InterfaceVersion.V34;
        write(BindResp.ok(bindType, bind.sequenceNumber(), carrierSystemId(), version), behaviour);
        log.info("{} bound bind_type={} interface_version={}", tag(), bindType, bind.interfaceVersion());
        if (bindType.canReceive()) {
            // After receivers.add: a deliver_sm dispatched from now on finds this session, and the queue lock
            // orders this drain against one that found no receiver a moment ago.
            List<PendingDelivery> waiting = carrier.drainWaiting(systemId);
            if (!waiting.isEmpty()) {
                log.info("{} delivering waiting deliver_sm={}", tag(), waiting.size());
            }
            for (PendingDelivery delivery : waiting) {
                deliver(delivery);
            }
        }
        startStorm(faults.enquireLinkStorm());
    }

    private String carrierSystemId() {
        String name = carrier.name();
        return name.length() <= 15 ? name : name.substring(0, 15);
    }

    private void refuse(Bind bind, CommandStatus status, CarrierBehaviour behaviour) {
        carrier.counters.bindRefused();
        log.info("[{}] bind refused system_id={} status={}", carrier.name(), bind.systemId(), status);
        BindResp refusal = bind.reject(status);
        carrier.counters.pduSent(refusal.commandId().code(), status.code());
        ctx.writeAndFlush(refusal).addListener(future -> ctx.close());
    }

    private void startStorm(double perSecond) {
        if (perSecond <= 0) {
            return;
        }
        long period = Math.max(1, (long) (1e9 / perSecond));
        storm = ctx.executor().scheduleAtFixedRate(() -> {
            if (isActive()) {
                sendRequest(new EnquireLink(nextSequence()));
            }
        }, period, period, TimeUnit.NANOSECONDS);
    }

    private void onSubmit(Request request, Address source, Address destination, int esmClass, int registeredDelivery,
            OctetString text, Tlvs tlvs, long now, CarrierBehaviour behaviour) {
        if (!admitted(request, now, behaviour)) {
            return;
        }
        Optional<ErrorRule> injected = behaviour.errors().isEmpty() ? Optional.empty()
                : behaviour.injectedError(destination.address(), random);
        if (injected.isPresent()) {
            respond(injectedReply(request, injected.get()), behaviour.effectiveResponseLatency().sampleNanos(random),
                    behaviour);
            return;
        }
        accept(request, source, List.of(destination), List.of(), esmClass, registeredDelivery, text, tlvs, now,
                behaviour);
    }

    /**
     * submit_multi (SMPP 3.4 §4.5): each SME destination the error rules refuse becomes an unsuccess_sme with the
     * rule's status (§4.5.2.1) and the others are accepted under one message_id; a generic_nack rule refuses the
     * whole PDU, and when every destination is refused the request fails with the first refusal's status.
     * A distribution list (dest_flag 2) has no address to refuse or count and is accepted as such.
     */
    private void onSubmitMulti(SubmitMulti multi, long now, CarrierBehaviour behaviour) {
        if (!admitted(multi, now, behaviour)) {
            return;
        }
        List<Address> accepted = new ArrayList<>();
        List<UnsuccessfulSme> refused = new ArrayList<>();
        for (DestinationAddress destination : multi.destinations()) {
            if (!(destination instanceof DestinationAddress.Sme sme)) {
                continue;
            }
            Optional<ErrorRule> injected = behaviour.errors().isEmpty() ? Optional.empty()
                    : behaviour.injectedError(sme.address().address(), random);
            if (injected.isEmpty()) {
                accepted.add(sme.address());
            } else if (injected.get().reply() == ErrorRule.Reply.RESPONSE) {
                refused.add(new UnsuccessfulSme(sme.address(), CommandStatus.of(injected.get().commandStatus())));
            } else {
                respond(injectedReply(multi, injected.get()), behaviour.effectiveResponseLatency().sampleNanos(random),
                        behaviour);
                return;
            }
        }
        if (accepted.isEmpty() && !refused.isEmpty()) {
            respond(multi.reject(refused.get(0).errorStatusCode()),
                    behaviour.effectiveResponseLatency().sampleNanos(random), behaviour);
            return;
        }
        if (accepted.isEmpty()) {
            accepted.add(Address.EMPTY);  // distribution lists only: one message, to no address we know
        }
        accept(multi, multi.source(), accepted, refused, multi.esmClass(), multi.registeredDelivery(),
                multi.shortMessage(), multi.tlvs(), now, behaviour);
    }

    /** The window limit and the TPS limits; a request over one is answered here and {@code false} returned. */
    private boolean admitted(Request request, long now, CarrierBehaviour behaviour) {
        int windowLimit = behaviour.windowLimit();
        if (windowLimit > 0 && outstanding >= windowLimit) {
            write(request.reject(CommandStatus.ESME_RMSGQFUL), behaviour);
            return false;
        }
        int perBind = behaviour.throttle().tpsPerBind();
        int burst = behaviour.throttle().burst();
        if (perBind > 0) {
            if (bindLimiter == null || !bindLimiter.matches(perBind, burst)) {
                bindLimiter = new RateLimiter(perBind, burst, now);
            }
            if (!bindLimiter.tryAcquire(now)) {
                write(request.reject(CommandStatus.ESME_RTHROTTLED), behaviour);
                return false;
            }
        }
        int perSystemId = behaviour.throttle().tpsPerSystemId();
        if (perSystemId > 0 && !carrier.systemIdLimiter(systemId, perSystemId, burst, now).tryAcquire(now)) {
            write(request.reject(CommandStatus.ESME_RTHROTTLED), behaviour);
            return false;
        }
        return true;
    }

    private static Response injectedReply(Request request, ErrorRule rule) {
        CommandStatus status = CommandStatus.of(rule.commandStatus());
        return switch (rule.reply()) {
            case RESPONSE -> request.reject(status);
            case GENERIC_NACK -> new GenericNack(request.sequenceNumber(), status);
            case GENERIC_NACK_WITHOUT_SEQUENCE -> new GenericNack(0, status);
        };
    }

    /**
     * Accepts a message for {@code destinations} (one, or a submit_multi's accepted ones): issues its message_id,
     * stores and counts it, answers, and schedules a receipt per destination as the behaviour says.
     */
    private void accept(Request request, Address source, List<Address> destinations, List<UnsuccessfulSme> refused,
            int esmClass, int registeredDelivery, OctetString text, Tlvs tlvs, long now, CarrierBehaviour behaviour) {
        int windowLimit = behaviour.windowLimit();
        long id = carrier.nextMessageId.getAndIncrement();
        String messageId = behaviour.messageId().format(id);
        long submitMillis = carrier.clock.millis();
        carrier.store.put(id, submitMillis);
        for (Address destination : destinations) {
            carrier.counters.messagePartReceived(part(source, destination, esmClass, text, tlvs), now);
        }

        Tlvs responseTlvs = behaviour.congestionState()
                ? Tlvs.of(new Tlv.CongestionState(congestion(windowLimit)))
                : Tlvs.EMPTY;
        Response accepted = accepted(request, messageId, refused, responseTlvs);
        long responseDelay = behaviour.effectiveResponseLatency().sampleNanos(random);

        ReceiptBehaviour receipts = behaviour.receipts();
        if (!receipts.enabled()) {
            respond(accepted, responseDelay, behaviour);
        } else {
            List<Receipt> early = new ArrayList<>(1);
            List<Receipt> late = new ArrayList<>(1);
            for (Address destination : destinations) {
                ReceiptStatus status = receipts.statusMix().pick(random);
                boolean wanted = wantsReceipt(registeredDelivery, status);
                Receipt receipt = new Receipt(id, submitMillis, source, destination, text, status);
                if (wanted && receipts.beforeResponse() > 0 && random.nextDouble() < receipts.beforeResponse()) {
                    early.add(receipt);
                } else if (wanted) {
                    late.add(receipt);
                }
            }
            for (Receipt receipt : early) {
                // Reliability.md B12: the receipt is written before the submit_sm_resp it belongs to.
                scheduleReceipts(receipt, 0, behaviour);
            }
            // Written before the later receipts, so that with zero delays they still follow it on the wire.
            respond(accepted, responseDelay, behaviour);
            for (Receipt receipt : late) {
                scheduleReceipts(receipt, responseDelay + receiptDelay(behaviour), behaviour);
            }
            if (receipts.unknownId() > 0 && random.nextDouble() < receipts.unknownId()) {
                // An id this carrier never issued: the top of the id space, far above the counter.
                long unknown = Long.MAX_VALUE - random.nextLong(1L << 40);
                Receipt orphan = new Receipt(unknown, submitMillis, source, destinations.get(0), text,
                        ReceiptStatus.DELIVRD);
                scheduleReceipt(orphan, ReceiptStatus.DELIVRD, responseDelay + receiptDelay(behaviour), behaviour);
            }
        }

        submits++;
        long unbindAfter = behaviour.faults().unbindAfterSubmits();
        if (unbindAfter > 0 && submits == unbindAfter) {
            log.info("{} sending unbind after submits={} (fault)", tag(), submits);
            sendRequest(new Unbind(nextSequence()));
        }
    }

    /**
     * The submit's message with its concatenation facts: the SAR TLVs (SMPP 3.4 §5.3.2.22–24), or a UDH
     * concatenation IE when esm_class has UDHI (0x40); otherwise a single part.
     */
    private static MessagePart part(Address source, Address destination, int esmClass, OctetString text, Tlvs tlvs) {
        Optional<Sar> sar = tlvs.sar();
        if (sar.isPresent()) {
            return new MessagePart(source.address(), destination.address(), text, tlvs.userMessageReference(),
                    sar.get().referenceNumber(), sar.get().totalSegments(), sar.get().segmentSeqnum());
        }
        if ((esmClass & ESM_CLASS_UDHI) != 0
                && UserDataHeader.parse(text) instanceof UserDataHeader.Parsed parsed
                && parsed.header().concatenated().isPresent()) {
            Concatenated concatenated = parsed.header().concatenated().get();
            return new MessagePart(source.address(), destination.address(), text.slice(parsed.length(), text.length()),
                    tlvs.userMessageReference(), concatenated.reference(), concatenated.total(),
                    concatenated.sequence());
        }
        return new MessagePart(source.address(), destination.address(), text, tlvs.userMessageReference(), 0, 1, 1);
    }

    private static Response accepted(Request request, String messageId, List<UnsuccessfulSme> refused, Tlvs tlvs) {
        if (request instanceof DataSm) {
            return new DataSmResp(request.sequenceNumber(), CommandStatus.ESME_ROK, messageId, tlvs);
        }
        if (request instanceof SubmitMulti) {
            return new SubmitMultiResp(request.sequenceNumber(), CommandStatus.ESME_ROK, messageId, refused, tlvs);
        }
        return new SubmitSmResp(request.sequenceNumber(), CommandStatus.ESME_ROK, messageId, tlvs);
    }

    /** SMPP 5.0 §4.8.4.19: 0 idle … 100 fully congested; here the share of the window in use. */
    private int congestion(int windowLimit) {
        if (windowLimit <= 0) {
            return Math.min(99, outstanding);
        }
        return Math.min(100, outstanding * 100 / windowLimit);
    }

    /** registered_delivery bits 0–1 (SMPP 3.4 §5.2.17): 1 always, 2 on failure only, 3 on success only (5.0). */
    private static boolean wantsReceipt(int registeredDelivery, ReceiptStatus status) {
        return switch (registeredDelivery & 0x03) {
            case 1 -> true;
            case 2 -> status != ReceiptStatus.DELIVRD;
            case 3 -> status == ReceiptStatus.DELIVRD;
            default -> false;
        };
    }

    private long receiptDelay(CarrierBehaviour behaviour) {
        long delay = behaviour.receipts().delay().sampleNanos(random);
        double slowDown = behaviour.faults().slowDown();
        return slowDown == 1.0 ? delay : (long) (delay * slowDown);
    }

    private static io.smsgate.simulator.behaviour.MessageIdFormat receiptIdFormat(CarrierBehaviour behaviour) {
        return behaviour.receipts().idFormat().orElse(behaviour.messageId());
    }

    /** What a receipt needs to know about its message. */
    private record Receipt(long id, long submitMillis, Address source, Address destination, OctetString text,
            ReceiptStatus status) {
    }

    private void scheduleReceipts(Receipt receipt, long delay, CarrierBehaviour behaviour) {
        ReceiptBehaviour receipts = behaviour.receipts();
        if (receipts.enroute() > 0 && random.nextDouble() < receipts.enroute()) {
            scheduleReceipt(receipt, ReceiptStatus.ENROUTE, delay / 2, behaviour);
        }
        scheduleReceipt(receipt, receipt.status(), delay, behaviour);
        if (receipts.duplicate() > 0 && random.nextDouble() < receipts.duplicate()) {
            scheduleReceipt(receipt, receipt.status(), delay, behaviour);
        }
    }

    private void scheduleReceipt(Receipt receipt, ReceiptStatus status, long delayNanos, CarrierBehaviour behaviour) {
        Runnable send = () -> sendReceipt(receipt, status, behaviour);
        if (delayNanos <= 0) {
            send.run();
        } else {
            ctx.executor().schedule(send, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void sendReceipt(Receipt receipt, ReceiptStatus status, CarrierBehaviour behaviour) {
        long doneMillis = carrier.clock.millis();
        if (!carrier.store.receipt(receipt.id(), status, doneMillis)) {
            return;  // cancel_sm won the race: a cancelled message gets no receipt.
        }
        ReceiptBehaviour receipts = behaviour.receipts();
        String receiptId = receiptIdFormat(behaviour).format(receipt.id());
        OctetString shortMessage = OctetString.EMPTY;
        if (receipts.encoding() != ReceiptBehaviour.Encoding.TLV) {
            int quoted = Math.min(receipt.text().length(), 20);
            String original = receipt.text().slice(0, quoted).decode(StandardCharsets.ISO_8859_1);
            shortMessage = ReceiptText.octets(ReceiptText.format(receiptId, status, receipt.submitMillis(), doneMillis,
                    receipts.dateFormat(), original, dates));
        }
        Tlvs tlvs = receipts.encoding() == ReceiptBehaviour.Encoding.TEXT ? Tlvs.EMPTY
                : Tlvs.of(new Tlv.ReceiptedMessageId(receiptId),
                        new Tlv.MessageStateTlv(MessageState.of(status.messageState())));
        // The receipt travels back: from the handset (the submit's destination) to the ESME's source.
        ShortMessage body = new ShortMessage("", receipt.destination(), receipt.source(), ESM_CLASS_DELIVERY_RECEIPT,
                0, 0, "", "", 0, 0, 0, 0, shortMessage);
        PendingDelivery delivery = carrier.pending(new DeliverSm(0, body, tlvs), true, ctx.executor().ticker().nanoTime());
        Optional<SmscSessionHandler> target = carrier.receiverFor(systemId, this, receipts.onDifferentBind());
        if (target.isPresent()) {
            target.get().deliverFromAnyThread(delivery);
        } else {
            carrier.dispatch(systemId, delivery);  // waits for the next receiver bind of this system_id
        }
    }

    /** Sends a deliver_sm (receipt or MO) on this session from any thread. */
    void deliverFromAnyThread(PendingDelivery delivery) {
        ChannelHandlerContext context = ctx;
        if (context.executor().inEventLoop()) {
            deliver(delivery);
        } else {
            context.executor().execute(() -> deliver(delivery));
        }
    }

    /**
     * Sends a deliver_sm (receipt or MO) on this session, numbering it; runs on this session's loop. A session
     * that lost its connection or its receiver bind meanwhile hands it back to the carrier.
     */
    void deliver(PendingDelivery delivery) {
        if (!isActive() || !canReceive()) {
            carrier.dispatch(systemId, delivery);
            return;
        }
        DeliverSm numbered = delivery.deliver.withSequenceNumber(nextSequence());
        pendingDeliveries.put(numbered.sequenceNumber(), delivery);
        sendRequest(numbered);
        boolean resend = delivery.sends++ > 0;
        if (delivery.receipt) {
            if (resend) {
                carrier.counters.receiptResent();
            } else {
                carrier.counters.receiptSent();
            }
        } else if (resend) {
            carrier.counters.moResent();
        } else {
            carrier.counters.moSent();
        }
    }

    private void sendRequest(Request request) {
        carrier.counters.pduSent(request.commandId().code(), 0);
        ctx.writeAndFlush(request, ctx.voidPromise());
    }

    private int nextSequence() {
        int sequence = nextSequence;
        nextSequence = sequence == 0x7FFF_FFFF ? 1 : sequence + 1;
        return sequence;
    }

    private void onResponse(Response response) {
        if (response instanceof DeliverSmResp || response instanceof GenericNack) {
            PendingDelivery delivery = pendingDeliveries.remove(response.sequenceNumber());
            if (delivery != null) {
                answered(delivery, response.commandStatus());
            }
        } else if (response instanceof UnbindResp) {
            bound = false;
            ctx.close();
        }
    }

    /**
     * ESME_ROK ends the delivery; a temporary error (SMPP 3.4 §5.1.3: ESME_RX_T_APPN, ESME_RMSGQFUL,
     * ESME_RTHROTTLED) retries it after the configured delay until the attempts run out; anything else is
     * permanent and drops it.
     */
    private void answered(PendingDelivery delivery, CommandStatus status) {
        int code = status.code();
        if (delivery.receipt) {
            carrier.counters.receiptAnswered(code);
        } else {
            carrier.counters.moAnswered(code);
        }
        if (code == CommandStatus.ESME_ROK.code()) {
            return;
        }
        if (!isTemporary(code)) {
            carrier.dropped(delivery, DropReason.PERMANENT_ERROR);
            return;
        }
        Redelivery redelivery = carrier.control.current().receipts().redelivery();
        delivery.temporaryErrors++;
        if (delivery.temporaryErrors >= redelivery.maxAttempts()) {
            log.debug("{} deliver_sm dropped after temporary errors={}", tag(), delivery.temporaryErrors);
            carrier.dropped(delivery, DropReason.ATTEMPTS_EXHAUSTED);
            return;
        }
        String owner = systemId;
        long delayNanos = redelivery.retryDelay().toNanos();
        if (delayNanos == 0) {
            carrier.dispatch(owner, delivery);
        } else {
            ctx.executor().schedule(() -> carrier.dispatch(owner, delivery), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    static boolean isTemporary(int commandStatus) {
        return commandStatus == CommandStatus.ESME_RX_T_APPN.code()
                || commandStatus == CommandStatus.ESME_RMSGQFUL.code()
                || commandStatus == CommandStatus.ESME_RTHROTTLED.code();
    }

    private QuerySmResp query(QuerySm query, CarrierBehaviour behaviour) {
        Optional<MessageStore.Entry> stored = id(query.messageId(), behaviour)
                .flatMap(id -> carrier.store.find(id, carrier.clock.millis()));
        if (stored.isEmpty()) {
            return QuerySmResp.error(query.sequenceNumber(), CommandStatus.ESME_RQUERYFAIL);
        }
        MessageState state = stored.get().state();
        String finalDate = state.isFinal()
                ? FINAL_DATE.format(Instant.ofEpochMilli(stored.get().doneMillis())) + "000+"
                : "";
        return new QuerySmResp(query.sequenceNumber(), CommandStatus.ESME_ROK, query.messageId(), finalDate, state, 0);
    }

    private CancelSmResp cancel(CancelSm cancel, CarrierBehaviour behaviour) {
        long nowMillis = carrier.clock.millis();
        boolean cancelled = id(cancel.messageId(), behaviour)
                .filter(id -> carrier.store.cancel(id, nowMillis))
                .isPresent();
        return cancelled ? new CancelSmResp(cancel.sequenceNumber())
                : new CancelSmResp(cancel.sequenceNumber(), CommandStatus.ESME_RCANCELFAIL);
    }

    private ReplaceSmResp replace(ReplaceSm replace, CarrierBehaviour behaviour) {
        long nowMillis = carrier.clock.millis();
        if (id(replace.messageId(), behaviour).filter(id -> carrier.store.replaceable(id, nowMillis)).isEmpty()) {
            return new ReplaceSmResp(replace.sequenceNumber(), CommandStatus.ESME_RREPLACEFAIL);
        }
        return new ReplaceSmResp(replace.sequenceNumber());
    }

    /** This carrier's numeric id of {@code messageId}, when it is in the carrier's format. */
    private static Optional<Long> id(String messageId, CarrierBehaviour behaviour) {
        try {
            return Optional.of(behaviour.messageId().parse(messageId));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void respond(Response response, long delayNanos, CarrierBehaviour behaviour) {
        if (delayNanos <= 0) {
            write(response, behaviour);
            return;
        }
        outstanding++;
        ctx.executor().schedule(() -> {
            outstanding--;
            if (isActive() && !carrier.control.current().faults().silent()) {
                write(response, behaviour);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void write(Response response, CarrierBehaviour behaviour) {
        Faults.Malformed malformed = behaviour.faults().malformed();
        if (malformed.fraction() > 0 && random.nextDouble() < malformed.fraction()) {
            carrier.counters.pduSent(malformedCommandId(malformed.kind(), response), response.commandStatus().code());
            ctx.writeAndFlush(malformedBytes(malformed.kind(), response), ctx.voidPromise());
            return;
        }
        carrier.counters.pduSent(response.commandId().code(), response.commandStatus().code());
        ctx.writeAndFlush(response, ctx.voidPromise());
    }

    private static int malformedCommandId(Faults.Malformed.Kind kind, Response response) {
        return kind == Faults.Malformed.Kind.INVALID_COMMAND_ID ? INVALID_COMMAND_ID : response.commandId().code();
    }

    /**
     * The broken PDU a malformed-response fault writes instead of {@code response} (Jasmin's
     * CommandLengthTooShort/TooLong, InvalidCommandId and NonFatalParseError simulators).
     */
    private ByteBuf malformedBytes(Faults.Malformed.Kind kind, Response response) {
        ByteBuf out = ctx.alloc().buffer(20);
        int commandId = response.commandId().code();
        int sequence = response.sequenceNumber();
        switch (kind) {
            case COMMAND_LENGTH_TOO_SHORT -> out.writeInt(8).writeInt(commandId).writeInt(0).writeInt(sequence);
            case COMMAND_LENGTH_TOO_LONG -> out.writeInt(TOO_LONG).writeInt(commandId).writeInt(0).writeInt(sequence);
            case INVALID_COMMAND_ID -> out.writeInt(16).writeInt(INVALID_COMMAND_ID).writeInt(0).writeInt(sequence);
            // A message_id C-string without its terminating NUL: the body ends mid-field.
            case TRUNCATED_BODY -> out.writeInt(20).writeInt(commandId).writeInt(0).writeInt(sequence)
                    .writeBytes(new byte[] {'1', '2', '3', '4'});
        }
        return out;
    }

    /** Drops the connection with a TCP RST (SO_LINGER 0), not a FIN (reliability.md B15). */
    private void reset() {
        log.info("{} resetting connection after requests={} (fault)", tag(), requests);
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.close();
    }
}
