package io.smsgate.server.carrier;

import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Reads the receipt state of every part of a multipart message (the newest submission of each part) and combines
 * them under {@link MultipartReceipts#ALL_PARTS}: DELIVERED when every part is, the first failed part's state when
 * all are final, nothing while a part is still open. Runs on a bounded executor, never on an event loop.
 */
final class PartStates {

    private static final String PARTS = """
            SELECT DISTINCT ON (part_index) part_index, state FROM carrier_ref
             WHERE message_id = ? AND message_created_at = ?
             ORDER BY part_index, created_at DESC""";

    private final DataSource dataSource;
    private final Executor executor;

    PartStates(DataSource dataSource, Executor executor) {
        this.dataSource = dataSource;
        this.executor = executor;
    }

    /** Each part's state, in part order (empty: no receipt yet). */
    CompletableFuture<List<Optional<MessageStatus>>> states(MessageId id) {
        return CompletableFuture.supplyAsync(() -> read(id), executor);
    }

    static Optional<MessageStatus> combine(List<Optional<MessageStatus>> parts, int partCount) {
        if (parts.size() < partCount) {
            return Optional.empty();
        }
        MessageStatus failed = null;
        for (Optional<MessageStatus> part : parts) {
            if (part.isEmpty() || !part.get().isFinal()) {
                return Optional.empty();
            }
            if (part.get() != MessageStatus.DELIVERED && failed == null) {
                failed = part.get();
            }
        }
        return Optional.of(failed == null ? MessageStatus.DELIVERED : failed);
    }

    private List<Optional<MessageStatus>> read(MessageId id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(PARTS)) {
            statement.setLong(1, id.value());
            statement.setObject(2, OffsetDateTime.ofInstant(id.createdAt(), ZoneOffset.UTC));
            List<Optional<MessageStatus>> states = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String state = rows.getString("state");
                    states.add(state == null ? Optional.empty() : Optional.of(MessageStatus.valueOf(state)));
                }
            }
            return states;
        } catch (SQLException e) {
            throw new StoreException("part states of " + id, e);
        }
    }
}
