package io.smsgate.server.upstream;

import static java.util.Objects.requireNonNull;

import io.smsgate.protocol.OctetString;
import io.smsgate.protocol.smpp.pdu.Address;
import io.smsgate.server.metrics.OutboxMeters;
import io.smsgate.server.pipeline.Submission;
import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.StoreException;
import io.smsgate.server.store.StoreOverloadedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The upstream server's own writes that the Journal has no kind for: staged segments of concatenated messages
 * ({@code message_part}) and replace_sm. They run on a small bounded pool (never on an event loop), each in its own
 * committed transaction; a full pool refuses at once with {@link StoreOverloadedException}.
 */
public final class UpstreamStore implements AutoCloseable {

    private static final String STAGE = """
            INSERT INTO message_part (message_id, system_id, set_key, part_number, part_count, submission, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String UNSTAGE = "DELETE FROM message_part WHERE message_id = ?";
    private static final String STAGED = """
            SELECT message_id, set_key, part_number, part_count, submission, created_at FROM message_part
             ORDER BY message_id, part_number""";
    private static final String STORED = "SELECT 1 FROM message WHERE message_id = ? AND created_at = ?";
    // A row reads QUEUED while its message is at a carrier (V093, message_current): a message with a reference has
    // been submitted (V094).
    private static final String AND_NOT_AT_CARRIER = """
               AND NOT smsgate_has_carrier_ref(message.message_id, message.created_at)
            """;
    private static final String REPLACE = """
            UPDATE message SET parts = ARRAY[?::bytea], registered_delivery = ?,
                   validity_until = COALESCE(?, validity_until), not_before = COALESCE(?, not_before),
                   updated_at = now()
             WHERE message_id = ? AND created_at = ? AND system_id = ? AND state = 'QUEUED'
            """ + AND_NOT_AT_CARRIER;

    // SMPP 3.4 §4.9.1: an empty message_id cancels every message from source_addr (to destination_addr, when
    // given) that is not yet at a carrier. Each gets its CANCELLED event, in the same statement.
    private static final String CANCEL_BY_SOURCE = """
            WITH cancelled AS (
                UPDATE message SET state = 'CANCELLED', updated_at = ?
                 WHERE state = 'QUEUED' AND system_id = ? AND source_addr = ? AND (? OR dest_addr = ?)
            """ + AND_NOT_AT_CARRIER + """
                RETURNING message_id),
            events AS (
                INSERT INTO message_event (message_id, created_at, state, detail)
                SELECT message_id, ?, 'CANCELLED', 'cancel_sm by source_addr' FROM cancelled)
            SELECT count(*) FROM cancelled""";

    private static final String OUTBOX_DEPTHS = """
            SELECT system_id, count(*), min(created_at) FROM outbox WHERE state = 'PENDING' GROUP BY system_id""";

    private final DataSource dataSource;
    private final ThreadPoolExecutor pool;

    public UpstreamStore(DataSource dataSource, int threads, int queueCapacity) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), task -> {
                    Thread thread = new Thread(task, "smsgate-upstream-store");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** A staged segment found at start-up. */
    record StagedPart(MessageId messageId, String setKey, int partNumber, int partCount, Submission submission,
                      Instant createdAt) {
    }

    /** Stores one segment of message {@code id}; completes after the commit (a repeated segment is a no-op). */
    CompletableFuture<Void> stage(MessageId id, String setKey, int partNumber, int partCount, Submission part,
            Instant now) {
        return async(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(STAGE)) {
                statement.setLong(1, id.value());
                statement.setString(2, part.systemId());
                statement.setString(3, setKey);
                statement.setInt(4, partNumber);
                statement.setInt(5, partCount);
                statement.setBytes(6, encode(part));
                statement.setTimestamp(7, Timestamp.from(now));
                statement.executeUpdate();
                return null;
            } catch (SQLException e) {
                throw new StoreException("stage part " + partNumber + "/" + partCount + " of " + id, e);
            }
        });
    }

    /** Forgets the staged segments of {@code id} once the message itself is stored. */
    CompletableFuture<Void> unstage(MessageId id) {
        return async(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(UNSTAGE)) {
                statement.setLong(1, id.value());
                statement.executeUpdate();
                return null;
            } catch (SQLException e) {
                throw new StoreException("unstage parts of " + id, e);
            }
        });
    }

    /**
     * Start-up: every staged segment whose message is not stored yet; staged rows of messages that were stored
     * (a crash between the insert and the clean-up) are deleted. Blocking.
     */
    List<StagedPart> recover() {
        List<StagedPart> parts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(STAGED);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                parts.add(new StagedPart(new MessageId(rows.getLong(1)), rows.getString(2), rows.getInt(3),
                        rows.getInt(4), decode(rows.getBytes(5)), rows.getTimestamp(6).toInstant()));
            }
            List<StagedPart> pending = new ArrayList<>();
            for (StagedPart part : parts) {
                if (stored(connection, part.messageId())) {
                    try (PreparedStatement delete = connection.prepareStatement(UNSTAGE)) {
                        delete.setLong(1, part.messageId().value());
                        delete.executeUpdate();
                    }
                } else {
                    pending.add(part);
                }
            }
            return pending;
        } catch (SQLException e) {
            throw new StoreException("recover staged parts", e);
        }
    }

    /**
     * replace_sm (SMPP 3.4 §4.10): new text, receipt request and times for a message of {@code systemId} that is
     * still QUEUED; completes with whether it was replaced.
     */
    CompletableFuture<Boolean> replace(MessageId id, String systemId, OctetString text, int registeredDelivery,
            Optional<Instant> validityUntil, Optional<Instant> notBefore) {
        return async(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(REPLACE)) {
                statement.setBytes(1, text.toByteArray());
                statement.setInt(2, registeredDelivery);
                statement.setTimestamp(3, validityUntil.map(Timestamp::from).orElse(null));
                statement.setTimestamp(4, notBefore.map(Timestamp::from).orElse(null));
                statement.setLong(5, id.value());
                statement.setTimestamp(6, Timestamp.from(id.createdAt()));
                statement.setString(7, systemId);
                return statement.executeUpdate() == 1;
            } catch (SQLException e) {
                throw new StoreException("replace message " + id, e);
            }
        });
    }

    private static boolean stored(Connection connection, MessageId id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(STORED)) {
            statement.setLong(1, id.value());
            statement.setTimestamp(2, Timestamp.from(id.createdAt()));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Cancels every QUEUED message of {@code systemId} from {@code source} (and to {@code destination}, when given);
     * completes with how many. Messages already handed to a carrier are not touched.
     */
    CompletableFuture<Integer> cancelBySource(String systemId, String source, Optional<String> destination,
            Instant now) {
        return async(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(CANCEL_BY_SOURCE)) {
                Timestamp at = Timestamp.from(now);
                statement.setTimestamp(1, at);
                statement.setString(2, systemId);
                statement.setString(3, source);
                statement.setBoolean(4, destination.isEmpty());
                statement.setString(5, destination.orElse(""));
                statement.setTimestamp(6, at);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            } catch (SQLException e) {
                throw new StoreException("cancel messages of " + systemId + " by source", e);
            }
        });
    }

    /** What waits in the outbox for each account (PENDING entries, due or not), for the outbox gauges. */
    public CompletableFuture<Map<String, OutboxMeters.Depth>> outboxDepths() {
        return async(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(OUTBOX_DEPTHS);
                 ResultSet rows = statement.executeQuery()) {
                Map<String, OutboxMeters.Depth> depths = new HashMap<>();
                while (rows.next()) {
                    depths.put(rows.getString(1), new OutboxMeters.Depth(rows.getLong(2),
                            rows.getTimestamp(3).toInstant()));
                }
                return depths;
            } catch (SQLException e) {
                throw new StoreException("outbox depths", e);
            }
        });
    }

    private <T> CompletableFuture<T> async(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new UpstreamOverloadedException("upstream store pool: full"));
        }
    }

    static byte[] encode(Submission s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + s.parts().get(0).length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(2);
            out.writeUTF(s.systemId());
            address(out, s.source());
            address(out, s.destination());
            out.writeByte(s.esmClass());
            out.writeByte(s.protocolId());
            out.writeByte(s.priorityFlag());
            out.writeByte(s.dataCoding());
            out.writeByte(s.registeredDelivery());
            out.writeLong(s.validityUntil().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
            out.writeLong(s.notBefore().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
            out.writeShort(s.parts().size());
            for (OctetString part : s.parts()) {
                out.writeInt(part.length());
                out.write(part.toByteArray());
            }
            out.writeInt(s.tlvs().length());
            out.write(s.tlvs().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Submission decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != 1 && version != 2) {
                throw new IllegalArgumentException("staged part version: " + version + " (expected: 1 or 2)");
            }
            String systemId = in.readUTF();
            Address source = address(in);
            Address destination = address(in);
            int esmClass = in.readUnsignedByte();
            int protocolId = in.readUnsignedByte();
            int priority = in.readUnsignedByte();
            int dataCoding = in.readUnsignedByte();
            int registeredDelivery = in.readUnsignedByte();
            long validity = in.readLong();
            long notBefore = in.readLong();
            int count = in.readUnsignedShort();
            List<OctetString> parts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] part = new byte[in.readInt()];
                in.readFully(part);
                parts.add(OctetString.wrap(part));
            }
            // Version 2 adds the optional parameters to pass on; a version 1 part staged before has none.
            OctetString tlvs = OctetString.EMPTY;
            if (version == 2) {
                byte[] stored = new byte[in.readInt()];
                in.readFully(stored);
                tlvs = OctetString.wrap(stored);
            }
            return new Submission(systemId, source, destination, esmClass, protocolId, priority, dataCoding,
                    registeredDelivery, instant(validity), instant(notBefore), Optional.empty(), parts, tlvs);
        } catch (IOException e) {
            throw new IllegalArgumentException("staged part: truncated", e);
        }
    }

    private static Optional<Instant> instant(long millis) {
        return millis == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    private static void address(DataOutputStream out, Address address) throws IOException {
        out.writeByte(address.ton());
        out.writeByte(address.npi());
        out.writeUTF(address.address());
    }

    private static Address address(DataInputStream in) throws IOException {
        return new Address(in.readUnsignedByte(), in.readUnsignedByte(), in.readUTF());
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
