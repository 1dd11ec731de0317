package io.smsgate.protocol.smpp.session;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslHandler;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * ESME side: connects to an MC and binds (SMPP 3.4 §4.1), for the carrier connector and the simulator's load
 * generator. Reconnection policy belongs to the caller: a closed session stays closed.
 */
public final class SmppClient {

    /** Above 256 KiB unflushed the channel turns unwritable and sends fail fast with NOT_WRITABLE. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final SmppTransport transport;

    public SmppClient(SmppTransport transport) {
        this.transport = requireNonNull(transport, "transport");
    }

    /**
     * Connects (TCP, then TLS if configured), sends the bind and completes with the bound session; fails with
     * {@link SessionException}: CONNECT_FAILED, BIND_REJECTED (status attached), RESPONSE_TIMEOUT (bind timeout) or
     * CLOSED. The peer's deliver_sm, data_sm and alert_notification go to {@code handler}.
     */
    public CompletableFuture<SmppSession> bind(ClientConfig config, RequestHandler handler, SessionListener listener) {
        return open(config, handler, listener, transport.group());
    }

    /**
     * {@link #bind(ClientConfig, RequestHandler, SessionListener)} with the session on {@code loop} (one of
     * {@link SmppTransport#nextLoop()}): a caller that keeps its own state on that loop sends and reads responses
     * there without a hop between threads per request.
     */
    public CompletableFuture<SmppSession> bind(ClientConfig config, RequestHandler handler, SessionListener listener,
            EventLoop loop) {
        return open(config, handler, listener, requireNonNull(loop, "loop"));
    }

    private CompletableFuture<SmppSession> open(ClientConfig config, RequestHandler handler,
            SessionListener listener, EventLoopGroup group) {
        CompletableFuture<SmppSession> result = new CompletableFuture<>();
        SessionHandler session = SessionHandler.esme(config.session(), listener, handler);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        SessionPipeline.install(channel, config.tls(), Optional.of(config.remote()), config.limits(),
                                session);
                    }
                });
        bootstrap.connect(config.remote()).addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                result.completeExceptionally(new SessionException(SessionException.Reason.CONNECT_FAILED,
                        "connect " + config.remote() + ": " + connected.cause().getMessage(), null,
                        connected.cause()));
                return;
            }
            Channel channel = connected.channel();
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls == null) {
                session.bind(config.bind(), result);
                return;
            }
            tls.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    session.bind(config.bind(), result);
                } else {
                    result.completeExceptionally(new SessionException(SessionException.Reason.CONNECT_FAILED,
                            "tls handshake with " + config.remote() + ": " + handshake.cause().getMessage(), null,
                            handshake.cause()));
                    channel.close();
                }
            });
        });
        return result;
    }
}
