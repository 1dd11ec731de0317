package io.smsgate.server.api;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The load side of {@link ApiLoad}: one thread, one NIO selector, keep-alive HTTP/1.1 connections writing one
 * pre-encoded request and reading just the status line and Content-Length of each answer. It shares the server's two
 * cores, so it has to be cheap: the Vert.x client it replaces spent more CPU per request than the server.
 * Closed loop (rate 0): each connection sends its next request when the previous is answered. Open loop: requests
 * start on a fixed schedule; one that finds every connection busy waits in line, and its latency still counts from
 * its scheduled time (no coordinated omission). {@code depth} > 1 pipelines that many requests per connection.
 */
final class LoadDriver {

    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(US_ASCII);
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** What one run measured, from the end of the warm-up to the end. */
    record Result(long measured, long failures, Map<Integer, Long> statuses, Histogram latency,
            String slowSeconds) {
    }

    private final InetSocketAddress address;
    private final byte[] request;
    private final int depth;
    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    // The slowest answer to requests scheduled in each second of the run: tells a tail spread over the run from
    // one stall (a checkpoint, a GC pause), to be matched against the server's logs by wall-clock time.
    private final long[] slowestPerSecond = new long[3600];
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private final ArrayDeque<Long> waiting = new ArrayDeque<>();
    private long measured;
    private long failures;
    // Requests sent and not yet answered, over all connections (a scan of every connection per wake-up cost more
    // than the answer it looked for).
    private long outstanding;
    private long warmUpEnd;
    private long end;

    LoadDriver(URI url, String path, String key, String body, int depth) {
        this.address = new InetSocketAddress(url.getHost(), url.getPort());
        byte[] content = body.getBytes(UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json\r\nContent-Length: "
                + content.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(US_ASCII);
        this.request = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
        this.depth = depth;
    }

    /** Runs a warm-up of {@code warmUp}, then {@code duration}; {@code rate} 0 is closed loop. */
    Result run(int connections, long warmUpNanos, long durationNanos, int rate) throws IOException {
        try (Selector selector = Selector.open()) {
            List<Connection> all = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                SocketChannel channel = SocketChannel.open(address);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                Connection connection = new Connection(channel);
                channel.register(selector, SelectionKey.OP_READ, connection);
                all.add(connection);
            }
            long started = System.nanoTime();
            warmUpEnd = started + warmUpNanos;
            end = warmUpEnd + durationNanos;
            double perNano = rate / 1e9;
            long issued = 0;
            if (rate == 0) {
                for (Connection connection : all) {
                    for (int i = 0; i < depth; i++) {
                        connection.send(started);
                    }
                }
            }
            while (true) {
                long now = System.nanoTime();
                if (rate > 0 && now < end) {
                    long due = (long) ((now - started) * perNano);
                    for (; issued < due; issued++) {
                        waiting.add(started + (long) (issued / perNano));
                    }
                    dispatch(all);
                }
                boolean busy = outstanding > 0 || !waiting.isEmpty();
                if (now >= end && (!busy || now >= end + DRAIN_NANOS)) {
                    break;
                }
                selector.select(1);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    if (!connection.read(rate == 0)) {
                        key.cancel();
                        all.remove(connection);
                    }
                }
                selector.selectedKeys().clear();
            }
            failures += all.stream().mapToLong(c -> c.inFlight.size()).sum() + waiting.size();
            for (Connection connection : all) {
                connection.channel.close();
            }
        }
        return new Result(measured, failures, Map.copyOf(statuses), latency,
                slowSeconds(System.currentTimeMillis() - (System.nanoTime() - warmUpEnd) / 1_000_000));
    }

    // Seconds whose slowest answer took over 20 ms, as "wall-clock time of the second's start=slowest ms".
    private String slowSeconds(long warmUpEndMillis) {
        StringBuilder slow = new StringBuilder();
        for (int second = 0; second < slowestPerSecond.length; second++) {
            if (slowestPerSecond[second] > TimeUnit.MILLISECONDS.toNanos(20)) {
                slow.append(slow.isEmpty() ? "" : " ")
                        .append(Instant.ofEpochMilli(warmUpEndMillis + second * 1000L)
                                .toString().substring(11, 19))
                        .append('=').append(slowestPerSecond[second] / 1_000_000).append("ms");
            }
        }
        return slow.isEmpty() ? "none" : slow.toString();
    }

    // Open loop: the oldest scheduled requests go to the connections with the fewest in flight.
    private void dispatch(List<Connection> all) throws IOException {
        for (int slot = 0; slot < depth && !waiting.isEmpty(); slot++) {
            for (Connection connection : all) {
                if (waiting.isEmpty()) {
                    return;
                }
                if (connection.inFlight.size() == slot) {
                    connection.send(waiting.poll());
                }
            }
        }
    }

    private void record(long scheduled, int status, long now) {
        if (scheduled >= warmUpEnd && scheduled < end) {
            latency.recordValue(Math.min(now - scheduled, latency.getHighestTrackableValue()));
            int second = (int) Math.min((scheduled - warmUpEnd) / 1_000_000_000L, slowestPerSecond.length - 1);
            slowestPerSecond[second] = Math.max(slowestPerSecond[second], now - scheduled);
            statuses.merge(status, 1L, Long::sum);
            measured++;
        }
    }

    private final class Connection {
        private final SocketChannel channel;
        private final ArrayDeque<Long> inFlight = new ArrayDeque<>();
        private ByteBuffer in = ByteBuffer.allocate(16 * 1024);

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void send(long scheduled) throws IOException {
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                // Requests are a few hundred bytes and the socket buffer is empty or nearly so: a partial write is
                // the kernel being slow for a moment, not a reason for write interest.
                channel.write(out);
            }
            inFlight.add(scheduled);
            outstanding++;
        }

        // Reads what arrived and completes every whole answer in it; false when the connection is gone.
        boolean read(boolean closedLoop) throws IOException {
            if (channel.read(in) < 0) {
                failures += inFlight.size();
                outstanding -= inFlight.size();
                inFlight.clear();
                channel.close();
                return false;
            }
            in.flip();
            while (true) {
                int headerEnd = indexOf(in, HEADER_END, in.position());
                if (headerEnd < 0) {
                    break;
                }
                int bodyLength = contentLength(in, in.position(), headerEnd);
                int answerEnd = headerEnd + HEADER_END.length + bodyLength;
                if (bodyLength < 0) {
                    throw new IOException("answer without Content-Length");
                }
                if (answerEnd > in.limit()) {
                    break;
                }
                int status = (in.get(in.position() + 9) - '0') * 100 + (in.get(in.position() + 10) - '0') * 10
                        + (in.get(in.position() + 11) - '0');
                in.position(answerEnd);
                long now = System.nanoTime();
                record(inFlight.poll(), status, now);
                outstanding--;
                if (closedLoop && now < end) {
                    send(now);
                }
            }
            in.compact();
            if (!in.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            return true;
        }
    }

    private static int indexOf(ByteBuffer buffer, byte[] what, int from) {
        for (int i = from; i <= buffer.limit() - what.length; i++) {
            int j = 0;
            while (j < what.length && buffer.get(i + j) == what[j]) {
                j++;
            }
            if (j == what.length) {
                return i;
            }
        }
        return -1;
    }

    // The Content-Length of the header block [from, to), matched without regard to case; -1 when absent.
    private static int contentLength(ByteBuffer buffer, int from, int to) {
        for (int i = from; i <= to - CONTENT_LENGTH.length; i++) {
            int j = 0;
            while (j < CONTENT_LENGTH.length && Character.toLowerCase(buffer.get(i + j)) == CONTENT_LENGTH[j]) {
                j++;
            }
            if (j == CONTENT_LENGTH.length) {
                int k = i + j;
                while (buffer.get(k) == ' ') {
                    k++;
                }
                int length = 0;
                while (buffer.get(k) >= '0' && buffer.get(k) <= '9') {
                    length = length * 10 + buffer.get(k) - '0';
                    k++;
                }
                return length;
            }
        }
        return -1;
    }
}
