package io.smsgate.protocol.text;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Puts incoming concatenated parts back together (23.040 §9.2.3.24.1), keyed by source, destination and
 * reference: parts may come in any order and more than once; a message not complete within the timeout
 * expires, and when too many messages or octets are pending the oldest is evicted. Dropped messages are
 * reported to a listener so the caller can count them. Time is passed in; not thread-safe (one event loop).
 */
public final class Reassembler {

    /** Which message a part belongs to. */
    public record Key(String source, String destination, int reference) {
        public Key {
            requireNonNull(source, "source");
            requireNonNull(destination, "destination");
        }
    }

    /** Bounds on pending partial messages: count, user data octets, and age. */
    public record Config(int maxPendingMessages, long maxPendingOctets, Duration timeout) {
        public static final Config DEFAULTS = new Config(10_000, 16L << 20, Duration.ofMinutes(5));

        public Config {
            if (maxPendingMessages < 1) {
                throw new IllegalArgumentException("maxPendingMessages: " + maxPendingMessages + " (expected: >= 1)");
            }
            if (maxPendingOctets < 1) {
                throw new IllegalArgumentException("maxPendingOctets: " + maxPendingOctets + " (expected: >= 1)");
            }
            requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
            }
        }
    }

    /** What happened to an offered part. */
    public sealed interface Outcome permits Complete, Incomplete, Duplicate, Rejected {
    }

    /** The last missing part arrived: every part's body, in sequence order. */
    public record Complete(Key key, List<OctetString> parts) implements Outcome {
        public Complete {
            requireNonNull(key, "key");
            parts = List.copyOf(parts);
        }

        /** The bodies joined: unpacked septets, UCS-2 or binary octets, ready to decode as one text. */
        public OctetString joined() {
            int length = 0;
            for (OctetString part : parts) {
                length += part.length();
            }
            byte[] out = new byte[length];
            int offset = 0;
            for (OctetString part : parts) {
                part.copyTo(out, offset);
                offset += part.length();
            }
            return OctetString.wrap(out);
        }
    }

    /** Stored; {@code received} of {@code total} parts are here. */
    public record Incomplete(Key key, int received, int total) implements Outcome {
    }

    /** This sequence number was already received; the first copy is kept. */
    public record Duplicate(Key key, int sequence) implements Outcome {
    }

    /** The part cannot belong to any message; the reason names the value and the expectation. */
    public record Rejected(Key key, String reason) implements Outcome {
    }

    /** Why a partial message was given up. */
    public enum DropReason {
        /** Not complete within the timeout. */
        EXPIRED,
        /** Evicted, oldest first, to keep within the pending message or octet bound. */
        EVICTED,
        /** A part with the same key but a different total started a new message (reference reused). */
        SUPERSEDED
    }

    /** A partial message given up, with how much of it had arrived. */
    public record Dropped(Key key, DropReason reason, int received, int total) {
    }

    private static final class Pending {
        final OctetString[] parts;
        final long firstNanos;
        int received;
        long octets;

        Pending(int total, long firstNanos) {
            this.parts = new OctetString[total];
            this.firstNanos = firstNanos;
        }
    }

    private final Config config;
    private final long timeoutNanos;
    private final Consumer<Dropped> onDropped;
    /** Insertion order is first-part order, so the head is both the oldest and the next to expire. */
    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private long pendingOctets;

    public Reassembler(Config config, Consumer<Dropped> onDropped) {
        this.config = requireNonNull(config, "config");
        this.timeoutNanos = config.timeout().toNanos();
        this.onDropped = requireNonNull(onDropped, "onDropped");
    }

    /** Offers part {@code sequence} of {@code total} at time {@code nowNanos} (any monotonic clock). */
    public Outcome offer(Key key, int total, int sequence, OctetString body, long nowNanos) {
        requireNonNull(key, "key");
        requireNonNull(body, "body");
        expire(nowNanos);
        if (total < 1 || total > 255) {
            return new Rejected(key, "total: " + total + " (expected: 1..255)");
        }
        if (sequence < 1 || sequence > total) {
            return new Rejected(key, "sequence: " + sequence + " (expected: 1.." + total + ")");
        }
        if (body.length() > config.maxPendingOctets()) {
            return new Rejected(key, "part: " + body.length() + " octets (expected: <= "
                    + config.maxPendingOctets() + ", the pending octet bound)");
        }
        if (total == 1) {
            return new Complete(key, List.of(body));
        }
        Pending message = pending.get(key);
        if (message != null && message.parts.length != total) {
            remove(key, message, DropReason.SUPERSEDED);
            message = null;
        }
        if (message != null && message.parts[sequence - 1] != null) {
            return new Duplicate(key, sequence);
        }
        if (message == null) {
            while (pending.size() >= config.maxPendingMessages()) {
                evictOldestExcept(key);
            }
            message = new Pending(total, nowNanos);
            pending.put(key, message);
        }
        while (pendingOctets + body.length() > config.maxPendingOctets() && evictOldestExcept(key)) {
            // evicted one; check the bound again
        }
        if (pendingOctets + body.length() > config.maxPendingOctets()) {
            // Only this message is left and it alone outgrows the bound.
            remove(key, message, DropReason.EVICTED);
            return new Rejected(key, "message: " + (message.octets + body.length()) + " octets (expected: <= "
                    + config.maxPendingOctets() + ", the pending octet bound)");
        }
        message.parts[sequence - 1] = body;
        message.received++;
        message.octets += body.length();
        pendingOctets += body.length();
        if (message.received < total) {
            return new Incomplete(key, message.received, total);
        }
        pending.remove(key);
        pendingOctets -= message.octets;
        return new Complete(key, Arrays.asList(message.parts));
    }

    /** Drops every message whose first part is older than the timeout at {@code nowNanos}; returns how many. */
    public int expire(long nowNanos) {
        int expired = 0;
        Iterator<Map.Entry<Key, Pending>> entries = pending.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Key, Pending> entry = entries.next();
            Pending message = entry.getValue();
            if (nowNanos - message.firstNanos < timeoutNanos) {
                break;
            }
            entries.remove();
            pendingOctets -= message.octets;
            expired++;
            onDropped.accept(new Dropped(entry.getKey(), DropReason.EXPIRED, message.received, message.parts.length));
        }
        return expired;
    }

    public int pendingMessages() {
        return pending.size();
    }

    public long pendingOctets() {
        return pendingOctets;
    }

    private boolean evictOldestExcept(Key keep) {
        for (Map.Entry<Key, Pending> entry : pending.entrySet()) {
            if (!entry.getKey().equals(keep)) {
                remove(entry.getKey(), entry.getValue(), DropReason.EVICTED);
                return true;
            }
        }
        return false;
    }

    private void remove(Key key, Pending message, DropReason reason) {
        pending.remove(key);
        pendingOctets -= message.octets;
        onDropped.accept(new Dropped(key, reason, message.received, message.parts.length));
    }
}
