package io.smsgate.simulator;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The simulator's and load generator's event loops and channel types: Netty's native epoll transport where
 * its library loads (Linux x86_64: edge-triggered, no selected-key garbage, fewer syscalls per wake-up), NIO
 * elsewhere, as the gateway's own {@code SmppTransport} chooses.
 */
final class Transport {
    /** {@code -Dsmsgate.sim.transport=nio} forces NIO, to compare the two. */
    static final boolean EPOLL = !"nio".equals(System.getProperty("smsgate.sim.transport")) && epollAvailable();

    private Transport() {
    }

    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false;  // the epoll classes or native library are not on the class path
        }
    }

    static EventLoopGroup group(String name, int threads) {
        IoHandlerFactory io = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name), io);
    }

    static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    static Class<? extends ServerSocketChannel> serverSocketChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
