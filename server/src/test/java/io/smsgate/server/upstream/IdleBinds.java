package io.smsgate.server.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens many SMPP binds (bind_transmitter, SMPP 3.4 §4.1.1) to one server from a single selector thread and keeps
 * them idle but alive: every enquire_link is answered (§4.11), an unbind is answered and the bind is gone. At most
 * {@code concurrency} binds wait for their bind_resp at once (password hashing is the server's cost per bind); a
 * refused bind is tried again. JDK only, so bench/idle-binds.sh runs it from test-classes alone:
 * {@code java -cp server/target/test-classes io.smsgate.server.upstream.IdleBinds HOST PORT SYSTEM_ID PASSWORD
 * COUNT [CONCURRENCY] [HOLD_SECONDS]}.
 */
final class IdleBinds implements AutoCloseable {

    private static final int BIND_TRANSMITTER_RESP = 0x80000002;
    private static final int ENQUIRE_LINK = 0x00000015;
    private static final int UNBIND = 0x00000006;

    private final InetSocketAddress server;
    private final byte[] bind;
    private final int count;
    private final int concurrency;
    private final Selector selector;
    private final Thread loop;
    private final AtomicInteger bound = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private volatile boolean closing;

    /** Per connection: what was read so far and whether its bind succeeded. */
    private static final class Peer {
        final ByteBuffer in = ByteBuffer.allocate(512);
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        boolean bound;
    }

    IdleBinds(InetSocketAddress server, String systemId, String password, int count, int concurrency)
            throws IOException {
        this.server = server;
        this.bind = RawClient.bindTransmitter(1, systemId, password);
        this.count = count;
        this.concurrency = concurrency;
        this.selector = Selector.open();
        this.loop = new Thread(this::run, "idle-binds");
        loop.setDaemon(true);
        loop.start();
    }

    int bound() {
        return bound.get();
    }

    long refused() {
        return refused.get();
    }

    /** True once more binds were refused than asked for: the credentials or the account are wrong. */
    boolean givenUp() {
        return refused.get() > count;
    }

    /** Binds that were up and then closed by the server. */
    long lost() {
        return lost.get();
    }

    private void run() {
        try {
            while (!closing) {
                while (bound.get() + pending.get() < count && pending.get() < concurrency && !givenUp()) {
                    open();
                }
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void open() throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        Peer peer = new Peer();
        peer.out.add(ByteBuffer.wrap(bind));
        channel.connect(server);
        channel.register(selector, SelectionKey.OP_CONNECT, peer);
        pending.incrementAndGet();
    }

    private void handle(SelectionKey key) {
        SocketChannel channel = (SocketChannel) key.channel();
        Peer peer = (Peer) key.attachment();
        try {
            if (key.isConnectable()) {
                channel.finishConnect();
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
            if (key.isWritable()) {
                flush(key, channel, peer);
            }
            if (key.isReadable()) {
                if (channel.read(peer.in) < 0) {
                    drop(key, peer);
                    return;
                }
                frames(key, channel, peer);
            }
        } catch (IOException e) {
            drop(key, peer);
        }
    }

    private void frames(SelectionKey key, SocketChannel channel, Peer peer) throws IOException {
        peer.in.flip();
        while (peer.in.remaining() >= 16 && peer.in.remaining() >= peer.in.getInt(peer.in.position())) {
            int start = peer.in.position();
            int length = peer.in.getInt(start);
            int commandId = peer.in.getInt(start + 4);
            int status = peer.in.getInt(start + 8);
            int sequence = peer.in.getInt(start + 12);
            peer.in.position(start + length);
            if (commandId == BIND_TRANSMITTER_RESP) {
                pending.decrementAndGet();
                if (status == 0) {
                    peer.bound = true;
                    bound.incrementAndGet();
                } else {
                    refused.incrementAndGet();
                    key.cancel();
                    channel.close();
                    return;
                }
            } else if (commandId == ENQUIRE_LINK || commandId == UNBIND) {
                peer.out.add(ByteBuffer.wrap(RawClient.pdu(commandId | 0x80000000, 0, sequence, new byte[0])));
                flush(key, channel, peer);
            }
        }
        if (peer.in.remaining() > 0 && peer.in.getInt(peer.in.position()) > peer.in.capacity()) {
            throw new IOException("command_length: " + peer.in.getInt(peer.in.position()) + " (expected: <= 512)");
        }
        peer.in.compact();
    }

    private void flush(SelectionKey key, SocketChannel channel, Peer peer) throws IOException {
        while (!peer.out.isEmpty()) {
            ByteBuffer next = peer.out.peek();
            channel.write(next);
            if (next.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            peer.out.poll();
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    private void drop(SelectionKey key, Peer peer) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            // already gone: nothing more to release
        }
        if (peer.bound) {
            bound.decrementAndGet();
            lost.incrementAndGet();
        } else {
            pending.decrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        selector.wakeup();
        try {
            loop.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }

    /** Opens the binds, reports progress on stdout, holds them for HOLD_SECONDS (default: until killed). */
    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: IdleBinds HOST PORT SYSTEM_ID PASSWORD COUNT [CONCURRENCY] [HOLD_SECONDS]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[4]);
        int concurrency = args.length > 5 ? Integer.parseInt(args[5]) : 32;
        // Without HOLD_SECONDS, until killed (an unbounded deadline: nanoTime arithmetic would overflow).
        boolean untilKilled = args.length <= 6;
        long holdNanos = untilKilled ? 0 : TimeUnit.SECONDS.toNanos(Long.parseLong(args[6]));
        long started = System.nanoTime();
        try (IdleBinds binds = new IdleBinds(new InetSocketAddress(args[0], Integer.parseInt(args[1])), args[2],
                args[3], count, concurrency)) {
            int reported = -1;
            while (binds.bound() < count) {
                LockSupport.parkNanos(1_000_000_000L);
                if (binds.givenUp()) {
                    System.err.printf("giving up: refused=%d bound=%d%n", binds.refused(), binds.bound());
                    System.exit(1);
                }
                if (binds.bound() / 1000 != reported / 1000) {
                    reported = binds.bound();
                    System.out.printf("bound=%d refused=%d lost=%d elapsed_s=%d%n", binds.bound(), binds.refused(),
                            binds.lost(), (System.nanoTime() - started) / 1_000_000_000L);
                }
            }
            System.out.printf("ready bound=%d refused=%d lost=%d elapsed_s=%d%n", binds.bound(), binds.refused(),
                    binds.lost(), (System.nanoTime() - started) / 1_000_000_000L);
            long until = System.nanoTime() + holdNanos;
            while (untilKilled || System.nanoTime() - until < 0) {
                LockSupport.parkNanos(5_000_000_000L);
                System.out.printf("holding bound=%d lost=%d%n", binds.bound(), binds.lost());
            }
        }
    }
}
