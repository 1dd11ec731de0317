package io.smsgate.protocol.smpp.session;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.smsgate.protocol.smpp.pdu.Bind;
import io.smsgate.protocol.smpp.pdu.BindType;
import io.smsgate.protocol.smpp.pdu.InterfaceVersion;
import io.smsgate.protocol.smpp.pdu.Request;
import io.smsgate.protocol.smpp.pdu.Response;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * A windowed SMPP session over one connection (SMPP 3.4 §2): send a request, get its response. Safe to call from any
 * thread; the work hops to the channel's event loop, where every future completes: do not block in its callbacks.
 *
 * <p>Back-pressure: {@link #send} fails fast (no unbounded queue) with {@link SessionException.Reason#WINDOW_FULL}
 * when max-outstanding requests await responses, or {@link SessionException.Reason#NOT_WRITABLE} when the channel's
 * outbound buffer is above its high-water mark; {@link SessionListener#readyToSend} says when to resume.
 */
public final class SmppSession {

    private final SessionHandler handler;

    SmppSession(SessionHandler handler) {
        this.handler = handler;
    }

    /**
     * Sends {@code request}, stamped with the next sequence_number, and completes with the peer's response: its
     * {@code *_resp} (an error status is a value, not an exception) or a generic_nack naming it. Fails with
     * {@link SessionException} for a timeout, a full window, a wrong bind state or a closed connection.
     */
    public CompletableFuture<Response> send(Request request) {
        CompletableFuture<Response> future = new CompletableFuture<>();
        Channel channel = channel();
        if (channel.eventLoop().inEventLoop()) {
            handler.send(request, future);
        } else {
            execute(() -> handler.send(request, future), future);
        }
        return future;
    }

    /**
     * ESME side: binds this open (or outbound) session with {@code bind}; completes with this session once bound, or
     * fails with {@link SessionException.Reason#BIND_REJECTED} (status attached) or a response timeout, after which
     * the connection is closed.
     */
    public CompletableFuture<SmppSession> bind(Bind bind) {
        CompletableFuture<SmppSession> result = new CompletableFuture<>();
        execute(() -> handler.bind(bind, result), result);
        return result;
    }

    /**
     * Graceful unbind (SMPP 3.4 §4.2): refuses new requests, waits up to unbind-timeout for outstanding requests and
     * for answers to the peer's requests, sends unbind, waits for unbind_resp (response timeout), closes. Completes
     * when the connection is closed.
     */
    public CompletableFuture<Void> unbind() {
        CompletableFuture<Void> ignored = new CompletableFuture<>();
        execute(handler::unbind, ignored);
        return handler.closeFuture();
    }

    /** Closes the connection now; outstanding requests fail with {@link SessionException.Reason#CLOSED}. */
    public CompletableFuture<Void> close() {
        channel().close();
        return handler.closeFuture();
    }

    /** Completes once the connection is closed and every outstanding future has failed. */
    public CompletableFuture<Void> closeFuture() {
        return handler.closeFuture();
    }

    public SessionState state() {
        return handler.state();
    }

    /** How we are bound; empty before the bind completes. */
    public Optional<BindType> bindType() {
        return handler.bindType();
    }

    /** The system_id of the bind (the ESME's on either side); empty before bind. */
    public String systemId() {
        return handler.systemId();
    }

    /** The interface version agreed at bind (SMPP 5.0 §2.8 negotiation). */
    public InterfaceVersion interfaceVersion() {
        return handler.interfaceVersion();
    }

    /** {@code [system_id shortChannelId]}: the prefix of every log line about this session. */
    public String tag() {
        return handler.tag();
    }

    /** Requests awaiting their response; exact on the event loop, a recent value elsewhere. */
    public int outstanding() {
        return handler.outstanding();
    }

    /** True when bound, the window has a free slot and the channel is writable (a hint off the event loop). */
    public boolean canSend() {
        return handler.canSend();
    }

    public SocketAddress remoteAddress() {
        return channel().remoteAddress();
    }

    /** The loop this session lives on: hop here with {@code execute} to work without locks beside the session. */
    public EventLoop eventLoop() {
        return channel().eventLoop();
    }

    Channel channel() {
        return handler.context().channel();
    }

    private void execute(Runnable task, CompletableFuture<?> onRejected) {
        EventLoop loop = channel().eventLoop();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            onRejected.completeExceptionally(new SessionException(SessionException.Reason.CLOSED,
                    "event loop shut down", null, e));
        }
    }

    @Override
    public String toString() {
        return "SmppSession" + tag() + "[state=" + state() + "]";
    }
}
