package io.smsgate.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A hostile transmitter (checklist A24): binds, then writes submit_sm without ever reading the answers until the
 * server stops reading from it and its writes stall at the kernel buffers. It stays bound until closed, so a test can
 * show that other clients are unaffected while it holds its stalled connection.
 */
final class UnreadingFlood implements AutoCloseable {

    private static final int SUBMITS_PER_BURST = 2048;

    private final SocketChannel channel;
    private final long written;

    private UnreadingFlood(SocketChannel channel, long written) {
        this.channel = channel;
        this.written = written;
    }

    /** Binds as {@code systemId} on 127.0.0.1:{@code port} and floods until a whole round of writes takes nothing. */
    static UnreadingFlood untilStalled(int port, String systemId, String password, Duration atMost)
            throws IOException {
        SocketChannel flood = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        try {
            flood.write(ByteBuffer.wrap(RawClient.bindTransmitter(1, systemId, password)));
            // SMPP 3.4 §2.2: nothing but the bind until bind_resp (A12 closes a session that does not wait).
            ByteBuffer bindResp = ByteBuffer.allocate(64);
            while (bindResp.position() < 16 || bindResp.position() < bindResp.getInt(0)) {
                assertThat(flood.read(bindResp)).isPositive();
            }
            assertThat(bindResp.getInt(8)).as("bind_transmitter_resp command_status").isZero();
            flood.configureBlocking(false);
            // submit_sm, not enquire_link: an enquire_link storm is closed at once (A25)
            byte[] submit = RawClient.submitSm(2, "447700900300", "", "flood".getBytes(StandardCharsets.US_ASCII));
            ByteBuffer burst = ByteBuffer.allocate(submit.length * SUBMITS_PER_BURST);
            for (int i = 0; i < SUBMITS_PER_BURST; i++) {
                burst.put(submit);
            }
            burst.flip();
            long[] written = {0};
            // Never reading: once our unread answers fill the server's output buffer (above its high-water mark) it
            // stops reading from us, and our writes stall instead of piling up in the server.
            await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
                long total = 0;
                for (int round = 0; round < 64; round++) {
                    // Rewind only once the whole burst is out: a partial write ends inside a PDU, and starting the
                    // next write at the buffer's start would send the server a broken frame (framing lost, reset).
                    if (!burst.hasRemaining()) {
                        burst.clear();
                    }
                    int n = flood.write(burst);
                    total += n;
                    if (n == 0) {
                        break;
                    }
                }
                written[0] += total;
                return total == 0;
            });
            return new UnreadingFlood(flood, written[0]);
        } catch (IOException | RuntimeException | Error e) {
            flood.close();
            throw e;
        }
    }

    /** Bytes the server took before it stopped reading. */
    long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
