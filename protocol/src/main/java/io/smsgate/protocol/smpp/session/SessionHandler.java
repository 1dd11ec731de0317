package io.smsgate.protocol.smpp.session;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.smsgate.protocol.smpp.pdu.Bind;
import io.smsgate.protocol.smpp.pdu.BindResp;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.CommandId;
import io.smsgate.protocol.smpp.pdu.CommandStatus;
import io.smsgate.protocol.smpp.pdu.EnquireLink;
import io.smsgate.protocol.smpp.pdu.EnquireLinkResp;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.MalformedPdu;
import io.smsgate.protocol.smpp.pdu.Outbind;
import io.smsgate.protocol.smpp.pdu.Pdu;
import io.smsgate.protocol.smpp.pdu.Request;
import io.smsgate.protocol.smpp.pdu.Response;
import io.smsgate.protocol.smpp.pdu.Tlvs;
import io.smsgate.protocol.smpp.pdu.Unbind;
import io.smsgate.protocol.smpp.pdu.UnbindResp;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMPP session over one channel (SMPP 3.4 §2, SMPP 5.0 §2.3–§2.4): the bind state machine, the outbound window
 * with its response timer, enquire_link keep-alive, session_init, inactivity and unbind drain (SMPP 3.4 §7.2).
 *
 * <p>Every field is touched only on the channel's event loop; {@link SmppSession} hops there for calls from other
 * threads. Time is the loop's ticker, so {@code EmbeddedChannel.advanceTimeBy} drives every timer in tests. Futures
 * of our requests complete on the event loop: their callbacks must not block.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "smpp-session";

    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);

    /**
     * Checklist A25: an ESME's enquire_link are answered up to a burst of this many, refilled at one per
     * {@link #ENQUIRE_LINK_REFILL_NANOS} (10 a second); an ESME beyond that is storming, and its session closes.
     * A well-behaved ESME sends one every 30 to 60 seconds.
     */
    private static final int ENQUIRE_LINK_BURST = 20;
    private static final long ENQUIRE_LINK_REFILL_NANOS = 100_000_000L;
    /**
     * Checklist B9: a generic_nack with sequence_number 0 answers a PDU the peer could not read and fails nothing
     * we can name; this many in a row, with no matched response between them, mean the peer cannot read our
     * stream, and the session is reset.
     */
    private static final int UNCORRELATED_NACK_LIMIT = 3;
    /** How long the connection stays open after our unbind_resp for the peer to close it (see finishPeerUnbind). */
    private static final long UNBIND_LINGER_NANOS = 1_000_000_000L;
    private static final int MAX_SEQUENCE_NUMBER = 0x7FFFFFFF;

    private final SessionRole role;
    private final SessionConfig config;
    private final SessionListener listener;
    private final Optional<Authenticator> authenticator;
    private final String localSystemId;
    private final SmppSession session;
    private final Window window;
    private final long responseTimeoutNanos;
    private final long enquireLinkNanos;
    private final long inactivityNanos;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Runnable expiryTask = this::expire;
    private final Runnable keepAliveTask = this::keepAlive;
    /**
     * Answers completed on another thread, waiting for {@link #takeAnswers}. A Journal completion thread completes a
     * committed batch's answers one after another: they go out in one task on the loop and one flush, not in a task
     * (and a flush) each.
     */
    private final Queue<PendingAnswer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean answersScheduled = new AtomicBoolean();
    private final Runnable takeAnswers = this::takeAnswers;

    private RequestHandler requestHandler;
    private ChannelHandlerContext ctx;
    private String shortId = "--------";
    private volatile String tag = "[- --------]";
    private volatile SessionState state = SessionState.OPEN;
    private volatile BindType bindType;
    private volatile String systemId = "";
    private volatile InterfaceVersion interfaceVersion = InterfaceVersion.V34;
    private volatile int outstanding;

    private boolean started;
    private int nextSequence = 1;
    private int inboundPending;
    private long lastReadNanos;
    private boolean bindInProgress;
    private boolean enquireLinkOutstanding;
    private boolean sendRefused;
    private boolean localUnbind;
    private boolean unbindSent;
    private boolean peerUnbindPending;
    private boolean peerUnbindAnswered;
    private int peerUnbindSequence;
    private ScheduledFuture<?> expiryTimer;
    private long expiryAt;
    private ScheduledFuture<?> keepAliveTimer;
    private ScheduledFuture<?> sessionInitTimer;
    private ScheduledFuture<?> unbindTimer;
    private int enquireLinkTokens = ENQUIRE_LINK_BURST;
    private long enquireLinkRefilledAt;
    private int uncorrelatedNacks;

    private SessionHandler(SessionRole role, SessionConfig config, SessionListener listener,
            Optional<Authenticator> authenticator, String localSystemId, RequestHandler requestHandler) {
        this.role = role;
        this.config = config;
        this.listener = listener;
        this.authenticator = authenticator;
        this.localSystemId = localSystemId;
        this.requestHandler = requestHandler;
        this.window = new Window(config.window().maxOutstanding());
        this.responseTimeoutNanos = config.window().responseTimeout().toNanos();
        this.enquireLinkNanos = config.enquireLinkInterval().toNanos();
        this.inactivityNanos = config.inactivityTimeout().toNanos();
        this.session = new SmppSession(this);
    }

    /** The MC end: binds are decided by {@code authenticator}; bind_resp names us {@code localSystemId}. */
    static SessionHandler mc(SessionConfig config, SessionListener listener, Authenticator authenticator,
            String localSystemId) {
        return new SessionHandler(SessionRole.MC, config, listener, Optional.of(authenticator), localSystemId,
                (s, r) -> CompletableFuture.completedFuture(r.reject(CommandStatus.ESME_RINVBNDSTS)));
    }

    /** The ESME end: the peer's requests (deliver_sm, data_sm, alert_notification) go to {@code handler}. */
    static SessionHandler esme(SessionConfig config, SessionListener listener, RequestHandler handler) {
        return new SessionHandler(SessionRole.ESME, config, listener, Optional.empty(), "", handler);
    }

    SmppSession session() {
        return session;
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.shortId = ctx.channel().id().asShortText();
        this.tag = "[- " + shortId + "]";
        if (ctx.channel().isActive()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start();
        ctx.fireChannelActive();
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        lastReadNanos = now();
        enquireLinkRefilledAt = lastReadNanos;
        if (role == SessionRole.MC) {
            sessionInitTimer = ctx.executor().schedule(this::sessionInitExpired,
                    config.sessionInitTimeout().toNanos(), NANOSECONDS);
        }
        log.debug("{} connected role={} remote={}", tag, role, ctx.channel().remoteAddress());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeDown();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        closeDown();
    }

    private void closeDown() {
        if (state == SessionState.CLOSED) {
            return;
        }
        SessionState previous = state;
        state = SessionState.CLOSED;
        cancel(expiryTimer);
        cancel(keepAliveTimer);
        cancel(sessionInitTimer);
        cancel(unbindTimer);
        int failed = 0;
        for (int i = 0; i < window.capacity(); i++) {
            if (window.isTaken(i)) {
                CommandId command = window.command(i);
                int sequenceNumber = window.sequenceNumber(i);
                CompletableFuture<Response> future = window.remove(i);
                future.completeExceptionally(new SessionException(SessionException.Reason.CLOSED,
                        command + " sequence_number=" + sequenceNumber + ": connection closed before the response"));
                failed++;
            }
        }
        outstanding = 0;
        log.info("{} closed previous_state={} unanswered={} remote={}", tag, previous, failed,
                ctx.channel().remoteAddress());
        listener.stateChanged(session, previous, SessionState.CLOSED);
        closed.complete(null);
    }

    // ---- inbound ---------------------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Pdu pdu) {
            lastReadNanos = now();
            if (log.isDebugEnabled()) {
                log.debug("{} received {}", tag, pdu);
            }
            if (pdu instanceof Response response) {
                onResponse(response);
            } else {
                onRequest((Request) pdu);
            }
        } else if (msg instanceof MalformedPdu malformed) {
            lastReadNanos = now();
            log.debug("{} received {}", tag, malformed);
            listener.malformedReceived(session, malformed);
            malformed.reply().ifPresent(this::write);
            if ((malformed.commandId() & CommandId.RESPONSE_BIT) != 0) {
                onMalformedResponse(malformed);
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onResponse(Response response) {
        int slot = window.find(response.sequenceNumber());
        if (slot < 0 || !answers(window.command(slot), response.commandId())) {
            // SMPP 3.4 §4.3: a response, and above all a generic_nack, is never answered; late answers after a
            // timeout land here too.
            log.debug("{} unmatched response {}", tag, response);
            listener.unmatchedResponse(session, response);
            if (response.commandId() == CommandId.GENERIC_NACK && response.sequenceNumber() == 0
                    && ++uncorrelatedNacks >= UNCORRELATED_NACK_LIMIT) {
                log.info("{} generic_nack without sequence_number count={} status={}, resetting the session "
                        + "remote={}", tag, uncorrelatedNacks, response.commandStatus(), ctx.channel().remoteAddress());
                ctx.close();
            }
            return;
        }
        uncorrelatedNacks = 0;
        CommandId command = window.command(slot);
        long elapsed = now() - window.sentAt(slot);
        CompletableFuture<Response> future = window.remove(slot);
        outstanding = window.outstanding();
        listener.outboundCompleted(session, command, response.commandStatus(), elapsed);
        future.complete(response);
        slotFreed();
    }

    /**
     * A response whose body could not be read still answers its request: the request fails now with
     * {@link SessionException.Reason#MALFORMED_RESPONSE} rather than waiting for its response timeout.
     */
    private void onMalformedResponse(MalformedPdu malformed) {
        int slot = window.find(malformed.sequenceNumber());
        CommandId responseId = malformed.command().orElse(null);
        if (slot < 0 || responseId == null || !answers(window.command(slot), responseId)) {
            return;
        }
        CommandId command = window.command(slot);
        long elapsed = now() - window.sentAt(slot);
        CompletableFuture<Response> future = window.remove(slot);
        outstanding = window.outstanding();
        listener.outboundCompleted(session, command, malformed.status(), elapsed);
        future.completeExceptionally(new SessionException(SessionException.Reason.MALFORMED_RESPONSE,
                command + " sequence_number=" + malformed.sequenceNumber() + ": malformed response: "
                        + malformed.reason()));
        slotFreed();
    }

    private static boolean answers(CommandId request, CommandId response) {
        return response == CommandId.GENERIC_NACK || request.response().orElse(null) == response;
    }

    private void onRequest(Request request) {
        CommandStatus verdict = OperationMatrix.admit(role.peer(), state, request.commandId());
        if (!verdict.isOk()) {
            refuse(request, verdict);
            if (role == SessionRole.MC && state == SessionState.OPEN) {
                // Checklist A12: a non-bind request before bind is answered, then the connection closes.
                log.info("{} request before bind command={} remote={}, closing", tag, request.commandId(),
                        ctx.channel().remoteAddress());
                ctx.flush();
                ctx.close();
            }
            return;
        }
        if (request instanceof EnquireLink) {
            // Only our clients are held to it: a carrier's storm is answered (Checklist B22), its binds are ours.
            if (role == SessionRole.MC && !takeEnquireLinkToken()) {
                log.info("{} enquire_link storm over {} a second, closing remote={}", tag,
                        1_000_000_000L / ENQUIRE_LINK_REFILL_NANOS, ctx.channel().remoteAddress());
                ctx.close();
                return;
            }
            write(new EnquireLinkResp(request.sequenceNumber()));
            listener.inboundCompleted(session, CommandId.ENQUIRE_LINK, CommandStatus.ESME_ROK, 0);
        } else if (request instanceof Bind bind) {
            onBind(bind);
        } else if (request instanceof Unbind unbind) {
            onPeerUnbind(unbind);
        } else if (request instanceof Outbind outbind) {
            onOutbind(outbind);
        } else {
            dispatch(request);
        }
    }

    /** The enquire_link token bucket (Checklist A25), on the loop's clock. */
    private boolean takeEnquireLinkToken() {
        long now = now();
        long refills = (now - enquireLinkRefilledAt) / ENQUIRE_LINK_REFILL_NANOS;
        if (refills > 0) {
            enquireLinkTokens = (int) Math.min(ENQUIRE_LINK_BURST, enquireLinkTokens + refills);
            enquireLinkRefilledAt += refills * ENQUIRE_LINK_REFILL_NANOS;
        }
        if (enquireLinkTokens == 0) {
            return false;
        }
        enquireLinkTokens--;
        return true;
    }

    private void refuse(Request request, CommandStatus status) {
        log.debug("{} refused command={} sequence_number={} state={} status={}", tag, request.commandId(),
                request.sequenceNumber(), state, status);
        write(request.reject(status));
        listener.inboundCompleted(session, request.commandId(), status, 0);
    }

    private void dispatch(Request request) {
        if (request.commandId().response().isEmpty()) {
            // alert_notification (SMPP 3.4 §4.12) has no response: the handler sees it, nothing is written.
            try {
                requestHandler.onRequest(session, request);
            } catch (RuntimeException e) {
                log.error("{} request handler failed command={}", tag, request.commandId(), e);
            }
            return;
        }
        if (inboundPending >= config.maxInboundPending()) {
            refuse(request, CommandStatus.ESME_RTHROTTLED);
            return;
        }
        inboundPending++;
        long start = now();
        CompletionStage<Response> stage;
        try {
            stage = requestHandler.onRequest(session, request);
        } catch (RuntimeException e) {
            answer(request, start, null, e);
            return;
        }
        if (stage == null) {
            answer(request, start, null, new IllegalStateException("request handler returned null"));
        } else if (stage instanceof CompletableFuture<Response> done && done.isDone()) {
            // the synchronous answer: no callback, no hop
            Response response;
            try {
                response = done.join();
            } catch (CompletionException | CancellationException e) {
                answer(request, start, null, e);
                return;
            }
            answer(request, start, response, null);
        } else {
            stage.whenComplete(new PendingAnswer(request, start));
        }
    }

    /** A request whose answer its handler completes later, on the loop or on another thread. */
    private final class PendingAnswer implements BiConsumer<Response, Throwable> {
        private final Request request;
        private final long start;
        // Written by the completing thread before the answer is queued; the queue publishes them to the loop.
        private Response response;
        private Throwable error;

        PendingAnswer(Request request, long start) {
            this.request = request;
            this.start = start;
        }

        @Override
        public void accept(Response response, Throwable error) {
            if (ctx.executor().inEventLoop()) {
                answer(request, start, response, error);
                return;
            }
            this.response = response;
            this.error = error;
            answers.add(this);
            if (!answersScheduled.get() && answersScheduled.compareAndSet(false, true)) {
                onLoop(takeAnswers);
            }
        }
    }

    /** Writes every answer queued from other threads, then flushes once. */
    private void takeAnswers() {
        // Reset before taking: an answer queued after the last poll schedules the next task.
        answersScheduled.set(false);
        for (PendingAnswer pending = answers.poll(); pending != null; pending = answers.poll()) {
            answer(pending.request, pending.start, pending.response, pending.error, false);
        }
        ctx.flush();
    }

    private void answer(Request request, long start, Response response, Throwable error) {
        answer(request, start, response, error, true);
    }

    /** @param flush whether to flush the answer now; {@link #takeAnswers} flushes once after the last one */
    private void answer(Request request, long start, Response response, Throwable error, boolean flush) {
        inboundPending--;
        if (state == SessionState.CLOSED) {
            log.debug("{} answer dropped, connection closed command={} sequence_number={}", tag,
                    request.commandId(), request.sequenceNumber());
            return;
        }
        Response out = response;
        if (error != null) {
            log.error("{} request handler failed command={} sequence_number={}", tag, request.commandId(),
                    request.sequenceNumber(), error);
            out = request.reject(CommandStatus.ESME_RSYSERR);
        } else if (response == null || response.sequenceNumber() != request.sequenceNumber()
                || !answers(request.commandId(), response.commandId())) {
            log.error("{} request handler answered command={} sequence_number={} with {}", tag,
                    request.commandId(), request.sequenceNumber(), response);
            out = request.reject(CommandStatus.ESME_RSYSERR);
        }
        if (flush) {
            write(out);
        } else {
            writeUnflushed(out);
        }
        listener.inboundCompleted(session, request.commandId(), out.commandStatus(), now() - start);
        if (peerUnbindPending && inboundPending == 0) {
            finishPeerUnbind();
        } else if (localUnbind) {
            drainStep();
        }
    }

    // ---- bind --------------------------------------------------------------------------------------------------

    private void onBind(Bind bind) {
        if (bindInProgress) {
            refuse(bind, CommandStatus.ESME_RALYBND);
            return;
        }
        bindInProgress = true;
        CompletionStage<BindDecision> stage;
        try {
            stage = authenticator.orElseThrow().authenticate(session, bind);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((decision, error) -> onLoop(() -> decided(bind, decision, error)));
    }

    private void decided(Bind bind, BindDecision decision, Throwable error) {
        bindInProgress = false;
        if (state != SessionState.OPEN) {
            return; // closed while the account check ran
        }
        BindDecision outcome = decision;
        if (error != null || decision == null) {
            log.error("{} authenticator failed system_id={} remote={}", tag, bind.systemId(),
                    ctx.channel().remoteAddress(), error);
            outcome = BindDecision.reject(CommandStatus.ESME_RBINDFAIL);
        }
        if (outcome instanceof BindDecision.Accept accept) {
            requestHandler = accept.handler();
            InterfaceVersion version = negotiate(bind.interfaceVersion());
            // SMPP 3.4 §4.1.2: sc_interface_version only towards a 3.4 or later ESME; a 3.3 ESME gets no TLVs.
            write(version.code() < InterfaceVersion.V34.code()
                    ? new BindResp(bind.sequenceNumber(), bind.bindType(), CommandStatus.ESME_ROK, localSystemId,
                            Tlvs.EMPTY)
                    : BindResp.ok(bind.bindType(), bind.sequenceNumber(), localSystemId, version));
            listener.inboundCompleted(session, bind.commandId(), CommandStatus.ESME_ROK, 0);
            becomeBound(bind.systemId(), bind.bindType(), version);
        } else if (outcome instanceof BindDecision.Reject reject) {
            log.info("{} bind rejected system_id={} bind_type={} status={} remote={}", tag, bind.systemId(),
                    bind.bindType(), reject.status(), ctx.channel().remoteAddress());
            listener.inboundCompleted(session, bind.commandId(), reject.status(), 0);
            ctx.writeAndFlush(bind.reject(reject.status())).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static InterfaceVersion negotiate(InterfaceVersion offered) {
        if (offered.isAtLeast50()) {
            return InterfaceVersion.V50;
        }
        return offered.code() >= InterfaceVersion.V34.code() ? InterfaceVersion.V34 : offered;
    }

    /** ESME side: sends {@code bind} and completes {@code result} with the bound session or the refusal. */
    void bind(Bind bind, CompletableFuture<SmppSession> result) {
        if ((state != SessionState.OPEN && state != SessionState.OUTBOUND) || bindInProgress
                || role != SessionRole.ESME) {
            result.completeExceptionally(new SessionException(SessionException.Reason.BIND_STATE,
                    "bind: state " + state + (bindInProgress ? " with a bind in progress" : "")
                            + " (expected: OPEN or OUTBOUND on the ESME side)"));
            return;
        }
        bindInProgress = true;
        this.tag = "[" + bind.systemId() + " " + shortId + "]";
        CompletableFuture<Response> answer = new CompletableFuture<>();
        transmit(bind, answer, config.bindTimeout().toNanos(), false);
        answer.whenComplete((response, error) -> bindAnswered(bind, response, error, result));
    }

    private void bindAnswered(Bind bind, Response response, Throwable error, CompletableFuture<SmppSession> result) {
        bindInProgress = false;
        if (error != null) {
            log.info("{} bind failed bind_type={} reason={} remote={}", tag, bind.bindType(), error.getMessage(),
                    ctx.channel().remoteAddress());
            result.completeExceptionally(error);
            ctx.close();
        } else if (response instanceof BindResp ok && ok.isOk() && state != SessionState.CLOSED) {
            // SMPP 3.4 §4.1.2: without sc_interface_version the MC speaks what we offered or less.
            becomeBound(bind.systemId(), bind.bindType(), ok.scInterfaceVersion().orElse(bind.interfaceVersion()));
            result.complete(session);
        } else {
            log.info("{} bind rejected bind_type={} status={} remote={}", tag, bind.bindType(),
                    response.commandStatus(), ctx.channel().remoteAddress());
            result.completeExceptionally(new SessionException(SessionException.Reason.BIND_REJECTED,
                    bind.commandId() + " answered " + response.commandStatus(), response.commandStatus(), null));
            ctx.close();
        }
    }

    private void becomeBound(String boundSystemId, BindType type, InterfaceVersion version) {
        this.systemId = boundSystemId;
        this.bindType = type;
        this.interfaceVersion = version;
        this.tag = "[" + boundSystemId + " " + shortId + "]";
        cancel(sessionInitTimer);
        SessionState previous = state;
        state = SessionState.bound(type);
        log.info("{} bound bind_type={} interface_version={} remote={}", tag, type, version,
                ctx.channel().remoteAddress());
        listener.stateChanged(session, previous, state);
        scheduleKeepAlive(now());
    }

    private void onOutbind(Outbind outbind) {
        SessionState previous = state;
        state = SessionState.OUTBOUND;
        log.info("{} outbind received system_id={} remote={}", tag, outbind.systemId(),
                ctx.channel().remoteAddress());
        listener.stateChanged(session, previous, state);
        listener.outbindReceived(session, outbind);
    }

    private void sessionInitExpired() {
        sessionInitTimer = null;
        if (state == SessionState.OPEN) {
            log.info("{} not bound within session_init_timer timeout_ms={} remote={}, closing", tag,
                    config.sessionInitTimeout().toMillis(), ctx.channel().remoteAddress());
            ctx.close();
        }
    }

    // ---- unbind ------------------------------------------------------------------------------------------------

    private void onPeerUnbind(Unbind unbind) {
        if (peerUnbindPending) {
            write(new UnbindResp(unbind.sequenceNumber()));
            return;
        }
        peerUnbindPending = true;
        peerUnbindSequence = unbind.sequenceNumber();
        enterUnbinding("peer");
        if (inboundPending == 0) {
            finishPeerUnbind();
        } else {
            // Checklist A28: answers to requests already accepted go out before unbind_resp, within a bound.
            cancel(unbindTimer);
            unbindTimer = ctx.executor().schedule(this::finishPeerUnbind, config.unbindTimeout().toNanos(),
                    NANOSECONDS);
        }
    }

    private void finishPeerUnbind() {
        if (peerUnbindAnswered || state == SessionState.CLOSED) {
            return;
        }
        peerUnbindAnswered = true;
        cancel(unbindTimer);
        if (inboundPending > 0) {
            log.info("{} unbind drain timed out, {} requests unanswered", tag, inboundPending);
        }
        if (log.isDebugEnabled()) {
            log.debug("{} sent unbind_resp sequence_number={}", tag, peerUnbindSequence);
        }
        // The unbind's sender closes once it has our unbind_resp; closing first races it: jSMPP, reading the end of
        // stream before it processed the unbind_resp, waits out its whole response timer (jsmpp issue #82). We close
        // only if the peer has not within UNBIND_LINGER.
        ctx.writeAndFlush(new UnbindResp(peerUnbindSequence)).addListener(written -> {
            if (written.isSuccess()) {
                unbindTimer = ctx.executor().schedule(() -> ctx.close(), UNBIND_LINGER_NANOS, NANOSECONDS);
            } else {
                ctx.close();
            }
        });
    }

    /** Starts a graceful unbind: no new requests, outstanding ones drain (bounded), then unbind, then close. */
    void unbind() {
        if (state == SessionState.CLOSED || localUnbind || peerUnbindPending) {
            return;
        }
        if (!state.isBound()) {
            ctx.close();
            return;
        }
        localUnbind = true;
        enterUnbinding("local");
        unbindTimer = ctx.executor().schedule(this::sendUnbind, config.unbindTimeout().toNanos(), NANOSECONDS);
        drainStep();
    }

    private void enterUnbinding(String initiator) {
        if (state == SessionState.UNBINDING) {
            return;
        }
        SessionState previous = state;
        state = SessionState.UNBINDING;
        cancel(keepAliveTimer);
        log.info("{} unbinding initiator={} outstanding={} inbound_pending={} remote={}", tag, initiator,
                window.outstanding(), inboundPending, ctx.channel().remoteAddress());
        listener.stateChanged(session, previous, state);
    }

    private void drainStep() {
        if (localUnbind && !unbindSent && window.outstanding() == 0 && inboundPending == 0) {
            sendUnbind();
        }
    }

    private void sendUnbind() {
        if (unbindSent || state == SessionState.CLOSED) {
            return;
        }
        unbindSent = true;
        cancel(unbindTimer);
        if (window.outstanding() > 0 || inboundPending > 0) {
            log.info("{} unbind drain timed out outstanding={} inbound_pending={}", tag, window.outstanding(),
                    inboundPending);
        }
        CompletableFuture<Response> answer = new CompletableFuture<>();
        transmit(new Unbind(1), answer, responseTimeoutNanos, false);
        answer.whenComplete((response, error) -> ctx.close());
    }

    CompletableFuture<Void> closeFuture() {
        return closed;
    }

    // ---- outbound ----------------------------------------------------------------------------------------------

    /** Sends a request the application asked for, or fails its future at once with the reason it cannot go. */
    void send(Request request, CompletableFuture<Response> future) {
        SessionException refusal = refusal(request);
        if (refusal != null) {
            future.completeExceptionally(refusal);
            return;
        }
        transmit(request, future, responseTimeoutNanos, true);
    }

    private SessionException refusal(Request request) {
        CommandId command = request.commandId();
        if (state == SessionState.CLOSED) {
            return new SessionException(SessionException.Reason.CLOSED, command + ": session closed");
        }
        if (request instanceof Bind || request instanceof Unbind || request instanceof Outbind) {
            return new SessionException(SessionException.Reason.BIND_STATE,
                    command + ": sent by the session itself (use bind() or unbind())");
        }
        CommandStatus verdict = OperationMatrix.admit(role, state, command);
        if (!verdict.isOk()) {
            return new SessionException(SessionException.Reason.BIND_STATE,
                    command + ": not allowed in state " + state + " (SMPP 5.0 §2.4)");
        }
        if (window.isFull()) {
            sendRefused = true;
            return new SessionException(SessionException.Reason.WINDOW_FULL,
                    command + ": window full, max-outstanding=" + window.maxOutstanding());
        }
        if (!ctx.channel().isWritable()) {
            sendRefused = true;
            return new SessionException(SessionException.Reason.NOT_WRITABLE,
                    command + ": channel not writable (peer not reading)");
        }
        return null;
    }

    private void transmit(Request request, CompletableFuture<Response> future, long timeoutNanos,
            boolean countsAgainstWindow) {
        int sequenceNumber = nextSequenceNumber();
        Request stamped = request.sequenceNumber() == sequenceNumber
                ? request : request.withSequenceNumber(sequenceNumber);
        long now = now();
        window.add(sequenceNumber, request.commandId(), future, now, now + timeoutNanos, countsAgainstWindow);
        outstanding = window.outstanding();
        armExpiry(now + timeoutNanos, now);
        write(stamped);
    }

    /** Next sequence_number in 1..0x7FFFFFFF (SMPP 3.4 §5.1.4), skipping any whose window slot is still taken. */
    private int nextSequenceNumber() {
        int candidate = nextSequence;
        while (!window.isFree(candidate)) {
            candidate = candidate == MAX_SEQUENCE_NUMBER ? 1 : candidate + 1;
        }
        nextSequence = candidate == MAX_SEQUENCE_NUMBER ? 1 : candidate + 1;
        return candidate;
    }

    /** Test hook: where the sequence numbers continue. */
    void nextSequenceNumber(int sequenceNumber) {
        this.nextSequence = sequenceNumber;
    }

    private void write(Pdu pdu) {
        writeUnflushed(pdu);
        // FlushConsolidationHandler in the pipeline turns these flushes into one per read burst.
        ctx.flush();
    }

    private void writeUnflushed(Pdu pdu) {
        if (log.isDebugEnabled()) {
            log.debug("{} sent {}", tag, pdu);
        }
        ctx.write(pdu, ctx.voidPromise());
    }

    // ---- response timer ------------------------------------------------------------------------------------

    /** One timer for the whole window, set to the earliest deadline: no scheduled task per request. */
    private void armExpiry(long deadline, long now) {
        if (expiryTimer != null) {
            if (expiryAt - deadline <= 0) {
                return;
            }
            expiryTimer.cancel(false);
        }
        expiryAt = deadline;
        expiryTimer = ctx.executor().schedule(expiryTask, Math.max(0, deadline - now), NANOSECONDS);
    }

    private void expire() {
        expiryTimer = null;
        if (state == SessionState.CLOSED) {
            return;
        }
        long now = now();
        boolean freed = false;
        for (int i = 0; i < window.capacity(); i++) {
            if (window.isTaken(i) && window.deadline(i) - now <= 0) {
                CommandId command = window.command(i);
                int sequenceNumber = window.sequenceNumber(i);
                long elapsed = now - window.sentAt(i);
                CompletableFuture<Response> future = window.remove(i);
                outstanding = window.outstanding();
                freed = true;
                log.debug("{} response timeout command={} sequence_number={} elapsed_ms={}", tag, command,
                        sequenceNumber, elapsed / 1_000_000);
                listener.outboundExpired(session, command, elapsed);
                future.completeExceptionally(new SessionException(SessionException.Reason.RESPONSE_TIMEOUT,
                        command + " sequence_number=" + sequenceNumber + ": no response within "
                                + elapsed / 1_000_000 + " ms"));
            }
        }
        if (window.size() > 0) {
            armExpiry(window.earliestDeadline(), now);
        }
        if (freed) {
            slotFreed();
        }
    }

    private void slotFreed() {
        if (sendRefused && !window.isFull() && ctx.channel().isWritable() && state.isBound()) {
            sendRefused = false;
            listener.readyToSend(session);
        }
        if (localUnbind) {
            drainStep();
        }
    }

    // ---- keep-alive and inactivity -------------------------------------------------------------------------

    private void scheduleKeepAlive(long now) {
        long idle = now - lastReadNanos;
        long delay = Long.MAX_VALUE;
        if (enquireLinkNanos > 0) {
            delay = idle >= enquireLinkNanos ? enquireLinkNanos : enquireLinkNanos - idle;
        }
        if (inactivityNanos > 0) {
            delay = Math.min(delay, Math.max(0, inactivityNanos - idle));
        }
        if (delay != Long.MAX_VALUE) {
            keepAliveTimer = ctx.executor().schedule(keepAliveTask, delay, NANOSECONDS);
        }
    }

    private void keepAlive() {
        keepAliveTimer = null;
        if (!state.isBound()) {
            return;
        }
        long now = now();
        long idle = now - lastReadNanos;
        if (inactivityNanos > 0 && idle >= inactivityNanos) {
            log.info("{} inactivity_timer expired idle_ms={} remote={}, closing", tag, idle / 1_000_000,
                    ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        if (enquireLinkNanos > 0 && idle >= enquireLinkNanos && !enquireLinkOutstanding) {
            enquireLinkOutstanding = true;
            CompletableFuture<Response> answer = new CompletableFuture<>();
            transmit(new EnquireLink(1), answer, responseTimeoutNanos, false);
            answer.whenComplete(this::enquireLinkAnswered);
        }
        scheduleKeepAlive(now);
    }

    private void enquireLinkAnswered(Response response, Throwable error) {
        enquireLinkOutstanding = false;
        if (error instanceof SessionException e && e.reason() == SessionException.Reason.RESPONSE_TIMEOUT) {
            log.info("{} enquire_link unanswered timeout_ms={} remote={}, closing (dead peer)", tag,
                    config.window().responseTimeout().toMillis(), ctx.channel().remoteAddress());
            ctx.close();
        }
    }

    // ---- writability ---------------------------------------------------------------------------------------

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        // The peer is not reading our output: stop reading its requests, whose answers would pile up unbounded.
        ctx.channel().config().setAutoRead(writable);
        log.debug("{} writable={}", tag, writable);
        if (writable) {
            slotFreed();
        }
        ctx.fireChannelWritabilityChanged();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Runs {@code task} on this channel's event loop; drops it when the loop is gone (the channel is closed). */
    void onLoop(Runnable task) {
        EventExecutor loop = ctx.executor();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("{} event loop gone, task dropped", tag);
        }
    }

    private long now() {
        return ctx.executor().ticker().nanoTime();
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    // ---- read by SmppSession from any thread ----------------------------------------------------------------

    ChannelHandlerContext context() {
        return ctx;
    }

    SessionState state() {
        return state;
    }

    Optional<BindType> bindType() {
        return Optional.ofNullable(bindType);
    }

    String systemId() {
        return systemId;
    }

    InterfaceVersion interfaceVersion() {
        return interfaceVersion;
    }

    String tag() {
        return tag;
    }

    int outstanding() {
        return outstanding;
    }

    boolean canSend() {
        return state.isBound() && outstanding < window.maxOutstanding() && ctx.channel().isWritable();
    }
}
