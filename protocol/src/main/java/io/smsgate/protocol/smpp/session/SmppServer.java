package io.smsgate.protocol.smpp.session;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MC side: accepts SMPP connections and hands each bind to the {@link Authenticator} (SMPP 3.4 §4.1), for the
 * upstream server and the simulator's SMSC. Every connection gets its own session; the listener sees them all.
 */
public final class SmppServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmppServer.class);

    private final Channel listening;
    private final Set<SmppSession> sessions;
    private final ServerConfig config;

    private SmppServer(Channel listening, Set<SmppSession> sessions, ServerConfig config) {
        this.listening = listening;
        this.sessions = sessions;
        this.config = config;
    }

    /** Binds the listening socket (blocking until it is bound) and starts accepting. */
    public static SmppServer start(SmppTransport transport, ServerConfig config, Authenticator authenticator,
            SessionListener listener) {
        requireNonNull(authenticator, "authenticator");
        requireNonNull(listener, "listener");
        Set<SmppSession> sessions = ConcurrentHashMap.newKeySet();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.group())
                .channel(transport.serverChannelType())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, SmppClient.WATER_MARK)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        SessionHandler session = SessionHandler.mc(config.session(), listener, authenticator,
                                config.systemId());
                        SessionPipeline.install(channel, config.tls(), Optional.empty(), config.limits(), session);
                        SmppSession handle = session.session();
                        sessions.add(handle);
                        session.closeFuture().whenComplete((ignored, error) -> sessions.remove(handle));
                    }
                });
        Channel listening = bootstrap.bind(config.address()).syncUninterruptibly().channel();
        log.info("smpp server listening address={} tls={} system_id={}", listening.localAddress(),
                config.tls().isPresent(), config.systemId());
        return new SmppServer(listening, sessions, config);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listening.localAddress();
    }

    /** The sessions open now, bound or not. */
    public List<SmppSession> sessions() {
        return List.copyOf(sessions);
    }

    /** Stops accepting, unbinds every session gracefully, completes when all are closed. */
    public CompletableFuture<Void> unbindAll() {
        listening.close();
        return CompletableFuture.allOf(sessions.stream().map(SmppSession::unbind)
                .toArray(CompletableFuture[]::new));
    }

    /** Stops accepting and closes every connection now, waiting up to {@code timeout} for them to close. */
    public void close(Duration timeout) {
        listening.close().syncUninterruptibly();
        CompletableFuture<?>[] closing = sessions.stream().map(SmppSession::close).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("smpp server sessions still open after close timeout_ms={}", timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("closing sessions failed", e.getCause());
        }
        log.info("smpp server stopped address={} system_id={}", listening.localAddress(), config.systemId());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
