package io.smsgate.server.webhook;

import static java.util.Objects.requireNonNull;

import io.smsgate.server.store.StoreException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The webhook queue in PostgreSQL (V050): claims due events, settles attempts and records each one tried (V104), lists
 * and replays dead letters, lists a message's status callbacks (V102), both with their last attempts.
 */
public final class WebhookStore {

    // Fair across origins and bounded whatever the backlog: a loose index scan lists the origins with pending events
    // (one probe of webhook_event_due per origin), and for each origin not excluded (breaker open, or enough of its
    // events held) the oldest due events, at most perEndpoint, are read from that origin's slice of the index; of
    // those the oldest due overall are taken. Only the oldest pending event of each order_key is taken (events of
    // one message go out in order): a scalar subquery, which PostgreSQL runs once per candidate as a probe of
    // webhook_event_order in that index's order, where a NOT EXISTS became an anti-join whose inner side the
    // planner, on statistics older than a burst, chose to be a full scan of the pending events (V090). A single
    // filtered scan of the due index, as before V080, read the whole backlog of an excluded origin on every claim
    // (55 ms per cycle for 60,000 queued to one origin). The ids reach the UPDATE as an unnested array so that it finds its rows by primary key
    // whatever the statistics. The UPDATE re-checks state and due time, so two nodes claiming at once never both
    // take a row.
    static final String CLAIM = """
            WITH RECURSIVE origins AS (
                (SELECT endpoint FROM webhook_event WHERE state = 'PENDING' ORDER BY endpoint LIMIT 1)
                UNION ALL
                SELECT (SELECT e.endpoint FROM webhook_event e
                         WHERE e.state = 'PENDING' AND e.endpoint > o.endpoint ORDER BY e.endpoint LIMIT 1)
                  FROM origins o WHERE o.endpoint IS NOT NULL),
            due AS (
                SELECT d.event_id
                  FROM origins o
                 CROSS JOIN LATERAL (
                       SELECT e.event_id, e.next_attempt_at FROM webhook_event e
                        WHERE e.state = 'PENDING' AND e.endpoint = o.endpoint AND e.next_attempt_at <= ?
                          AND e.event_id = (SELECT p.event_id FROM webhook_event p
                                             WHERE p.order_key = e.order_key AND p.state = 'PENDING'
                                             ORDER BY p.order_key, p.event_id LIMIT 1)
                        ORDER BY e.next_attempt_at, e.event_id
                        LIMIT ?) d
                 WHERE o.endpoint IS NOT NULL AND o.endpoint <> ALL (?::text[])
                 ORDER BY d.next_attempt_at, d.event_id
                 LIMIT ?)
            UPDATE webhook_event w
               SET attempts = w.attempts + 1, next_attempt_at = ?
              FROM unnest(ARRAY(SELECT event_id FROM due)) AS p(event_id)
             WHERE w.event_id = p.event_id AND w.state = 'PENDING' AND w.next_attempt_at <= ?
            RETURNING w.event_id, w.system_id, w.event_type, w.url, w.endpoint, w.data::text, w.attempts,
                      w.replayed_attempts, w.retry_from, w.created_at""";

    // Every statement of a settle-and-claim transaction finds its rows by key (event ids, an order_key, an origin's
    // slice of the due index). The queue's size swings faster than statistics follow, and a plan made on the old
    // figures hash-joins a claim's 250 ids against every pending event, or scans them all once per id: as for the
    // Journal's session (JournalLane), the transaction forbids the shapes that only pay off on large inputs.
    static final String KEY_LOOKUPS_ONLY =
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off";

    private static final String DELIVERED = """
            UPDATE webhook_event w
               SET state = 'DELIVERED', last_status = u.status, last_error = NULL, settled_at = ?
              FROM unnest(?::bigint[], ?::integer[]) AS u(event_id, status)
             WHERE w.event_id = u.event_id AND w.state = 'PENDING'""";

    private static final String RESCHEDULED = """
            UPDATE webhook_event w
               SET state = u.state, next_attempt_at = COALESCE(u.next_attempt_at, w.next_attempt_at),
                   attempts = w.attempts - u.uncounted, last_status = COALESCE(u.status, w.last_status),
                   last_error = COALESCE(u.error, w.last_error),
                   settled_at = CASE WHEN u.state = 'DEAD' THEN ?::timestamptz END
              FROM unnest(?::bigint[], ?::text[], ?::timestamptz[], ?::integer[], ?::integer[], ?::text[])
                   AS u(event_id, state, next_attempt_at, uncounted, status, error)
             WHERE w.event_id = u.event_id AND w.state = 'PENDING'""";

    /** The longest error text an attempt keeps (webhook_attempt.error, V104); longer ones are cut. */
    static final int ATTEMPT_ERROR_MAX = 500;

    // Every attempt tried (V104), in the settle batch's transaction: one statement for the whole batch. ON CONFLICT
    // because an attempt number can come round twice: a node whose lease ran out while the event waited for a slot
    // postpones it (which takes the count back) after another node claimed and tried it, so the next claim takes
    // that node's number again. Failing the batch there would fail it again on every cycle.
    private static final String ATTEMPTS = """
            INSERT INTO webhook_attempt (event_id, attempt, started_at, duration_ms, url, failover, outcome, status,
                                         error)
            SELECT event_id, attempt, started_at, duration_ms, url, failover, outcome, status, left(error, %d)
              FROM unnest(?::bigint[], ?::integer[], ?::timestamptz[], ?::integer[], ?::text[], ?::boolean[],
                          ?::text[], ?::integer[], ?::text[])
                   AS u(event_id, attempt, started_at, duration_ms, url, failover, outcome, status, error)
            ON CONFLICT (event_id, attempt) DO NOTHING""".formatted(ATTEMPT_ERROR_MAX);

    /** The most attempts of one event that a message's detail or a dead letter shows: the last ones. */
    public static final int ATTEMPT_LOG_MAX = 20;

    // The last attempts of each of these events: per event, a backward range read of webhook_attempt's primary key
    // that stops at the limit, however many attempts a long-failing event has piled up.
    static final String ATTEMPT_LOG = """
            SELECT a.event_id, a.attempt, a.started_at, a.duration_ms, a.url, a.failover, a.outcome, a.status, a.error
              FROM unnest(?::bigint[]) AS e(event_id)
             CROSS JOIN LATERAL (
                   SELECT x.* FROM webhook_attempt x WHERE x.event_id = e.event_id
                    ORDER BY x.attempt DESC LIMIT ?) a""";

    private static final String DEAD_LETTERS = """
            SELECT event_id, event_type, url, attempts, last_status, last_error, created_at, settled_at
              FROM webhook_event
             WHERE system_id = ? AND state = 'DEAD' AND event_id > ?
             ORDER BY event_id LIMIT ?""";

    // A replay keeps the event's attempts on record: the count so far moves to replayed_attempts, so that the next
    // attempt is numbered after them in webhook_attempt, while attempts (backoff, failover alternation) and the retry
    // horizon start again.
    private static final String REPLAY = """
            UPDATE webhook_event
               SET state = 'PENDING', replayed_attempts = replayed_attempts + attempts, attempts = 0,
                   next_attempt_at = ?, retry_from = ?, settled_at = NULL
             WHERE system_id = ? AND state = 'DEAD' AND (? OR event_id = ?)""";

    // One message's status callbacks, found by V102's index on (order_key, event_id) of message.status events: a
    // range read of that message's few entries, already in event id order. The account test is a filter on the rows
    // read: a message's events all belong to its account, so it only hides another account's message.
    static final String OF_MESSAGE = """
            SELECT event_id, event_type, data->>'status', state, attempts, last_status, last_error, next_attempt_at,
                   settled_at, created_at, url
              FROM webhook_event
             WHERE order_key = ? AND event_type = 'message.status' AND system_id = ?
             ORDER BY order_key, event_id LIMIT ?""";

    private static final String PENDING = "SELECT count(*) FROM webhook_event WHERE state = 'PENDING'";

    private static final String FAILOVER = "SELECT failover_url FROM webhook_account WHERE system_id = ?";

    private static final String SET_URLS = """
            INSERT INTO webhook_account (system_id, mo_url, failover_url, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (system_id) DO UPDATE SET mo_url = excluded.mo_url, failover_url = excluded.failover_url,
                                                  updated_at = excluded.updated_at""";

    private static final String ENQUEUE = """
            INSERT INTO webhook_event (system_id, event_type, order_key, url, data, next_attempt_at, retry_from,
                                       created_at)
            VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)
            RETURNING event_id""";

    private final DataSource dataSource;

    public WebhookStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    /**
     * Writes the outcomes of finished attempts, then takes up to {@code claim.limit()} due events for this node until
     * the lease ends, ordered by event id: one transaction, so one commit (and one WAL flush) per dispatcher cycle.
     */
    List<WebhookEvent> settleAndClaim(List<Settlement> settlements, Instant now, Claim claim) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(KEY_LOOKUPS_ONLY);
                }
                settle(connection, settlements, now);
                List<WebhookEvent> events = claim.limit() > 0 ? claim(connection, now, claim) : List.of();
                connection.commit();
                return events;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("settle " + settlements.size() + " webhook attempts and claim up to "
                    + claim.limit(), e);
        }
    }

    /** Writes the outcomes of finished attempts (at stop, when nothing is claimed any more). */
    void settle(List<Settlement> settlements, Instant now) {
        settleAndClaim(settlements, now, Claim.NONE);
    }

    private static List<WebhookEvent> claim(Connection connection, Instant now, Claim claim) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            Timestamp at = Timestamp.from(now);
            statement.setTimestamp(1, at);
            statement.setInt(2, Math.min(claim.perEndpoint(), claim.limit()));
            statement.setArray(3, connection.createArrayOf("text", claim.excludedEndpoints().toArray()));
            statement.setInt(4, claim.limit());
            statement.setTimestamp(5, Timestamp.from(claim.leaseUntil()));
            statement.setTimestamp(6, at);
            List<WebhookEvent> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(new WebhookEvent(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getInt(7), rows.getInt(8),
                            rows.getTimestamp(9).toInstant(), rows.getTimestamp(10).toInstant()));
                }
            }
            events.sort(Comparator.comparingLong(WebhookEvent::eventId));
            return events;
        }
    }

    // One statement for the delivered, one for the rest, one for the attempts tried.
    private static void settle(Connection connection, List<Settlement> settlements, Instant now)
            throws SQLException {
        List<Settlement> delivered = new ArrayList<>();
        List<Settlement> other = new ArrayList<>();
        List<Settlement> tried = new ArrayList<>();
        for (Settlement s : settlements) {
            (s.state() == Settlement.State.DELIVERED ? delivered : other).add(s);
            if (s.tried().isPresent()) {
                tried.add(s);
            }
        }
        if (!delivered.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(DELIVERED)) {
                statement.setTimestamp(1, Timestamp.from(now));
                statement.setArray(2, connection.createArrayOf("bigint",
                        delivered.stream().map(Settlement::eventId).toArray()));
                statement.setArray(3, connection.createArrayOf("integer",
                        delivered.stream().map(s -> s.status().orElse(null)).toArray()));
                statement.executeUpdate();
            }
        }
        if (!other.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(RESCHEDULED)) {
                statement.setTimestamp(1, Timestamp.from(now));
                statement.setArray(2, array(connection, "bigint", other.stream().map(Settlement::eventId)
                        .toArray()));
                statement.setArray(3, array(connection, "text", other.stream().map(s -> s.state() ==
                        Settlement.State.DEAD ? "DEAD" : "PENDING").toArray()));
                statement.setArray(4, array(connection, "timestamptz", other.stream()
                        .map(s -> s.nextAttemptAt().map(Timestamp::from).orElse(null)).toArray()));
                statement.setArray(5, array(connection, "integer", other.stream()
                        .map(s -> s.state() == Settlement.State.POSTPONED ? 1 : 0).toArray()));
                statement.setArray(6, array(connection, "integer", other.stream()
                        .map(s -> s.status().orElse(null)).toArray()));
                statement.setArray(7, array(connection, "text", other.stream()
                        .map(s -> s.error().orElse(null)).toArray()));
                statement.executeUpdate();
            }
        }
        if (!tried.isEmpty()) {
            writeAttempts(connection, tried);
        }
    }

    private static void writeAttempts(Connection connection, List<Settlement> tried) throws SQLException {
        int n = tried.size();
        Object[] eventIds = new Object[n];
        Object[] numbers = new Object[n];
        Object[] startedAt = new Object[n];
        Object[] durations = new Object[n];
        Object[] urls = new Object[n];
        Object[] failovers = new Object[n];
        Object[] outcomes = new Object[n];
        Object[] statuses = new Object[n];
        Object[] errors = new Object[n];
        for (int i = 0; i < n; i++) {
            Settlement s = tried.get(i);
            Settlement.Tried t = s.tried().orElseThrow();
            eventIds[i] = s.eventId();
            numbers[i] = t.number();
            startedAt[i] = Timestamp.from(t.startedAt());
            // A wall clock stepped back during the request would make it negative, which the table refuses.
            durations[i] = t.duration().map(d -> (int) Math.max(0, Math.min(Integer.MAX_VALUE, d.toMillis())))
                    .orElse(null);
            urls[i] = t.url();
            failovers[i] = t.failover();
            outcomes[i] = s.state().name();
            statuses[i] = s.status().orElse(null);
            errors[i] = s.state() == Settlement.State.DELIVERED ? null : s.error().orElse(null);
        }
        try (PreparedStatement statement = connection.prepareStatement(ATTEMPTS)) {
            statement.setArray(1, array(connection, "bigint", eventIds));
            statement.setArray(2, array(connection, "integer", numbers));
            statement.setArray(3, array(connection, "timestamptz", startedAt));
            statement.setArray(4, array(connection, "integer", durations));
            statement.setArray(5, array(connection, "text", urls));
            statement.setArray(6, array(connection, "boolean", failovers));
            statement.setArray(7, array(connection, "text", outcomes));
            statement.setArray(8, array(connection, "integer", statuses));
            statement.setArray(9, array(connection, "text", errors));
            statement.executeUpdate();
        }
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }

    /** The account's dead letters after {@code afterEventId}, oldest first, each with its last attempts. */
    public List<DeadLetter> deadLetters(String systemId, long afterEventId, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(DEAD_LETTERS)) {
            statement.setString(1, systemId);
            statement.setLong(2, afterEventId);
            statement.setInt(3, limit);
            List<DeadLetter> letters = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    letters.add(new DeadLetter(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getInt(4),
                            integer(rows, 5), Optional.ofNullable(rows.getString(6)),
                            rows.getTimestamp(7).toInstant(), rows.getTimestamp(8).toInstant(), List.of()));
                }
            }
            Map<Long, List<Attempt>> logs = attemptLogs(connection,
                    letters.stream().map(DeadLetter::eventId).toArray());
            return letters.stream().map(l -> l.withAttemptLog(logs.getOrDefault(l.eventId(), List.of()))).toList();
        } catch (SQLException e) {
            throw new StoreException("list webhook dead letters " + systemId, e);
        }
    }

    /**
     * The account's status callbacks of message {@code messageId} (its webhook_event rows with order key
     * {@code msg:<id>}), oldest first, at most {@code limit}, each with its last attempts; none once retention purged
     * them.
     */
    public List<MessageWebhook> ofMessage(String systemId, long messageId, int limit) {
        requireNonNull(systemId, "systemId");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(OF_MESSAGE)) {
            statement.setString(1, "msg:" + messageId);
            statement.setString(2, systemId);
            statement.setInt(3, limit);
            List<MessageWebhook> webhooks = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    MessageWebhook.State state = MessageWebhook.State.valueOf(rows.getString(4));
                    int status = rows.getInt(6);
                    Optional<Integer> lastStatus = rows.wasNull() ? Optional.empty() : Optional.of(status);
                    // next_attempt_at is also written while delivered or dead (the claim's lease): only a pending
                    // event has a next attempt.
                    Optional<Instant> next = state == MessageWebhook.State.PENDING
                            ? Optional.of(rows.getTimestamp(8).toInstant()) : Optional.empty();
                    webhooks.add(new MessageWebhook(rows.getLong(1), rows.getString(2),
                            Optional.ofNullable(rows.getString(3)), state, rows.getInt(5), lastStatus,
                            Optional.ofNullable(rows.getString(7)), next,
                            Optional.ofNullable(rows.getTimestamp(9)).map(Timestamp::toInstant),
                            rows.getTimestamp(10).toInstant(), rows.getString(11), List.of()));
                }
            }
            Map<Long, List<Attempt>> logs = attemptLogs(connection,
                    webhooks.stream().map(MessageWebhook::eventId).toArray());
            return webhooks.stream().map(w -> w.withAttemptLog(logs.getOrDefault(w.eventId(), List.of()))).toList();
        } catch (SQLException e) {
            throw new StoreException("list webhooks of message " + messageId + " for " + systemId, e);
        }
    }

    /** The last {@link #ATTEMPT_LOG_MAX} attempts of each of {@code eventIds}, oldest first, by event id. */
    private static Map<Long, List<Attempt>> attemptLogs(Connection connection, Object[] eventIds)
            throws SQLException {
        if (eventIds.length == 0) {
            return Map.of();
        }
        Map<Long, List<Attempt>> logs = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(ATTEMPT_LOG)) {
            statement.setArray(1, connection.createArrayOf("bigint", eventIds));
            statement.setInt(2, ATTEMPT_LOG_MAX);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int millis = rows.getInt(4);
                    Optional<Duration> duration = rows.wasNull() ? Optional.empty()
                            : Optional.of(Duration.ofMillis(millis));
                    logs.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(new Attempt(rows.getInt(2),
                            rows.getTimestamp(3).toInstant(), duration, rows.getString(5), rows.getBoolean(6),
                            Attempt.Outcome.valueOf(rows.getString(7)), integer(rows, 8),
                            Optional.ofNullable(rows.getString(9))));
                }
            }
        }
        logs.values().forEach(attempts -> attempts.sort(Comparator.comparingInt(Attempt::number)));
        return logs;
    }

    private static Optional<Integer> integer(ResultSet rows, int column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(value);
    }

    /** Puts the account's dead letter {@code eventId} (or all of them) back in the queue; returns how many. */
    public int replay(String systemId, Optional<Long> eventId, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(REPLAY)) {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setString(3, systemId);
            statement.setBoolean(4, eventId.isEmpty());
            statement.setLong(5, eventId.orElse(0L));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("replay webhook dead letters " + systemId, e);
        }
    }

    /** Events waiting for delivery, on every node. */
    long pending() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(PENDING);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("count pending webhook events", e);
        }
    }

    /** The account's failover URL, when it has one. */
    Optional<String> failoverUrl(String systemId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FAILOVER)) {
            statement.setString(1, systemId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("find webhook failover " + systemId, e);
        }
    }

    /** Sets where the account's MOs go (empty: to its SMPP receivers) and its failover URL. */
    public void setUrls(String systemId, Optional<String> moUrl, Optional<String> failoverUrl, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SET_URLS)) {
            statement.setString(1, systemId);
            statement.setString(2, moUrl.orElse(null));
            statement.setString(3, failoverUrl.orElse(null));
            statement.setTimestamp(4, Timestamp.from(now));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("set webhook urls " + systemId, e);
        }
    }

    /**
     * Queues an event written outside the triggers (the send API's own events, tests, benchmarks); events with the
     * same {@code orderKey} are delivered in the order they were queued. Returns the event id.
     */
    public long enqueue(String systemId, String type, String orderKey, String url, String dataJson, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ENQUEUE)) {
            statement.setString(1, systemId);
            statement.setString(2, type);
            statement.setString(3, orderKey);
            statement.setString(4, url);
            statement.setString(5, dataJson);
            Timestamp at = Timestamp.from(now);
            statement.setTimestamp(6, at);
            statement.setTimestamp(7, at);
            statement.setTimestamp(8, at);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("enqueue webhook event " + systemId, e);
        }
    }

    /**
     * A dead-lettered event as the dead-letter list shows it; {@code attempts} counts those since its last replay,
     * {@code attemptLog} holds its last {@link #ATTEMPT_LOG_MAX} attempts, oldest first.
     */
    public record DeadLetter(long eventId, String type, String url, int attempts, Optional<Integer> lastStatus,
                             Optional<String> lastError, Instant createdAt, Instant deadAt, List<Attempt> attemptLog) {
        public DeadLetter {
            requireNonNull(type, "type");
            requireNonNull(url, "url");
            requireNonNull(lastStatus, "lastStatus");
            requireNonNull(lastError, "lastError");
            requireNonNull(createdAt, "createdAt");
            requireNonNull(deadAt, "deadAt");
            attemptLog = List.copyOf(attemptLog);
        }

        DeadLetter withAttemptLog(List<Attempt> log) {
            return new DeadLetter(eventId, type, url, attempts, lastStatus, lastError, createdAt, deadAt, log);
        }
    }

    /**
     * One status callback of a message as the message detail shows it (issue #6); {@code attempts} counts those since
     * its last replay, {@code attemptLog} holds its last {@link #ATTEMPT_LOG_MAX} attempts, oldest first.
     */
    public record MessageWebhook(long eventId, String type, Optional<String> status, State state, int attempts,
                                 Optional<Integer> lastStatus, Optional<String> lastError,
                                 Optional<Instant> nextAttemptAt, Optional<Instant> settledAt, Instant createdAt,
                                 String url, List<Attempt> attemptLog) {
        /** Where the event is in its delivery (webhook_event.state). */
        public enum State {
            /** Waiting for its first or next attempt. */
            PENDING,
            /** A 2xx answered it. */
            DELIVERED,
            /** Given up: a dead letter, replayable. */
            DEAD
        }

        public MessageWebhook {
            requireNonNull(type, "type");
            requireNonNull(status, "status");
            requireNonNull(state, "state");
            requireNonNull(lastStatus, "lastStatus");
            requireNonNull(lastError, "lastError");
            requireNonNull(nextAttemptAt, "nextAttemptAt");
            requireNonNull(settledAt, "settledAt");
            requireNonNull(createdAt, "createdAt");
            requireNonNull(url, "url");
            attemptLog = List.copyOf(attemptLog);
        }

        MessageWebhook withAttemptLog(List<Attempt> log) {
            return new MessageWebhook(eventId, type, status, state, attempts, lastStatus, lastError, nextAttemptAt,
                    settledAt, createdAt, url, log);
        }

        /** The webhook-id the receiver saw. */
        public String webhookId() {
            return "evt_" + eventId;
        }
    }

    /**
     * What a cycle claims: up to {@code limit} events, at most {@code perEndpoint} of one origin, none of the
     * excluded origins (breaker open, or enough of theirs held), leased until {@code leaseUntil}.
     */
    record Claim(int limit, int perEndpoint, Set<String> excludedEndpoints, Instant leaseUntil) {
        static final Claim NONE = new Claim(0, 1, Set.of(), Instant.EPOCH);

        Claim {
            if (limit < 0 || perEndpoint < 1) {
                throw new IllegalArgumentException("claim: limit " + limit + ", per endpoint " + perEndpoint
                        + " (expected: limit >= 0, per endpoint >= 1)");
            }
            excludedEndpoints = Set.copyOf(excludedEndpoints);
            requireNonNull(leaseUntil, "leaseUntil");
        }
    }

    /**
     * The outcome of one attempt, written in the next settle batch; {@code tried} is what webhook_attempt records of
     * it (V104), absent exactly when it was not tried (POSTPONED).
     */
    record Settlement(long eventId, State state, Optional<Instant> nextAttemptAt, Optional<Integer> status,
                      Optional<String> error, Optional<Tried> tried) {
        enum State {
            /** 2xx: done. */
            DELIVERED,
            /** Failed, tried again at nextAttemptAt. */
            RETRY,
            /** Not tried (breaker open, node stopping): back at nextAttemptAt, the claim's attempt not counted. */
            POSTPONED,
            /** Failed for good, or its horizon passed: the dead letter. */
            DEAD
        }

        Settlement {
            requireNonNull(state, "state");
            requireNonNull(nextAttemptAt, "nextAttemptAt");
            requireNonNull(status, "status");
            requireNonNull(error, "error");
            requireNonNull(tried, "tried");
            if (tried.isPresent() == (state == State.POSTPONED)) {
                throw new IllegalArgumentException("settlement of event " + eventId + ": state " + state + ", tried "
                        + tried.isPresent() + " (expected: tried unless postponed)");
            }
        }

        /**
         * One attempt as tried: its number in the event's attempt log (from 1, counting the attempts before a
         * replay), the URL it went to and whether that was the account's failover URL, when it started and how long
         * the request took (absent when none was sent).
         */
        record Tried(int number, String url, boolean failover, Instant startedAt, Optional<Duration> duration) {
            Tried {
                if (number < 1) {
                    throw new IllegalArgumentException("attempt: " + number + " (expected: >= 1)");
                }
                requireNonNull(url, "url");
                requireNonNull(startedAt, "startedAt");
                requireNonNull(duration, "duration");
            }
        }
    }

    /**
     * One attempt of an event as its attempt log shows it (webhook_attempt, V104): its number (from 1, counting
     * across replays), when it started and how long the request took (absent when none was sent), the URL it went to
     * and whether that was the account's failover URL, what it led to, the HTTP status answered and why it failed.
     */
    public record Attempt(int number, Instant startedAt, Optional<Duration> duration, String url, boolean failover,
                          Outcome outcome, Optional<Integer> status, Optional<String> error) {
        /** What the attempt led to. */
        public enum Outcome {
            /** A 2xx answered it. */
            DELIVERED,
            /** It failed and the event was tried again later. */
            RETRY,
            /** It failed and the event was given up: a dead letter. */
            DEAD
        }

        public Attempt {
            requireNonNull(startedAt, "startedAt");
            requireNonNull(duration, "duration");
            requireNonNull(url, "url");
            requireNonNull(outcome, "outcome");
            requireNonNull(status, "status");
            requireNonNull(error, "error");
        }
    }
}
