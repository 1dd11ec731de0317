package io.smsgate.server.api;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.store.MessageId;
import io.smsgate.server.store.MessageStatus;
import io.smsgate.server.store.StoreException;
import io.smsgate.server.store.StoreReader;
import io.smsgate.server.store.StoredMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * An account's message records: a filtered page, newest first, and a time range streamed oldest first for the
 * CSV export. Blocking (JDBC): called on the API's worker pool.
 */
final class MessageRecords {

    // Each optional filter is "parameter IS NULL OR column matches"; created_at bounds prune the day partitions.
    private static final String PAGE = "SELECT " + StoreReader.MESSAGE_COLUMNS + " " + """
             FROM message_current m
             WHERE system_id = ? AND created_at >= ? AND created_at < ? AND message_id < ?
               AND (?::text IS NULL OR state = ?)
               AND (?::text IS NULL OR dest_addr = ?)
               AND (?::text IS NULL OR source_addr = ?)
               AND (?::text IS NULL OR carrier_message_id = ?
                    OR EXISTS (SELECT 1 FROM carrier_ref r WHERE r.carrier_message_id = ? AND r.message_id = m.message_id
                                 AND r.message_created_at = m.created_at))
             ORDER BY created_at DESC, message_id DESC
             LIMIT ?""";
    private static final String RANGE = "SELECT " + StoreReader.MESSAGE_COLUMNS + " " + """
             FROM message_current WHERE system_id = ? AND created_at >= ? AND created_at < ?
             ORDER BY created_at, message_id""";

    private final DataSource dataSource;

    MessageRecords(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    /** The filters of GET /v1/messages; a cursor is the id of the last message of the previous page. */
    record Filter(Instant since, Instant until, Optional<MessageStatus> status, Optional<String> to,
                  Optional<String> from, Optional<String> carrierMessageId, Optional<MessageId> cursor, int limit) {
        Filter {
            requireNonNull(since, "since");
            requireNonNull(until, "until");
            requireNonNull(status, "status");
            requireNonNull(to, "to");
            requireNonNull(from, "from");
            requireNonNull(carrierMessageId, "carrierMessageId");
            requireNonNull(cursor, "cursor");
            if (limit < 1 || limit > 500) {
                throw new IllegalArgumentException("limit: " + limit + " (expected: 1..500)");
            }
        }
    }

    /** One page and, when more match, the cursor of the next. */
    record Page(List<StoredMessage> messages, Optional<MessageId> next) {
        Page {
            messages = List.copyOf(messages);
            requireNonNull(next, "next");
        }
    }

    Page page(String systemId, Filter filter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(PAGE)) {
            int i = 1;
            statement.setString(i++, systemId);
            statement.setObject(i++, IdempotencyStore.utc(filter.since()));
            statement.setObject(i++, IdempotencyStore.utc(filter.until()));
            statement.setLong(i++, filter.cursor().map(MessageId::value).orElse(Long.MAX_VALUE));
            i = pair(statement, i, filter.status().map(MessageStatus::name));
            i = pair(statement, i, filter.to());
            i = pair(statement, i, filter.from());
            i = pair(statement, i, filter.carrierMessageId());
            statement.setObject(i++, filter.carrierMessageId().orElse(null), Types.VARCHAR);
            statement.setInt(i, filter.limit() + 1);
            List<StoredMessage> messages = new ArrayList<>(filter.limit() + 1);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    messages.add(StoreReader.storedMessage(rows));
                }
            }
            if (messages.size() > filter.limit()) {
                messages = messages.subList(0, filter.limit());
                return new Page(messages, Optional.of(messages.get(messages.size() - 1).id()));
            }
            return new Page(messages, Optional.empty());
        } catch (SQLException e) {
            throw new StoreException("page of messages of " + systemId, e);
        }
    }

    /**
     * Streams the account's messages accepted in [since, until) to {@code sink}, oldest first, with a database
     * cursor (never the whole range in memory); returns how many.
     */
    int forEach(String systemId, Instant since, Instant until, Consumer<StoredMessage> sink) {
        return StoreReader.stream(dataSource, RANGE, statement -> {
            statement.setString(1, systemId);
            statement.setObject(2, IdempotencyStore.utc(since));
            statement.setObject(3, IdempotencyStore.utc(until));
        }, rows -> sink.accept(StoreReader.storedMessage(rows)), "export messages of " + systemId);
    }

    private static int pair(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        statement.setObject(index, value.orElse(null), Types.VARCHAR);
        statement.setObject(index + 1, value.orElse(null), Types.VARCHAR);
        return index + 2;
    }
}
