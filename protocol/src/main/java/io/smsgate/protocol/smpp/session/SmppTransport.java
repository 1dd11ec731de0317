package io.smsgate.protocol.smpp.session;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loops SMPP channels run on: epoll where the native library loads, NIO otherwise. One transport may carry
 * any number of servers and clients; close it last.
 */
public final class SmppTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmppTransport.class);

    private final EventLoopGroup group;
    private final boolean epoll;

    private SmppTransport(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    /** {@code threads} event loops named {@code name-N}; 0 means Netty's default (2 × cores). */
    public static SmppTransport create(String name, int threads) {
        boolean epoll = epollAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name), io);
        log.info("smpp transport started name={} threads={} native={}", name, threads, epoll);
        return new SmppTransport(group, epoll);
    }

    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false; // netty-transport-classes-epoll is not on the class path
        }
    }

    public boolean isNative() {
        return epoll;
    }

    /**
     * One of this transport's event loops, in turn: work kept on it (a carrier connector's state) runs beside the
     * sessions bound there ({@link SmppClient#bind(ClientConfig, RequestHandler, SessionListener, EventLoop)}).
     */
    public EventLoop nextLoop() {
        return group.next();
    }

    EventLoopGroup group() {
        return group;
    }

    Class<? extends Channel> channelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    Class<? extends ServerChannel> serverChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Stops the event loops, waiting up to {@code timeout} for their threads to end. */
    public void close(Duration timeout) {
        group.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
